/**
 * Read a survey file (CSV or Parquet, wide or long) through DuckDB into `survey_resp` (one row per accepted
 * respondent-wave) and `survey_answers` (one row per answered item), with every rejected row counted by reason.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryOne, queryRows } from '../util/duckdb.js';
import { ident, lit } from '../util/sql.js';
import { InputError } from '../util/input-error.js';
import { mixedLineEndingsMessage } from '../ingest/line-endings.js';
import { SURVEY_REJECT_REASONS, type SurveyRejectReason } from '../results/survey-results-schema.js';
import type { ResolvedScale } from './instrument-schema.js';

/** Key columns of a survey row; the first four are required. */
export const REQUIRED_KEYS = ['respondent_id', 'respondent_type', 'school_id', 'wave'] as const;
export const OPTIONAL_KEYS = ['educator_id', 'student_id', 'family_id'] as const;
const LONG_KEYS = ['item', 'response'] as const;
/** Column names taken as free text when none is declared. */
export const DEFAULT_FREE_TEXT = ['comments', 'comment', 'notes'] as const;

/** How to read a survey file. */
export interface SurveyReadOptions {
  file: string;
  shownAs: string;
  layout: 'auto' | 'wide' | 'long';
  /** canonical key → the file's header */
  columns: Record<string, string>;
  /** key column → { source code: value, or null for missing } (e.g. respondent_type: { T: teacher }); codes match case-insensitively */
  values?: Record<string, Record<string, string | null>>;
  /** CSV delimiter; default sniffed */
  delimiter?: string;
  /** a value for a required key the file lacks (hve survey: respondent_type, school_id, wave) */
  fill: Partial<Record<(typeof REQUIRED_KEYS)[number], string>>;
  /** what to add to the error for a missing required key (hve survey: how to give respondent_type with --respondent-type) */
  missingHint?: Partial<Record<(typeof REQUIRED_KEYS)[number], string>>;
  /** other columns to keep on survey_resp as `x__<name>` (hve survey --group, --cluster) */
  keep: string[];
  /** the free-text columns (counted, never published); null: a column named comments, comment or notes */
  freeText?: string[] | null;
  scales: ResolvedScale[];
}

/** Row accounting of the file, and how many accepted respondents wrote in a free-text column. */
export interface SurveyRead {
  format: 'wide' | 'long';
  read: number;
  accepted: number;
  rejected: number;
  byReason: Partial<Record<SurveyRejectReason, number>>;
  freeTextRespondents: number;
  freeTextColumns: string[];
}

/** A response that is a number: trimmed text cast to DOUBLE (NULL for an empty answer). */
const num = (x: string) => `TRY_CAST(trim(${x}) AS DOUBLE)`;
const empty = (x: string) => `(${x} IS NULL OR trim(${x}) = '' OR upper(trim(${x})) = 'NA')`;

/** A key column with its codes mapped (case-insensitively; null: missing), other values as they are. */
function mapped(x: string, codes: Record<string, string | null> | undefined): string {
  const pairs = Object.entries(codes ?? {});
  if (!pairs.length) return x;
  return `CASE lower(${x}) ${pairs.map(([c, v]) => `WHEN ${lit(c.toLowerCase())} THEN ${v === null ? 'NULL' : lit(v)}`).join(' ')} ELSE ${x} END`;
}

/** The reason of a row from the first failing check, in the order given (NULL: accepted). */
function firstReason(checks: [SurveyRejectReason, string][]): string {
  return checks.length ? `CASE ${checks.map(([r, c]) => `WHEN ${c} THEN ${lit(r)}`).join(' ')} END` : 'NULL';
}

/** The declared free-text columns among the headers, and an error for any other column nobody claimed. */
function freeTextColumns(o: SurveyReadOptions, headers: string[], used: Set<string>): string[] {
  const byLower = new Map(headers.map((h) => [h.toLowerCase(), h]));
  const declared = o.freeText ?? null;
  const free = declared
    ? declared.map((c) => {
        const h = byLower.get(c.toLowerCase());
        if (!h) throw new InputError(`${o.shownAs} has no column "${c}" (declared free text); its columns are: ${headers.join(', ')}.`, { file: o.shownAs, column: c });
        return h;
      })
    : headers.filter((h) => (DEFAULT_FREE_TEXT as readonly string[]).includes(h.toLowerCase()));
  const unknown = headers.filter((h) => !used.has(h) && !free.includes(h));
  if (unknown.length) {
    throw new InputError(
      `${o.shownAs} has ${unknown.length === 1 ? 'a column' : 'columns'} that ${unknown.length === 1 ? 'is' : 'are'} neither a survey key, an item of the instruments nor declared free text: ${unknown.join(', ')} (declare free text with free_text: under sources.surveys or --free-text, or remove ${unknown.length === 1 ? 'it' : 'them'}).`,
      { file: o.shownAs, column: unknown[0]! },
    );
  }
  return free;
}

/** Load the file as text columns into `survey_raw` (with `line__`), counting the lines the CSV reader rejected. */
async function loadRaw(conn: DuckDBConnection, o: SurveyReadOptions): Promise<number> {
  const parquet = /\.parquet$/i.test(o.file);
  const reader = parquet
    ? `read_parquet(${lit(o.file)})`
    : `read_csv(${lit(o.file)}, header = true, all_varchar = true${o.delimiter ? `, delim = ${lit(o.delimiter)}` : ''}, store_rejects = true, rejects_table = 'rej_err_survey', rejects_scan = 'rej_scan_survey')`;
  try {
    await conn.run(`CREATE OR REPLACE TABLE survey_raw AS SELECT row_number() OVER () + 1 AS line__, * FROM ${reader}`);
  } catch (e) {
    const mixed = parquet ? null : mixedLineEndingsMessage(o.file);
    throw new InputError(mixed ?? `Could not read ${o.shownAs}: ${(e as Error).message.split('\n')[0]}`, { file: o.shownAs });
  }
  if (parquet) return 0;
  return (await queryOne<{ n: number }>(conn, 'SELECT count(DISTINCT line)::INTEGER AS n FROM rej_err_survey'))!.n;
}

/**
 * Read and check a survey file. Rejects: a required key empty (`missing_required`), respondent_type not teacher
 * or parent, an item the instruments do not name (long), a response that is not a number or is outside its
 * scale's range (or not a whole point of it), a second row of one respondent and wave (wide) or a second answer
 * to one item (long), a CSV line that cannot be parsed. read = accepted + rejected. A declared free-text column
 * (default: comments, comment, notes) is only counted; a wide item column missing, or any other column that is
 * neither a key nor an item nor free text, is an error (one sentence naming it).
 */
export async function readSurvey(conn: DuckDBConnection, o: SurveyReadOptions): Promise<SurveyRead> {
  const malformed = await loadRaw(conn, o);
  const headers = (await queryRows<{ column_name: string }>(conn, 'SELECT column_name FROM (DESCRIBE survey_raw)')).map((c) => c.column_name).filter((c) => c !== 'line__');
  const byLower = new Map(headers.map((h) => [h.toLowerCase(), h]));
  const headerOf = (key: string): string | undefined => {
    const mapped = o.columns[key];
    if (mapped !== undefined) {
      const h = byLower.get(mapped.toLowerCase());
      if (!h) throw new InputError(`${o.shownAs} has no column "${mapped}" (mapped to ${key}); its columns are: ${headers.join(', ')}.`, { file: o.shownAs, column: mapped });
      return h;
    }
    return byLower.get(key.toLowerCase());
  };
  const long = o.layout === 'long' || (o.layout === 'auto' && LONG_KEYS.every((k) => headerOf(k)));
  const keyExpr: Record<string, string> = {};
  for (const k of REQUIRED_KEYS) {
    const h = headerOf(k);
    if (h) keyExpr[k] = mapped(`trim(${ident(h)})`, o.values?.[k]);
    else if (o.fill[k] !== undefined) keyExpr[k] = lit(o.fill[k]!);
    else throw new InputError(`${o.shownAs} has no ${k} column (its columns are: ${headers.join(', ')})${o.missingHint?.[k] ? `; ${o.missingHint[k]}` : ''}.`, { file: o.shownAs, column: k });
  }
  for (const k of OPTIONAL_KEYS) keyExpr[k] = headerOf(k) ? mapped(`NULLIF(trim(${ident(headerOf(k)!)}), '')`, o.values?.[k]) : 'NULL::VARCHAR';
  const keep = o.keep.map((c) => {
    const h = byLower.get(c.toLowerCase());
    if (!h) throw new InputError(`${o.shownAs} has no column "${c}" (its columns are: ${headers.join(', ')}).`, { file: o.shownAs, column: c });
    return h;
  });
  const items = o.scales.flatMap((s) => s.items.map((i) => ({ item: i.item, lo: s.range[0], hi: s.range[1] })));
  const used = new Set([...Object.keys(keyExpr).map(headerOf).filter((h): h is string => !!h), ...keep]);
  const range = (x: string, lo: number | string, hi: number | string) => `(${num(x)} < ${lo} OR ${num(x)} > ${hi} OR ${num(x)} <> round(${num(x)}))`;
  const missing = `${REQUIRED_KEYS.map((k) => empty(keyExpr[k]!)).join(' OR ')}`;
  const badType = `lower(${keyExpr.respondent_type}) NOT IN ('teacher', 'parent')`;
  const keyCols = [...REQUIRED_KEYS, ...OPTIONAL_KEYS].map((k) => `${k === 'respondent_type' ? `lower(${keyExpr[k]})` : keyExpr[k]} AS ${k}`).join(', ');
  const keepCols = keep.map((h) => `, NULLIF(trim(${ident(h)}), '') AS ${ident(`x__${h}`)}`).join('');
  let freeText: string[];
  if (long) {
    const [hi, hr] = [headerOf('item')!, headerOf('response')!];
    used.add(hi).add(hr);
    freeText = freeTextColumns(o, headers, used);
    await conn.run(`CREATE OR REPLACE TABLE survey_item_range AS SELECT * FROM (VALUES ${items.map((i) => `(${lit(i.item.toLowerCase())}, ${i.lo}, ${i.hi}, ${lit(i.item)})`).join(', ') || `('', 0, 0, '')`}) t(key, lo, hi, item)`);
    const it = ident(hi);
    const rv = ident(hr);
    await conn.run(`CREATE OR REPLACE TABLE survey_checked AS
      SELECT r.*, ${keyCols}${keepCols}, ir.item AS item__, ${num(`r.${rv}`)} AS response__,
        ${firstReason([
          ['missing_required', `${missing} OR ${empty(`r.${it}`)}`],
          ['bad_respondent_type', badType],
          ['unknown_item', 'ir.item IS NULL'],
          ['bad_number', `NOT ${empty(`r.${rv}`)} AND ${num(`r.${rv}`)} IS NULL`],
          ['out_of_range', range(`r.${rv}`, 'ir.lo', 'ir.hi')],
        ])} AS reason__
      FROM survey_raw r LEFT JOIN survey_item_range ir ON ir.key = lower(trim(r.${it}))`);
    await conn.run(`UPDATE survey_checked SET reason__ = 'duplicate_respondent_wave' WHERE line__ IN (
      SELECT line__ FROM (SELECT line__, row_number() OVER (PARTITION BY respondent_id, wave, item__ ORDER BY line__) AS k FROM survey_checked WHERE reason__ IS NULL) WHERE k > 1)`);
    await conn.run(`CREATE OR REPLACE TABLE survey_answers AS
      SELECT respondent_id, wave, item__ AS item, response__ AS response FROM survey_checked WHERE reason__ IS NULL AND response__ IS NOT NULL`);
    const freeSql = freeText.length ? `max((${freeText.map((h) => `NOT ${empty(ident(h))}`).join(' OR ')})::INTEGER) = 1` : 'false';
    await conn.run(`CREATE OR REPLACE TABLE survey_resp AS
      SELECT respondent_id, wave, any_value(respondent_type) AS respondent_type, any_value(school_id) AS school_id,
        any_value(educator_id) AS educator_id, any_value(student_id) AS student_id, any_value(family_id) AS family_id,
        min(line__) AS line__, ${freeSql} AS free_text
        ${keep.map((h) => `, any_value(${ident(`x__${h}`)}) AS ${ident(`x__${h}`)}`).join('')}
      FROM survey_checked WHERE reason__ IS NULL GROUP BY respondent_id, wave`);
  } else {
    const itemHeader = new Map<string, { h: string; lo: number; hi: number; item: string }>();
    for (const i of items) {
      const h = byLower.get(i.item.toLowerCase());
      if (h) itemHeader.set(i.item, { h, lo: i.lo, hi: i.hi, item: i.item });
    }
    const absent = [...new Set(items.map((i) => i.item))].filter((i) => !itemHeader.has(i));
    if (absent.length) {
      throw new InputError(
        `${o.shownAs} has no column for the instrument ${absent.length === 1 ? 'item' : 'items'} ${absent.slice(0, 8).join(', ')}${absent.length > 8 ? `, … (${absent.length} in all)` : ''}; its columns are: ${headers.join(', ')}.`,
        { file: o.shownAs, column: absent[0]! },
      );
    }
    for (const v of itemHeader.values()) used.add(v.h);
    freeText = freeTextColumns(o, headers, used);
    const cols = [...itemHeader.values()];
    await conn.run(`CREATE OR REPLACE TABLE survey_checked AS
      SELECT r.*, ${keyCols}${keepCols},
        ${firstReason([
          ['missing_required', missing],
          ['bad_respondent_type', badType],
          ['bad_number', cols.map((c) => `(NOT ${empty(ident(c.h))} AND ${num(ident(c.h))} IS NULL)`).join(' OR ')],
          ['out_of_range', cols.map((c) => range(ident(c.h), c.lo, c.hi)).join(' OR ')],
        ])} AS reason__
      FROM survey_raw r`);
    await conn.run(`UPDATE survey_checked SET reason__ = 'duplicate_respondent_wave' WHERE line__ IN (
      SELECT line__ FROM (SELECT line__, row_number() OVER (PARTITION BY respondent_id, wave ORDER BY line__) AS k FROM survey_checked WHERE reason__ IS NULL) WHERE k > 1)`);
    await conn.run(`CREATE OR REPLACE TABLE survey_answers AS
      SELECT respondent_id, wave, item, response FROM (
        ${cols.map((c) => `SELECT respondent_id, wave, ${lit(c.item)} AS item, ${num(ident(c.h))} AS response FROM survey_checked WHERE reason__ IS NULL`).join(' UNION ALL ')}
      ) WHERE response IS NOT NULL`);
    const freeSql = freeText.length ? `(${freeText.map((h) => `NOT ${empty(ident(h))}`).join(' OR ')})` : 'false';
    await conn.run(`CREATE OR REPLACE TABLE survey_resp AS
      SELECT respondent_id, wave, respondent_type, school_id, educator_id, student_id, family_id, line__, ${freeSql} AS free_text
        ${keep.map((h) => `, ${ident(`x__${h}`)}`).join('')}
      FROM survey_checked WHERE reason__ IS NULL`);
  }
  // keep columns under the names the caller gave
  for (const [i, h] of keep.entries()) if (h !== o.keep[i]) await conn.run(`ALTER TABLE survey_resp RENAME ${ident(`x__${h}`)} TO ${ident(`x__${o.keep[i]}`)}`);
  const reasons = await queryRows<{ reason: SurveyRejectReason; n: number }>(conn, 'SELECT reason__ AS reason, count(*)::INTEGER AS n FROM survey_checked WHERE reason__ IS NOT NULL GROUP BY 1');
  const byReason: Partial<Record<SurveyRejectReason, number>> = {};
  for (const r of SURVEY_REJECT_REASONS) {
    const n = r === 'malformed_row' ? malformed : (reasons.find((x) => x.reason === r)?.n ?? 0);
    if (n) byReason[r] = n;
  }
  const c = (await queryOne<{ n: number; accepted: number; free: number }>(
    conn,
    `SELECT (SELECT count(*) FROM survey_checked)::INTEGER AS n, (SELECT count(*) FROM survey_checked WHERE reason__ IS NULL)::INTEGER AS accepted,
       (SELECT count(DISTINCT respondent_id) FROM survey_resp WHERE free_text)::INTEGER AS free`,
  ))!;
  const rejected = c.n - c.accepted + malformed;
  return { format: long ? 'long' : 'wide', read: c.n + malformed, accepted: c.accepted, rejected, byReason, freeTextRespondents: c.free, freeTextColumns: freeText };
}
