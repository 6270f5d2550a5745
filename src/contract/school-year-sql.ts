import { lit } from '../util/sql.js';

/**
 * A school year written as the year it ends in (2017), a span (2016-17, 2016–2017, 2016/17) or SY1617 (also
 * SY2016-17), as the ending year; NULL when it is none of these or the span is not one year long.
 */
export function schoolYearExpr(raw: string): string {
  const group = (pattern: string, i: number) => `TRY_CAST(NULLIF(regexp_extract(${raw}, '${pattern}', ${i}), '') AS INTEGER)`;
  const span = '^(?:[Ss][Yy] ?)?([0-9]{4}) ?[-–/] ?([0-9]{2}|[0-9]{4})$';
  const [a, b] = [group(span, 1), group(span, 2)];
  const sy = '^[Ss][Yy] ?([0-9]{2})([0-9]{2})$';
  const [c, d] = [group(sy, 1), group(sy, 2)];
  return `CASE WHEN TRY_CAST(${raw} AS INTEGER) IS NOT NULL THEN TRY_CAST(${raw} AS INTEGER)
    WHEN ${b} = ${a} + 1 OR (${b} < 100 AND ${b} = (${a} + 1) % 100) THEN ${a} + 1
    WHEN ${d} = (${c} + 1) % 100 THEN 2000 + ${d} END`;
}

/** The school year (ending calendar year) a date falls in. */
export function schoolYearOf(dateSql: string, yearStart: string): string {
  return `(year(${dateSql}) + CASE WHEN strftime(${dateSql}, '%m-%d') >= ${lit(yearStart)} THEN 1 ELSE 0 END)`;
}

/**
 * The same school year as `schoolYearOf`, in integer arithmetic: `strftime(d, '%m-%d') >= 'MM-DD'` compares
 * zero-padded digits, which is `month(d) * 100 + day(d) >= MMDD`; both are NULL for ±infinity. Used for the row
 * rule, where it runs once per row of the largest extract (strftime formats a string for each).
 */
export function schoolYearFast(dateSql: string, yearStart: string): string {
  const [mm, dd] = yearStart.split('-').map(Number) as [number, number];
  return `(year(${dateSql}) + CASE WHEN month(${dateSql}) * 100 + day(${dateSql}) >= ${mm * 100 + dd} THEN 1 ELSE 0 END)`;
}
