import type { DuckDBConnection } from '@duckdb/node-api';
import type { Source } from '../config/pipeline-schema.js';
import type { ExtractSpec } from '../contract/extract-specs.js';
import { REJECT_REASONS, type RejectReason } from '../contract/reasons.js';
import type { ResolvedSource } from './resolve-source.js';
import { readRaw } from './read-raw.js';
import { mapColumns, type ColumnMap } from './map-columns.js';
import { buildCheckSql, type CheckContext } from './check-sql.js';
import { queryOne, queryRows } from '../util/duckdb.js';

/** Row accounting for one extract: read = accepted + rejected, with the rejects by reason. */
export interface ExtractAccounting {
  extract: string;
  kind?: string;
  files: string[];
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rejected_by_reason: Partial<Record<RejectReason, number>>;
  columns: ColumnMap;
}

/**
 * Read one source, type it against its canonical spec and split it into the accepted table `<spec.name>`
 * and the reject table `rej_<spec.name>` (source file, line, reason, column, value, then the raw fields).
 */
export async function ingestExtract(
  conn: DuckDBConnection,
  spec: ExtractSpec,
  source: Source,
  resolved: ResolvedSource,
  ctx: CheckContext,
  decide?: (headers: string[]) => ExtractSpec,
): Promise<ExtractAccounting> {
  const raw = await readRaw(conn, spec.name, resolved, source.delimiter);
  const finalSpec = decide ? decide(raw.headers) : spec;
  const label = resolved.files.length === 1 ? resolved.files[0]! : resolved.pattern;
  const map = mapColumns(finalSpec, source, raw.headers, label);
  await conn.run(buildCheckSql(finalSpec, map, source, raw.table, ctx));

  const name = finalSpec.name;
  await conn.run(`CREATE OR REPLACE TABLE ${name} AS
    SELECT ${finalSpec.columns.map((c) => c.name).join(', ')}, __file, __line FROM chk_${name} WHERE reason IS NULL`);
  await conn.run(`CREATE OR REPLACE TABLE rej_${name} AS
    SELECT __file AS source_file, __line AS source_line, reason, reason_column AS "column", reason_value AS value,
           ${finalSpec.columns.map((c) => `r_${c.name} AS ${c.name}`).join(', ')}, NULL::VARCHAR AS raw_line
    FROM chk_${name} WHERE reason IS NOT NULL
    UNION ALL BY NAME
    SELECT __file AS source_file, __line AS source_line, 'malformed_row' AS reason, NULL AS "column", error AS value, raw_line
    FROM ${raw.malformedTable}`);
  const counts = await queryOne<{ raw: number; accepted: number; rejected: number; malformed: number }>(
    conn,
    `SELECT (SELECT count(*) FROM ${raw.table})::INTEGER AS raw,
            (SELECT count(*) FROM ${name})::INTEGER AS accepted,
            (SELECT count(*) FROM rej_${name})::INTEGER AS rejected,
            (SELECT count(*) FROM ${raw.malformedTable})::INTEGER AS malformed`,
  );
  const byReason = await queryRows<{ reason: RejectReason; n: number }>(
    conn,
    `SELECT reason, count(*)::INTEGER AS n FROM rej_${name} GROUP BY reason`,
  );
  const rejected_by_reason: Partial<Record<RejectReason, number>> = {};
  for (const reason of REJECT_REASONS) {
    const hit = byReason.find((b) => b.reason === reason);
    if (hit) rejected_by_reason[reason] = hit.n;
  }
  await conn.run(`DROP TABLE chk_${name}; DROP TABLE ${raw.table}; DROP TABLE ${raw.malformedTable}`);
  const read = counts!.raw + counts!.malformed;
  if (read !== counts!.accepted + counts!.rejected) {
    throw new Error(`row accounting does not balance for ${name}: read ${read}, accepted ${counts!.accepted}, rejected ${counts!.rejected}`);
  }
  return {
    extract: finalSpec.label,
    kind: finalSpec.name.startsWith('attendance_') ? finalSpec.name.slice('attendance_'.length) : undefined,
    files: resolved.files,
    rows_read: read,
    rows_accepted: counts!.accepted,
    rows_rejected: counts!.rejected,
    rejected_by_reason,
    columns: map,
  };
}
