import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EXTRACT_SPECS } from '../contract/extract-specs.js';
import { InputError } from '../util/input-error.js';
import { guessExtracts, type ExtractGuess, type FileHeaders } from './guess-extract.js';
import { BOOL_WORDS, guessCode } from './guess-codes.js';
import { MISSING_CODES } from './code-synonyms.js';
import { normaliseHeader } from './normalise-header.js';
import { guessDateFormat, type DateFormatGuess } from './guess-date-format.js';
import { schoolYearsOf } from './guess-years.js';
import { listExtractFiles, readHeaders, topValues } from './sample-source.js';
import { readerErrorText } from '../util/reader-error-text.js';

/** One source code and what the pipeline should map it to (null = missing). */
export interface CodeMapping {
  from: string;
  to: string | null;
  rows: number;
}

/** The codes found in one coded or yes/no column. */
export interface ColumnCodes {
  column: string;
  mappings: CodeMapping[];
  /** codes that are neither canonical nor guessed: rejected as unknown_code (or bad_bool) unless mapped */
  unguessed: { code: string; rows: number }[];
  /** the column has more distinct values than were read */
  more: boolean;
}

/** What `hve init` decided for one extract. */
export interface SourcePlan extends ExtractGuess {
  codes: ColumnCodes[];
  dateFormat?: DateFormatGuess;
}

/** Everything `hve init` decided, before it is written as YAML. */
export interface InitPlan {
  folder: string;
  sources: SourcePlan[];
  unused: FileHeaders[];
  outcomeYear: number;
  /** the outcome year came from --year rather than from the data */
  yearGiven: boolean;
  /** the school years of the students extract */
  years: number[];
  site: string;
  siteGiven: boolean;
}

/** Options of `hve init` that shape the plan. */
export interface InitPlanOptions {
  site?: string;
  year?: number;
}

const SITE = /^[a-z0-9][a-z0-9_-]*$/i;
const REQUIRED = ['students', 'visits', 'attendance'] as const;

/** A site id from a folder name: lower case, runs of other characters as `-`; `district` when nothing is left. */
export function siteFromFolder(folder: string): string {
  const s = basename(folder).toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+|-+$/g, '');
  return SITE.test(s) ? s : 'district';
}

/** Read the codes of each coded (type 'code') and yes/no column a source maps, and guess a mapping for the non-canonical ones. */
async function columnCodes(conn: DuckDBConnection, g: ExtractGuess, limit: number): Promise<ColumnCodes[]> {
  const spec = EXTRACT_SPECS[g.spec];
  const out: ColumnCodes[] = [];
  for (const c of g.columns.columns) {
    const col = spec.columns.find((s) => s.name === c.column)!;
    if (col.type !== 'code' && col.type !== 'bool') continue;
    const { values, more } = await topValues(conn, g.file, c.header, limit);
    const mappings: CodeMapping[] = [];
    const unguessed: ColumnCodes['unguessed'] = [];
    const seen = new Map<string, CodeMapping | ColumnCodes['unguessed'][number] | null>();
    // a yes/no column that also holds other codes (F/R/P lunch codes): its T/F/Y/N may mean something else ("F" = free),
    // and the reader then reads only mapped codes, so every value gets an entry to check
    const mixedBool = col.type === 'bool' && values.some((v) => !BOOL_WORDS.includes(v.value.trim().toLowerCase()) && !MISSING_CODES.includes(normaliseHeader(v.value)));
    for (const v of values) {
      // the mapping matches case-insensitively: spellings of one code are one entry (the most common spelling)
      const key = v.value.toLowerCase();
      if (seen.has(key)) {
        const entry = seen.get(key);
        if (entry) entry.rows += v.rows;
        continue;
      }
      const guess = guessCode(g.spec, col, v.value, mixedBool);
      if (guess.kind === 'canonical') seen.set(key, null);
      else if (guess.kind === 'guess') {
        const m = { from: v.value, to: guess.to, rows: v.rows };
        mappings.push(m);
        seen.set(key, m);
      } else {
        const u = { code: v.value, rows: v.rows };
        unguessed.push(u);
        seen.set(key, u);
      }
    }
    if (mappings.length || unguessed.length || more) out.push({ column: c.column, mappings, unguessed, more });
  }
  return out;
}

/** The headers of a source's mapped date columns. */
function dateHeaders(g: ExtractGuess): string[] {
  const spec = EXTRACT_SPECS[g.spec];
  return g.columns.columns.filter((c) => spec.columns.find((s) => s.name === c.column)!.type === 'date').map((c) => c.header);
}

/**
 * Look at every CSV and Parquet file of a folder and decide the pipeline: which file is which extract, the
 * header mapping, the code mappings, each source's date format, the attendance shape and the outcome year.
 * All reading is bounded SQL in DuckDB (headers, the 50 most common codes of a column, 200 distinct dates, 50 years).
 */
export async function buildInitPlan(conn: DuckDBConnection, folder: string, opts: InitPlanOptions = {}): Promise<InitPlan> {
  if (opts.site !== undefined && !SITE.test(opts.site)) {
    throw new InputError(`--site "${opts.site}" is not a short id of letters, digits, - or _ (starting with a letter or digit).`);
  }
  const files = listExtractFiles(folder);
  if (!files.length) throw new InputError(`${folder} holds no CSV or Parquet file to take extracts from.`, { file: folder });
  const withHeaders: FileHeaders[] = [];
  for (const file of files) {
    try {
      withHeaders.push({ file, headers: await readHeaders(conn, file) });
    } catch (e) {
      throw new InputError(`Could not read ${file}: ${readerErrorText((e as Error).message, file)}.`, { file });
    }
  }
  const { extracts, unused } = guessExtracts(withHeaders);
  const missing = REQUIRED.filter((x) => !extracts.some((e) => e.extract === x));
  if (missing.length) {
    const needs = missing.map((x) => {
      const spec = EXTRACT_SPECS[x === 'attendance' ? 'attendance_daily' : x];
      return `${x} (${spec.columns.filter((c) => c.required).map((c) => c.name).join(', ')}${x === 'attendance' ? '; or a summary with days_enrolled, days_absent' : ''})`;
    });
    throw new InputError(
      `No file in ${folder} looks like the ${needs.join(' or the ')} extract, which every pipeline needs (files there: ${files.map((f) => basename(f)).join(', ')}); rename that file or its headers, or write the pipeline by hand.`,
      { file: folder },
    );
  }
  const sources: SourcePlan[] = [];
  for (const g of extracts) {
    sources.push({ ...g, codes: await columnCodes(conn, g, 50), dateFormat: await guessDateFormat(conn, g.file, dateHeaders(g)) });
  }
  const students = sources.find((s) => s.extract === 'students')!;
  const yearHeader = students.columns.columns.find((c) => c.column === 'school_year')?.header;
  const { years, unread } = yearHeader ? await schoolYearsOf(conn, students.file, yearHeader) : { years: [], unread: [] };
  if (opts.year === undefined && !years.length) {
    const what = yearHeader ? `no school year in column "${yearHeader}" (values like ${unread.slice(0, 3).map((v) => `"${v}"`).join(', ') || 'none'})` : 'no school_year column';
    throw new InputError(`${students.file} has ${what}; pass --year <the school year's ending calendar year>.`, { file: students.file });
  }
  if (opts.year !== undefined && years.length && !years.includes(opts.year)) {
    throw new InputError(`--year ${opts.year} is not a school year of ${students.file} (it has ${years.join(', ')}).`, { file: students.file });
  }
  return {
    folder,
    sources,
    unused,
    outcomeYear: opts.year ?? years[years.length - 1]!,
    yearGiven: opts.year !== undefined,
    years,
    site: opts.site ?? siteFromFolder(folder),
    siteGiven: opts.site !== undefined,
  };
}
