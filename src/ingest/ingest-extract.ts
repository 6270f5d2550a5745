import type { DuckDBConnection } from '@duckdb/node-api';
import { lit } from '../util/sql.js';
import { InputError } from '../util/input-error.js';
import type { Source } from '../config/pipeline-schema.js';
import type { ExtractName, ExtractSpec } from '../contract/extract-specs.js';
import { REJECT_REASONS, type RejectReason } from '../contract/reasons.js';
import type { ResolvedSource } from './resolve-source.js';
import { describeSource, dropLines, lineSql, readError, readMalformed, type RawLines, type RawSource } from './read-raw.js';
import { mapColumns, type ColumnMap } from './map-columns.js';
import { buildCheckSql, nativeColumns, type CheckContext, type CheckPlan } from './check-sql.js';
import { queryOne, queryRows } from '../util/duckdb.js';
import { ident } from '../util/sql.js';

/** Row accounting for one extract: read = accepted + rejected, with the rejects by reason. */
export interface ExtractAccounting {
  extract: string;
  /** the spec read, which names the DuckDB tables (`<spec>`, `rej_<spec>`): attendance_daily for daily attendance (kept as attendance_daily_groups when `grouped`) */
  spec: ExtractName;
  kind?: string;
  files: string[];
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rejected_by_reason: Partial<Record<RejectReason, number>>;
  columns: ColumnMap;
  /** the accepted rows were not kept, only their per student × school × year groups (daily attendance: attendance_daily_groups) */
  grouped?: boolean;
}

/**
 * Whether a CREATE TABLE AS statement stores its rows in the order its source gives them: DuckDB plans an
 * order-keeping (batch) insert for it, or runs on one thread.
 */
async function keepsInsertionOrder(conn: DuckDBConnection, sql: string): Promise<boolean> {
  const plan = (await queryRows<{ explain_value: string }>(conn, `EXPLAIN ${sql}`)).map((r) => r.explain_value).join('\n');
  const threads = (await queryOne<{ n: number }>(conn, `SELECT current_setting('threads')::INTEGER AS n`))!.n;
  return plan.includes('BATCH_CREATE_TABLE_AS') || threads === 1;
}

/**
 * Read one source, type it against its canonical spec and split it into the accepted table `<spec.name>`
 * and the reject table `rej_<spec.name>` (source file, line, reason, column, value, then the raw fields).
 *
 * The source is read once, straight into the check table (typed columns, the source text where it differs,
 * the first rule broken); the accepted table is that table less its rejected rows and bookkeeping columns.
 */
/** A date_format that DuckDB's strptime cannot use is a user error: say so in one sentence before reading the file. */
async function checkDateFormat(conn: DuckDBConnection, format: string, extract: string): Promise<void> {
  try {
    await conn.run(`SELECT try_strptime('2017-01-01', ${lit(format)})`);
  } catch (e) {
    throw new InputError(`The ${extract} date_format "${format}" is not a valid strptime format (${(e as Error).message.split('\n')[0]}).`);
  }
}

/** A source described, mapped and planned: what both ingest paths start from. */
export interface PreparedSource {
  raw: RawSource;
  spec: ExtractSpec;
  map: ColumnMap;
  native: Map<string, string>;
  plan: CheckPlan;
  glob: boolean;
}

/** Describe a source, decide its spec, map its columns and plan its row rules. */
export async function prepareSource(
  conn: DuckDBConnection,
  spec: ExtractSpec,
  source: Source,
  resolved: ResolvedSource,
  ctx: CheckContext,
  decide?: (headers: string[]) => ExtractSpec,
): Promise<PreparedSource> {
  const raw = await describeSource(conn, spec.name, resolved, source.delimiter);
  const finalSpec = decide ? decide(raw.headers) : spec;
  const label = resolved.files.length === 1 ? resolved.files[0]! : resolved.pattern;
  const map = mapColumns(finalSpec, source, raw.headers, label);
  if (source.date_format) await checkDateFormat(conn, source.date_format, finalSpec.label);
  const glob = resolved.files.length > 1;
  const native = nativeColumns(finalSpec, map, source, raw.types);
  const plan = buildCheckSql(finalSpec, map, source, raw.fromWith([...native.keys()].map((c) => map[c]!)), glob, ctx, native);
  return { raw, spec: finalSpec, map, native, plan, glob };
}

/**
 * Run `sql` (a read of the source) with the optimizers that would change what is read or its order switched off:
 * every source column is read, not only the mapped ones (unused_columns), so that a line the parser cannot read
 * is a malformed row whichever column it breaks in; and no IN list is turned into a join (in_clause). A reader
 * error is the one-sentence user error naming the file.
 */
export async function readWhole(conn: DuckDBConnection, resolved: ResolvedSource, sql: string, before?: () => Promise<void>): Promise<void> {
  const disabled = (await queryOne<{ v: string }>(conn, `SELECT current_setting('disabled_optimizers') AS v`))!.v;
  await conn.run(`SET disabled_optimizers = '${[disabled, 'unused_columns', 'in_clause'].filter(Boolean).join(',')}'`);
  try {
    // planning fails on the SQL (e.g. a bad date_format), running on the file (a read error)
    await before?.();
    try {
      await conn.run(sql);
    } catch (e) {
      throw readError(resolved, e);
    }
  } finally {
    await conn.run(`SET disabled_optimizers = '${disabled}'`);
  }
}

/**
 * SQL creating `rej_<name>` from the check table `chk` (a row number `rid`, `__f` for a glob): the rows that
 * break a rule or whose rowid is in `dup`, each with its file, line, reason, column and value and its raw
 * fields, then the malformed lines.
 */
export function rejectTableSql(p: PreparedSource, lines: RawLines, chk: string, dup: string, rid: string): string {
  const { plan, spec, glob } = p;
  const rejected = `SELECT __rid, ${glob ? '__f' : '0 AS __f'}, ${plan.reason} AS reason, ${plan.reasonColumn} AS "column",
      ${plan.reasonValue} AS value, ${plan.rawFields}
    FROM (SELECT * REPLACE (CASE WHEN ${rid} IN (SELECT __rid FROM ${dup}) THEN ${plan.duplicateCode} ELSE __chk END AS __chk)${rid === '__rid' ? '' : `, ${rid} AS __rid`}
          FROM ${chk} WHERE __chk IS NOT NULL OR ${rid} IN (SELECT __rid FROM ${dup}))`;
  return `CREATE OR REPLACE TABLE rej_${spec.name} AS
    SELECT path AS source_file, __line AS source_line, reason, "column", value,
           ${spec.columns.map((c) => ident(c.name)).join(', ')}, NULL::VARCHAR AS raw_line
    FROM (${lineSql(lines, rejected)})
    UNION ALL BY NAME
    SELECT f.path AS source_file, m.__line AS source_line, 'malformed_row' AS reason, NULL AS "column", m.error AS value, m.raw_line
    FROM ${lines.malformedTable} m JOIN ${lines.filesTable} f USING (__f)`;
}

/** The rejects of `rej_<name>` counted by reason, in the contract's order. */
export async function rejectsByReason(conn: DuckDBConnection, name: string): Promise<Partial<Record<RejectReason, number>>> {
  const byReason = await queryRows<{ reason: RejectReason; n: number }>(conn, `SELECT reason, count(*)::INTEGER AS n FROM rej_${name} GROUP BY reason`);
  const out: Partial<Record<RejectReason, number>> = {};
  for (const reason of REJECT_REASONS) {
    const hit = byReason.find((b) => b.reason === reason);
    if (hit) out[reason] = hit.n;
  }
  return out;
}

/** The accounting of an ingested extract; throws when read ≠ accepted + rejected. */
export function accounting(
  p: PreparedSource,
  resolved: ResolvedSource,
  counts: { read: number; accepted: number; rejected: number },
  byReason: Partial<Record<RejectReason, number>>,
): ExtractAccounting {
  const { spec } = p;
  if (counts.read !== counts.accepted + counts.rejected) {
    throw new Error(`row accounting does not balance for ${spec.name}: read ${counts.read}, accepted ${counts.accepted}, rejected ${counts.rejected}`);
  }
  return {
    extract: spec.label,
    spec: spec.name,
    kind: spec.name.startsWith('attendance_') ? spec.name.slice('attendance_'.length) : undefined,
    files: resolved.files,
    rows_read: counts.read,
    rows_accepted: counts.accepted,
    rows_rejected: counts.rejected,
    rejected_by_reason: byReason,
    columns: p.map,
  };
}

/**
 * Read one source, type it against its canonical spec and split it into the accepted table `<spec.name>`
 * and the reject table `rej_<spec.name>` (source file, line, reason, column, value, then the raw fields).
 *
 * The source is read once, straight into the check table (typed columns, the source text where it differs,
 * the first rule broken); the accepted table is that table less its rejected rows and bookkeeping columns.
 */
export async function ingestExtract(...args: Parameters<typeof prepareSource>): Promise<ExtractAccounting> {
  const [conn, , , resolved] = args;
  return ingestRows(conn, await prepareSource(...args), resolved);
}

/** `ingestExtract` on a prepared source: every accepted row is kept, in table `<spec.name>`. */
export async function ingestRows(conn: DuckDBConnection, p: PreparedSource, resolved: ResolvedSource): Promise<ExtractAccounting> {
  const { raw, plan } = p;
  const name = p.spec.name;
  const chk = `chk_${name}`;
  const dup = `dup_${name}`;

  // load and check in one pass. The rowid must follow the file (it gives the source line), so the plan may only
  // scan and project (checked on the plan below)
  await conn.run(`DROP TABLE IF EXISTS ${raw.rejectsTable}; DROP TABLE IF EXISTS ${raw.rejectsScan}`);
  await readWhole(conn, resolved, plan.sql, async () => {
    if (!(await keepsInsertionOrder(conn, plan.sql))) throw new Error(`The check of ${name} would not keep the rows in file order.`);
  });
  const lines = await readMalformed(conn, name, raw, chk);
  if (plan.unknownStudentSql) await conn.run(plan.unknownStudentSql);
  await conn.run(plan.duplicateSql);

  // rejects: rows that break a rule, later rows with a seen key, malformed lines
  await conn.run(rejectTableSql(p, lines, chk, dup, 'rowid'));
  const counts = (await queryOne<{ raw: number; rejected: number; malformed: number }>(
    conn,
    `SELECT (SELECT count(*) FROM ${chk})::INTEGER AS raw,
            (SELECT count(*) FROM rej_${name})::INTEGER AS rejected,
            (SELECT count(*) FROM ${lines.malformedTable})::INTEGER AS malformed`,
  ))!;
  await dropLines(conn, lines);

  // accepted: the check table less its rejected rows and bookkeeping columns, renamed (no copy of the rows)
  await conn.run(`DELETE FROM ${chk} WHERE __chk IS NOT NULL OR rowid IN (SELECT __rid FROM ${dup})`);
  await conn.run(`DROP TABLE ${dup}`);
  for (const col of [...plan.rawColumns, ...(p.glob ? ['__f'] : []), '__chk']) await conn.run(`ALTER TABLE ${chk} DROP COLUMN ${col}`);
  await conn.run(`DROP TABLE IF EXISTS ${name}; ALTER TABLE ${chk} RENAME TO ${name}`);
  const accepted = (await queryOne<{ n: number }>(conn, `SELECT count(*)::INTEGER AS n FROM ${name}`))!.n;
  const read = counts.raw + counts.malformed;
  return accounting(p, resolved, { read, accepted, rejected: counts.rejected }, await rejectsByReason(conn, name));
}
