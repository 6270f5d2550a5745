import { basename, dirname, extname, join } from 'node:path';
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
  educators: /educator|staff|teacher|employee/,
};

const SPECS: { extract: ContractExtract; spec: ExtractName }[] = [
  { extract: 'students', spec: 'students' },
  { extract: 'visits', spec: 'visits' },
  { extract: 'attendance', spec: 'attendance_daily' },
  { extract: 'attendance', spec: 'attendance_summary' },
  { extract: 'discipline', spec: 'discipline' },
  { extract: 'assessments', spec: 'assessments' },
  { extract: 'schools', spec: 'schools' },
  { extract: 'educators', spec: 'educators' },
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
  let unused = files.filter((f) => !extracts.some((e) => e.file === f.file));
  // an extract split over files with the same headers (Attendance_2016.csv, Attendance_2017.csv) is read as one glob
  for (const e of extracts) {
    const parts = unused.filter((f) => dirname(f.file) === dirname(e.file) && extname(f.file) === extname(e.file) && f.headers.join('\u0000') === e.headers.join('\u0000'));
    const pattern = parts.length ? globOf([e.file, ...parts.map((f) => f.file)], files.map((f) => f.file)) : null;
    if (!pattern) continue;
    e.file = pattern;
    unused = unused.filter((f) => !parts.includes(f));
  }
  return { extracts, unused };
}

/**
 * A glob (prefix*suffix of the file names) that matches exactly `group` among `all` files of the folder, or null.
 */
export function globOf(group: readonly string[], all: readonly string[]): string | null {
  const names = group.map((f) => basename(f));
  let prefix = names[0]!;
  for (const n of names) while (!n.startsWith(prefix)) prefix = prefix.slice(0, -1);
  let suffix = names[0]!;
  for (const n of names) while (!n.endsWith(suffix)) suffix = suffix.slice(1);
  if (names.some((n) => n.length < prefix.length + suffix.length)) return null;
  const dir = dirname(group[0]!);
  const matches = all.filter((f) => dirname(f) === dir && basename(f).startsWith(prefix) && basename(f).endsWith(suffix) && basename(f).length >= prefix.length + suffix.length);
  return matches.length === group.length ? join(dir, `${prefix}*${suffix}`) : null;
}
