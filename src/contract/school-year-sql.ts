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

/**
 * The first day of school year `year` (ISO): the first date of calendar year `year − 1` whose month * 100 + day is
 * at least yearStart's (for 02-29 in a year without one, 1 March), the day `schoolYearFast` turns to `year`.
 */
export function schoolYearFirstDay(year: number, yearStart: string): string {
  const [mm, dd] = yearStart.split('-').map(Number) as [number, number];
  const y = year - 1;
  const inMonth = new Date(Date.UTC(y, mm, 0)).getUTCDate();
  const [m, d] = dd <= inMonth ? [mm, dd] : [mm + 1, 1];
  const iso = (yy: number, a: number, b: number) => `${String(yy).padStart(4, '0')}-${String(a).padStart(2, '0')}-${String(b).padStart(2, '0')}`;
  return m > 12 ? iso(y + 1, 1, 1) : iso(y, m, d);
}

/** The school years as date ranges [first day, first day of the next), runs of consecutive years merged. */
function yearRanges(years: readonly number[], yearStart: string): { from: string; to: string; years: number[] }[] {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const out: { from: string; to: string; years: number[] }[] = [];
  for (const y of sorted) {
    const last = out[out.length - 1];
    if (last && last.years[last.years.length - 1] === y - 1) {
      last.years.push(y);
      last.to = schoolYearFirstDay(y + 1, yearStart);
    } else out.push({ from: schoolYearFirstDay(y, yearStart), to: schoolYearFirstDay(y + 1, yearStart), years: [y] });
  }
  return out;
}

/**
 * SQL that holds when the date `d` falls in none of `years` (NULL for a NULL date, and with no years): for a finite
 * date, `schoolYearFast(d) NOT IN (years)`, by comparing it with the years' first days instead of taking every date
 * apart (the row rule of the largest extract). ±infinity falls in no school year, so it holds for them too: taken
 * apart, their school year is NULL, which used to let such a date through to the tables (and a crash converting it).
 */
export function outsideYearsSql(d: string, years: readonly number[], yearStart: string): string {
  if (!years.length) return 'NULL::BOOLEAN';
  const inside = yearRanges(years, yearStart).map((r) => `(${d} >= DATE '${r.from}' AND ${d} < DATE '${r.to}')`);
  return `(CASE WHEN isfinite(${d}) THEN NOT (${inside.join(' OR ')}) WHEN ${d} IS NOT NULL THEN true END)`;
}

/** The school year of `d` (`schoolYearFast`), by date ranges for the dates in `years` (the accepted rows), taken apart otherwise. */
export function schoolYearInSql(d: string, years: readonly number[], yearStart: string): string {
  const whens = [...new Set(years)]
    .sort((a, b) => a - b)
    .map((y) => `WHEN ${d} >= DATE '${schoolYearFirstDay(y, yearStart)}' AND ${d} < DATE '${schoolYearFirstDay(y + 1, yearStart)}' THEN ${y}`);
  return whens.length ? `(CASE ${whens.join(' ')} ELSE ${schoolYearFast(d, yearStart)} END)` : schoolYearFast(d, yearStart);
}
