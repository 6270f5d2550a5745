import type { ColumnSpec, ExtractSpec } from '../contract/extract-specs.js';
import type { Source } from '../config/pipeline-schema.js';
import type { ColumnMap } from './map-columns.js';
import { ident, lit } from '../util/sql.js';

/** What the row rules need to know about the rest of the run. */
export interface CheckContext {
  /** table with one column student_id of every accepted student (absent while checking students) */
  knownStudents?: string;
  /** school years present in the students extract (absent while checking students) */
  years?: number[];
  /** first day of a school year, MM-DD */
  yearStart: string;
}

const SQL_TYPE: Record<ColumnSpec['type'], string> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  code: 'VARCHAR',
  date: 'DATE',
  bool: 'BOOLEAN',
  int: 'INTEGER',
  number: 'DOUBLE',
  year: 'INTEGER',
};

const TRUE_WORDS = ['true', 't', '1', 'y', 'yes'];
const FALSE_WORDS = ['false', 'f', '0', 'n', 'no'];

/** The trimmed, empty-as-null source text of a canonical column. */
function rawExpr(col: ColumnSpec, map: ColumnMap): string {
  const header = map[col.name];
  return header ? `NULLIF(trim(${ident(header)}), '')` : 'NULL::VARCHAR';
}

/** The typed value of a canonical column (NULL when it cannot be typed). */
function typedExpr(col: ColumnSpec, raw: string, source: Source): string {
  switch (col.type) {
    case 'id':
    case 'text':
      return raw;
    case 'code': {
      const mapping = Object.entries(source.values[col.name] ?? {});
      const lowered = `lower(${raw})`;
      const mapped = mapping.length
        ? `CASE ${lowered} ${mapping.map(([from, to]) => `WHEN ${lit(from.trim().toLowerCase())} THEN ${lit(to.toLowerCase())}`).join(' ')} ELSE ${lowered} END`
        : lowered;
      return col.default ? `coalesce(${mapped}, ${lit(col.default)})` : mapped;
    }
    case 'date':
      return source.date_format ? `try_strptime(${raw}, ${lit(source.date_format)})::DATE` : `TRY_CAST(${raw} AS DATE)`;
    case 'bool':
      return `CASE WHEN lower(${raw}) IN (${TRUE_WORDS.map(lit).join(', ')}) THEN true WHEN lower(${raw}) IN (${FALSE_WORDS.map(lit).join(', ')}) THEN false END`;
    case 'int':
    case 'year':
      return `TRY_CAST(${raw} AS INTEGER)`;
    case 'number':
      return `TRY_CAST(${raw} AS DOUBLE)`;
  }
}

/** The school year (ending calendar year) a date falls in. */
export function schoolYearOf(dateSql: string, yearStart: string): string {
  return `(year(${dateSql}) + CASE WHEN strftime(${dateSql}, '%m-%d') >= ${lit(yearStart)} THEN 1 ELSE 0 END)`;
}

/**
 * SQL that types every row of `rawTable` and gives it at most one reject reason, by the contract's
 * precedence, into table `chk_<name>` (typed canonical columns, __file, __line, reason, reason_column, reason_value).
 */
export function buildCheckSql(spec: ExtractSpec, map: ColumnMap, source: Source, rawTable: string, ctx: CheckContext): string {
  const raw = new Map(spec.columns.map((c) => [c.name, rawExpr(c, map)]));
  const typed = new Map(spec.columns.map((c) => [c.name, `t_${c.name}`]));
  const checks: { cond: string; reason: string; column: string }[] = [];
  const r = (c: ColumnSpec) => `r_${c.name}`;
  const t = (c: ColumnSpec) => typed.get(c.name)!;
  const colsWith = (pred: (c: ColumnSpec) => boolean) => spec.columns.filter(pred);

  for (const c of colsWith((c) => !!c.required)) checks.push({ cond: `${r(c)} IS NULL`, reason: 'missing_required', column: c.name });
  for (const c of colsWith((c) => c.type === 'date')) checks.push({ cond: `${r(c)} IS NOT NULL AND ${t(c)} IS NULL`, reason: 'bad_date', column: c.name });
  for (const c of colsWith((c) => ['int', 'number', 'year'].includes(c.type))) {
    checks.push({ cond: `${r(c)} IS NOT NULL AND ${t(c)} IS NULL`, reason: 'bad_number', column: c.name });
  }
  for (const c of colsWith((c) => c.type === 'bool')) checks.push({ cond: `${r(c)} IS NOT NULL AND ${t(c)} IS NULL`, reason: 'bad_bool', column: c.name });
  for (const c of colsWith((c) => c.type === 'code' && !!c.codes)) {
    checks.push({ cond: `${t(c)} IS NOT NULL AND ${t(c)} NOT IN (${c.codes!.map(lit).join(', ')})`, reason: 'unknown_code', column: c.name });
  }
  if (spec.checkStudent && ctx.knownStudents) {
    checks.push({
      cond: `__known_student IS NULL`,
      reason: 'unknown_student',
      column: 'student_id',
    });
  }
  if (ctx.years) {
    const years = ctx.years.length ? ctx.years.join(', ') : 'NULL';
    for (const name of spec.windowDates) {
      const col = `t_${name}`;
      checks.push({ cond: `${col} IS NOT NULL AND ${schoolYearOf(col, ctx.yearStart)} NOT IN (${years})`, reason: 'date_outside_year', column: name });
    }
    if (spec.windowYear) {
      checks.push({ cond: `t_${spec.windowYear} NOT IN (${years})`, reason: 'date_outside_year', column: spec.windowYear });
    }
  }
  for (const c of colsWith((c) => !!c.range)) {
    checks.push({ cond: `${t(c)} NOT BETWEEN ${c.range![0]} AND ${c.range![1]}`, reason: 'out_of_range', column: c.name });
  }
  if (spec.outOfRange) {
    const cond = spec.columns.reduce((sql, c) => sql.replaceAll(new RegExp(`\\b${c.name}\\b`, 'g'), `t_${c.name}`), spec.outOfRange);
    checks.push({ cond: `coalesce(${cond}, false)`, reason: 'out_of_range', column: spec.outOfRange.split(' ')[0]! });
  }

  // each rule is evaluated once, into a flag column; the reason is the first flag that is set
  const flags = checks.map((k, i) => `coalesce(${k.cond}, false) AS __c${i}`).join(', ');
  const first = (value: (k: (typeof checks)[number]) => string) =>
    checks.length ? `CASE ${checks.map((k, i) => `WHEN __c${i} THEN ${value(k)}`).join(' ')} END` : 'NULL';
  const reasonCase = first((k) => lit(k.reason));
  const columnCase = first((k) => lit(k.column));
  const valueCase = first((k) => `r_${k.column}`);
  const joinKnown =
    spec.checkStudent && ctx.knownStudents
      ? ` LEFT JOIN (SELECT student_id AS __known_student FROM ${ctx.knownStudents}) ON __known_student = t_student_id`
      : '';
  const key = spec.key.map((k) => `t_${k}`).join(', ');

  return `CREATE OR REPLACE TABLE chk_${spec.name} AS
WITH src AS (
  SELECT __file, __line, ${spec.columns.map((c) => `${raw.get(c.name)} AS r_${c.name}`).join(', ')} FROM ${rawTable}
), typed AS (
  SELECT *, ${spec.columns.map((c) => `${typedExpr(c, `r_${c.name}`, source)}::${SQL_TYPE[c.type]} AS t_${c.name}`).join(', ')} FROM src
), flagged AS (
  SELECT *${checks.length ? `, ${flags}` : ''} FROM typed${joinKnown}
), reasoned AS (
  SELECT *, ${reasonCase} AS reason0, ${columnCase} AS reason_column0, ${valueCase} AS reason_value0 FROM flagged
), ranked AS (
  SELECT *, row_number() OVER (PARTITION BY reason0 IS NULL, ${key} ORDER BY __file, __line) AS key_rank FROM reasoned
)
SELECT __file, __line,
  ${spec.columns.map((c) => `t_${c.name} AS ${c.name}`).join(', ')},
  ${spec.columns.map((c) => `r_${c.name}`).join(', ')},
  CASE WHEN reason0 IS NULL AND key_rank > 1 THEN 'duplicate_key' ELSE reason0 END AS reason,
  CASE WHEN reason0 IS NULL AND key_rank > 1 THEN ${lit(spec.key.join('+'))} ELSE reason_column0 END AS reason_column,
  CASE WHEN reason0 IS NULL AND key_rank > 1 THEN concat_ws('|', ${spec.key.map((k) => `r_${k}`).join(', ')}) ELSE reason_value0 END AS reason_value
FROM ranked`;
}
