import { basename } from 'node:path';
import { EXTRACT_SPECS, type ExtractName } from '../contract/extract-specs.js';
import type { ContractExtract } from '../contract/extract-doc.js';
import { guessColumns, type ColumnsGuess } from './guess-columns.js';
import { normaliseHeader } from './normalise-header.js';

/** A file of the folder with its headers. */
export interface FileHeaders {
  file: string;
  headers: string[];
}

/** A file taken as one extract (and, for attendance, one shape), with its column guess. */
export interface ExtractGuess extends FileHeaders {
  extract: ContractExtract;
  spec: ExtractName;
  columns: ColumnsGuess;
  /** the file name suggests this extract */
  byName: boolean;
}

/** Words in file names that suggest an extract (tested on the normalised name). */
const NAME_HINTS: Record<ContractExtract, RegExp> = {
  students: /stud|roster|enrol|demog|pupil|membership/,
  visits: /visit|^hv/,
  attendance: /att|absen|daily/,
  discipline: /disc|incident|behav|suspen|referr/,
  assessments: /assess|test|score|sbac|caaspp|exam/,
  schools: /^(schools?|buildings?|sites?|campus(es)?)([^a-z]|list|info|directory|$)/,
};

const SPECS: { extract: ContractExtract; spec: ExtractName }[] = [
  { extract: 'students', spec: 'students' },
  { extract: 'visits', spec: 'visits' },
  { extract: 'attendance', spec: 'attendance_daily' },
  { extract: 'attendance', spec: 'attendance_summary' },
  { extract: 'discipline', spec: 'discipline' },
  { extract: 'assessments', spec: 'assessments' },
  { extract: 'schools', spec: 'schools' },
];

/** Whether a file's name suggests an extract. */
export function nameSuggests(file: string, extract: ContractExtract): boolean {
  return NAME_HINTS[extract].test(normaliseHeader(basename(file).replace(/\.[^.]*$/, '')));
}

/**
 * How well a file fits an extract shape: undefined when it cannot be that extract (a required column has no
 * header and the name does not suggest it, or only one column matches without the name), else the number of
 * matched columns, plus 3 when the file name suggests it.
 */
function score(f: FileHeaders, spec: ExtractName, extract: ContractExtract): { score: number; guess: ExtractGuess } | undefined {
  const columns = guessColumns(EXTRACT_SPECS[spec], f.headers);
  const byName = nameSuggests(f.file, extract);
  const complete = columns.missingRequired.length === 0;
  if (!byName && (!complete || columns.columns.length < 2)) return undefined;
  if (byName && !complete && columns.columns.length === 0) return undefined;
  return { score: columns.columns.length + (byName ? 3 : 0) + (complete ? 10 : 0), guess: { ...f, extract, spec, columns, byName } };
}

/**
 * Take each file as at most one extract and each extract from at most one file: the best-fitting (file,
 * extract) pairs first. Returns the extracts found and the files left over.
 */
export function guessExtracts(files: readonly FileHeaders[]): { extracts: ExtractGuess[]; unused: FileHeaders[] } {
  const pairs = files.flatMap((f) => SPECS.map((s) => score(f, s.spec, s.extract)).filter((p) => p !== undefined));
  pairs.sort((a, b) => b.score - a.score || a.guess.file.localeCompare(b.guess.file));
  const extracts: ExtractGuess[] = [];
  for (const p of pairs) {
    if (extracts.some((e) => e.extract === p.guess.extract || e.file === p.guess.file)) continue;
    extracts.push(p.guess);
  }
  const order = (x: ExtractGuess) => SPECS.findIndex((s) => s.extract === x.extract);
  extracts.sort((a, b) => order(a) - order(b));
  return { extracts, unused: files.filter((f) => !extracts.some((e) => e.file === f.file)) };
}
