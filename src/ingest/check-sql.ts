import type { ColumnSpec, ExtractSpec } from '../contract/extract-specs.js';
import type { Source } from '../config/pipeline-schema.js';
import type { ColumnMap } from './map-columns.js';
import { ident, lit } from '../util/sql.js';
import { outsideYearsSql, schoolYearExpr } from '../contract/school-year-sql.js';
import { COLUMN_SQL_TYPE } from '../contract/column-sql-type.js';
import { duplicateSql } from './duplicate-sql.js';

/** What the row rules need to know about the rest of the run. */
export interface CheckContext {
  /** table with one column student_id of every accepted student (absent while checking students) */
  knownStudents?: string;
  /** school years present in the students extract (absent while checking students) */
  years?: number[];
  /** first day of a school year, MM-DD */
  yearStart: string;
}

const TRUE_WORDS = ['true', 't', '1', 'y', 'yes'];
const FALSE_WORDS = ['false', 'f', '0', 'n', 'no'];

/**
 * `NULLIF(trim(x), '')` with a fast path: DuckDB's trim() strips only spaces (U+0020 and the Unicode
 * space separators, all non-ASCII), so a pure-ASCII value (bytes = characters) whose first byte sorts after
 * ' ' (`x >= '!'`, byte order: not a space, not empty) and that does not end with ' ' is its own trim. Same
 * result, a fraction of the cost on large extracts (two cheap tests where starts_with was the dearest).
 */
export function trimmedOrNull(x: string): string {
  return `CASE WHEN strlen(${x}) = length(${x}) AND ${x} >= '!' AND NOT ends_with(${x}, ' ') THEN ${x} ELSE NULLIF(trim(${x}), '') END`;
}

/** The trimmed, empty-as-null source text of a canonical column. */
function rawExpr(col: ColumnSpec, map: ColumnMap): string {
  const header = map[col.name];
  return header ? trimmedOrNull(ident(header)) : 'NULL::VARCHAR';
}

/** The source codes of a column that its `values:` mapping sends to missing (null), lowercased and trimmed. */
export function nullCodes(col: ColumnSpec, source: Source): string[] {
  return Object.entries(source.values[col.name] ?? {})
    .filter(([, to]) => to === null)
    .map(([from]) => from.trim().toLowerCase());
}

/**
 * The source text of a column once the codes mapped to missing are taken out: NULL for those, else the
 * text. The rules use it, so a code mapped to null is a missing value, never a bad or unknown one.
 */
function presentExpr(col: ColumnSpec, raw: string, source: Source): string {
  const nulls = nullCodes(col, source);
  return nulls.length ? `CASE WHEN lower(${raw}) IN (${nulls.map(lit).join(', ')}) THEN NULL ELSE ${raw} END` : raw;
}

/** The source text after the `values:` mapping (codes matched case-insensitively; unmapped text kept as given). */
function mappedExpr(col: ColumnSpec, raw: string, source: Source, lower: boolean): string {
  const mapping = Object.entries(source.values[col.name] ?? {}).filter(([, to]) => to !== null) as [string, string][];
  const text = lower ? `lower(${raw})` : raw;
  if (!mapping.length) return text;
  const to = (v: string) => lit(lower ? v.toLowerCase() : v);
  return `CASE lower(${raw}) ${mapping.map(([from, v]) => `WHEN ${lit(from.trim().toLowerCase())} THEN ${to(v)}`).join(' ')} ELSE ${text} END`;
}

/** The typed value of a canonical column (NULL when it cannot be typed, or when its code is mapped to missing). */
function typedExpr(col: ColumnSpec, raw: string, source: Source): string {
  const present = presentExpr(col, raw, source);
  switch (col.type) {
    case 'id':
      return raw;
    case 'text':
      return mappedExpr(col, present, source, false);
    case 'code': {
      const mapped = mappedExpr(col, present, source, true);
      return col.default ? `coalesce(${mapped}, ${lit(col.default)})` : mapped;
    }
    case 'date':
      return source.date_format ? `try_strptime(${raw}, ${lit(source.date_format)})::DATE` : `TRY_CAST(${raw} AS DATE)`;
    case 'bool': {
      // a district that maps its own yes/no codes gets only those read: its F or Y may mean something else ("F" = free
      // lunch), so an unmapped code is a bad_bool reject, never a guess
      const own = Object.entries(source.values[col.name] ?? {}).filter(([, to]) => to !== null) as [string, string][];
      if (own.length) {
        const truth = (to: string) => (TRUE_WORDS.includes(to.toLowerCase()) ? 'true' : 'false');
        return `CASE lower(${present}) ${own.map(([from, to]) => `WHEN ${lit(from.trim().toLowerCase())} THEN ${truth(to)}`).join(' ')} END`;
      }
      const v = `lower(${mappedExpr(col, present, source, false)})`;
      return `CASE WHEN ${v} IN (${TRUE_WORDS.map(lit).join(', ')}) THEN true WHEN ${v} IN (${FALSE_WORDS.map(lit).join(', ')}) THEN false END`;
    }
    case 'year':
      return schoolYearExpr(raw);
    case 'int':
      return `TRY_CAST(${raw} AS INTEGER)`;
    case 'number':
      return `TRY_CAST(${raw} AS DOUBLE)`;
  }
}

/** Canonical types whose value a source may store natively (Parquet), so that it is read without a round trip through text. */
const NATIVE_TYPES: Partial<Record<ColumnSpec['type'], string>> = { date: 'DATE', number: 'DOUBLE', int: 'INTEGER', year: 'INTEGER' };

/** A stored DECIMAL that a DOUBLE holds exactly as its text would type (at most 15 digits: below 2^53, one rounding). */
const EXACT_DECIMAL = /^DECIMAL\((\d+),\d+\)$/;

/**
 * The mapped columns whose source stores a value that types to the canonical one without a round trip through text
 * (Parquet DATE, DOUBLE or INTEGER as such; a DECIMAL of up to 15 digits for a number), with that stored type: the
 * text form, which would type back to the same value, is never made per row, only for the rejected rows. Not for a
 * column with a date_format or with codes in `values:`, whose text the rules read.
 */
export function nativeColumns(spec: ExtractSpec, map: ColumnMap, source: Source, types: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of spec.columns) {
    const header = map[c.name];
    const stored = header ? types[header] : undefined;
    if (!stored || NATIVE_TYPES[c.type] === undefined || Object.values(map).filter((h) => h === header).length > 1) continue;
    if ((c.type === 'date' && source.date_format) || Object.keys(source.values[c.name] ?? {}).length) continue;
    const decimal = EXACT_DECIMAL.exec(stored);
    if (stored === NATIVE_TYPES[c.type] || (c.type === 'number' && decimal && Number(decimal[1]) <= 15)) out.set(c.name, stored);
  }
  return out;
}

/** The checks of one extract and the SQL that applies them. */
export interface CheckPlan {
  /**
   * CREATE TABLE chk_<name> from the source: one row per record, in file order (rowid), with the typed canonical
   * columns under their own names, `r_<col>` (the trimmed source text) for each mapped column whose typed value
   * is not that text, `__f` for a glob, and `__chk`: the index of the first rule the row breaks by the contract's
   * precedence, NULL when none (the known-student rule is applied by `unknownStudentSql`, without a join here, so
   * that the load keeps file order).
   */
  sql: string;
  /**
   * The SELECT of `sql` over another FROM item with the same columns (`src`): `carry` names columns of `src` kept as
   * they are (first), `lean` leaves out the r_<col> source-text columns.
   */
  select(src: string, opts?: { carry?: readonly string[]; lean?: boolean }): string;
  /** the `__chk` value of the known-student rule, or undefined when the rule does not apply */
  knownStudentCode?: number;
  /** UPDATE that gives `__chk` the known-student rule where it comes first, or undefined when the rule does not apply */
  unknownStudentSql?: string;
  /** CREATE TABLE dup_<name>: rowid (`__rid`) of each later row with an already seen key among the rows that break no rule */
  duplicateSql: string;
  /** the `__chk` value of `duplicate_key` (it comes last) */
  duplicateCode: number;
  /** each canonical column's source text as SQL over chk_<name>, `… AS <col>` */
  rawFields: string;
  /** the r_<col> columns, dropped once the rejects are written */
  rawColumns: string[];
  /** reason, reason column and reason value of a rejected row, as SQL over chk_<name> */
  reason: string;
  reasonColumn: string;
  reasonValue: string;
}

/**
 * Plan the row rules of an extract over `source` (a FROM item giving the source's columns as text, in file
 * order, with `__f` when `glob`): type every row and give it at most one reject reason, by the contract's precedence.
 */
export function buildCheckSql(
  spec: ExtractSpec,
  map: ColumnMap,
  source: Source,
  from: string,
  glob: boolean,
  ctx: CheckContext,
  native: ReadonlyMap<string, string> = new Map(),
): CheckPlan {
  const name = spec.name;
  // a native column (see nativeColumns): r_<col> holds the value as stored, its typed value is that value cast, and
  // no type rule can fail; its source text is that value as text, made for the rejected rows only
  const raw = new Map(spec.columns.map((c) => [c.name, native.has(c.name) ? ident(map[c.name]!) : rawExpr(c, map)]));
  const sameType = (c: ColumnSpec) => native.get(c.name) === COLUMN_SQL_TYPE[c.type];
  // the source text of id and unmapped text columns is their typed value; others keep theirs in r_<col> (when mapped)
  const stored = spec.columns.filter(
    (c) => map[c.name] && !sameType(c) && c.type !== 'id' && (c.type !== 'text' || Object.keys(source.values[c.name] ?? {}).length > 0),
  );
  // a code or text column without a default keeps its source text only where it differs from the typed value (a
  // NULL costs a third of a stored string): elsewhere the text is the typed value, and both are NULL together
  const sparse = (c: ColumnSpec) => (c.type === 'code' || c.type === 'text') && !c.default;
  const rawField = new Map(
    spec.columns.map((c) => {
      const text = sparse(c) ? `coalesce(r_${c.name}, ${ident(c.name)})` : `r_${c.name}`;
      const own = native.has(c.name) ? `${sameType(c) ? ident(c.name) : `r_${c.name}`}::VARCHAR` : stored.includes(c) ? text : ident(c.name);
      return [c.name, !map[c.name] ? 'NULL::VARCHAR' : own];
    }),
  );
  const checks: { cond: string; reason: string; column: string }[] = [];
  // the source text with codes mapped to missing taken out: what the required and type rules look at
  const r = (c: ColumnSpec) => presentExpr(c, `r_${c.name}`, source);
  const t = (c: ColumnSpec) => `t_${c.name}`;
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
  const knownStudent = spec.checkStudent && ctx.knownStudents ? checks.length : undefined;
  if (knownStudent !== undefined) checks.push({ cond: 'false', reason: 'unknown_student', column: 'student_id' });
  if (ctx.years) {
    const years = ctx.years.length ? ctx.years.join(', ') : 'NULL';
    for (const name of spec.windowDates) {
      const col = `t_${name}`;
      checks.push({ cond: `${col} IS NOT NULL AND ${outsideYearsSql(col, ctx.years, ctx.yearStart)}`, reason: 'date_outside_year', column: name });
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

  // the first rule that holds gives the reason (a rule that is NULL does not hold); the duplicate rule comes last
  const duplicateCode = checks.length;
  const whens = checks.flatMap((k, i) => (i === knownStudent ? [] : [`WHEN ${k.cond} THEN ${i}`]));
  const firstCheck = whens.length ? `CASE ${whens.join(' ')} END` : 'NULL';
  const byCode = (value: (k: (typeof checks)[number]) => string, duplicate: string) =>
    `CASE __chk ${checks.map((k, i) => `WHEN ${i} THEN ${value(k)}`).join(' ')} WHEN ${duplicateCode} THEN ${duplicate} END`;

  // the rows, typed and checked; `carry` are source columns passed through unchanged (the row number __rid), `lean`
  // leaves out the source-text columns (r_<col>) that only rejected rows need
  const select = (src: string, opts: { carry?: readonly string[]; lean?: boolean } = {}) => {
    const carry = (opts.carry ?? []).map((c) => `${c}, `).join('');
    const keep = opts.lean ? [] : stored;
    return `WITH src AS (
  SELECT ${carry}${glob ? '__f, ' : ''}${spec.columns.map((c) => `${raw.get(c.name)} AS r_${c.name}`).join(', ')} FROM ${src}
), typed AS (
  SELECT *, ${spec.columns.map((c) => `${native.has(c.name) ? `r_${c.name}` : typedExpr(c, `r_${c.name}`, source)}::${COLUMN_SQL_TYPE[c.type]} AS t_${c.name}`).join(', ')} FROM src
)
SELECT ${carry}${spec.columns.map((c) => `t_${c.name} AS ${ident(c.name)}`).join(', ')}${keep.map((c) => (sparse(c) ? `, CASE WHEN r_${c.name} IS DISTINCT FROM t_${c.name} THEN r_${c.name} END AS r_${c.name}` : `, r_${c.name}`)).join('')}${glob ? ', __f' : ''},
  (${firstCheck})::SMALLINT AS __chk
FROM typed`;
  };
  const sql = `CREATE OR REPLACE TABLE chk_${name} AS\n${select(from)}`;
  return {
    sql,
    select,
    knownStudentCode: knownStudent,
    unknownStudentSql:
      knownStudent === undefined
        ? undefined
        : // unknown = no known student_id equals it (also when NULL), as the LEFT JOIN it replaces; an uncorrelated
          // NOT IN is a cheap mark join, where NOT EXISTS would be a delim join that copies the whole table
          `UPDATE chk_${name} SET __chk = ${knownStudent}
WHERE (__chk IS NULL OR __chk > ${knownStudent})
  AND (student_id IS NULL OR student_id NOT IN (SELECT student_id FROM ${ctx.knownStudents} WHERE student_id IS NOT NULL))`,
    duplicateSql: duplicateSql(spec, ctx.years),
    duplicateCode,
    rawFields: spec.columns.map((c) => `${rawField.get(c.name)} AS ${ident(c.name)}`).join(', '),
    rawColumns: stored.map((c) => `r_${c.name}`),
    reason: byCode((k) => lit(k.reason), lit('duplicate_key')),
    reasonColumn: byCode((k) => lit(k.column), lit(spec.key.join('+'))),
    reasonValue: byCode((k) => rawField.get(k.column)!, `concat_ws('|', ${spec.key.map((k) => rawField.get(k)!).join(', ')})`),
  };
}
