import type { ExtractSpec } from '../contract/extract-specs.js';
import { ident } from '../util/sql.js';

/** Widest span of school years (last − first) for which the per-owner day bitmap is used: 6 calendar years of bits. */
const MAX_BITMAP_YEARS = 4;

/**
 * The calendar days that can hold an accepted row's date when the school years are `years`: every date whose
 * school year is one of them lies between 1 January of the year before the first and 31 December of the last.
 */
export function dayBounds(years: readonly number[]): { lo: string; hi: string; days: number } | undefined {
  if (!years.length) return undefined;
  const first = Math.min(...years) - 1;
  const last = Math.max(...years);
  if (last - first > MAX_BITMAP_YEARS + 1) return undefined;
  const days = Math.round((Date.UTC(last, 11, 31) - Date.UTC(first, 0, 1)) / 86_400_000);
  return { lo: `DATE '${first}-01-01'`, hi: `DATE '${last}-12-31'`, days };
}

/**
 * SQL creating `dup_<name>`: the rowid (`__rid`) of each row with a key already seen earlier in the file, among
 * the rows of `chk_<name>` that break no rule (`__chk IS NULL`).
 *
 * Duplicates are rare, so only the rows that may repeat a key are ranked by it. For a key (owner, date) of
 * required columns, with the date inside the school-year window (daily attendance), those are the rows of an
 * owner that has fewer distinct days than rows: one pass of a bitmap of days per owner. Otherwise, the rows whose
 * 32-bit key hash repeats, found by one sort of 4-byte values.
 */
export function duplicateSql(spec: ExtractSpec, years: readonly number[] | undefined): string {
  const chk = `chk_${spec.name}`;
  const key = spec.key.map(ident).join(', ');
  const rank = `QUALIFY row_number() OVER (PARTITION BY ${key} ORDER BY rowid) > 1`;
  const [owner, day] = spec.key;
  const col = (n: string | undefined) => spec.columns.find((c) => c.name === n);
  const bounds = years ? dayBounds(years) : undefined;
  if (spec.key.length === 2 && col(owner)?.required && col(day)?.required && col(day)?.type === 'date' && spec.windowDates.includes(day!) && bounds) {
    const o = ident(owner!);
    const d = ident(day!);
    const inside = `${d} BETWEEN ${bounds.lo} AND ${bounds.hi}`;
    // an owner is a candidate when its rows outnumber its distinct days, or when a date lies outside the bitmap
    // (a date far outside the school years, where the window rule does not apply): then its rows are ranked as every row used to be
    return `CREATE OR REPLACE TABLE dup_${spec.name} AS
WITH candidates AS (
  SELECT ${o} FROM ${chk} WHERE __chk IS NULL GROUP BY ${o}
  HAVING count(*) <> count(*) FILTER (WHERE ${inside})
      OR count(*) FILTER (WHERE ${inside}) <> bit_count(bitstring_agg((${d} - ${bounds.lo})::INTEGER, 0, ${bounds.days}) FILTER (WHERE ${inside}))
)
SELECT rowid AS __rid FROM ${chk}
WHERE __chk IS NULL AND ${o} IN (SELECT ${o} FROM candidates)
${rank}`;
  }
  const keyHash = `(hash(${key}) >> 32)::UINTEGER`;
  return `CREATE OR REPLACE TABLE dup_${spec.name} AS
WITH h AS (SELECT ${keyHash} AS __h FROM ${chk} WHERE __chk IS NULL),
repeated AS (SELECT DISTINCT __h FROM h QUALIFY __h = lag(__h) OVER (ORDER BY __h))
SELECT rowid AS __rid FROM ${chk}
WHERE __chk IS NULL AND ${keyHash} IN (SELECT __h FROM repeated)
${rank}`;
}
