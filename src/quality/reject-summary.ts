import type { DuckDBConnection } from '@duckdb/node-api';
import type { IngestResult } from '../ingest/ingest-all.js';
import { EXTRACT_SPECS } from '../contract/extract-specs.js';
import { queryRows } from '../util/duckdb.js';
import { lit } from '../util/sql.js';
import type { RejectGroup } from './quality-schema.js';

/** Reasons whose rejected value says what went wrong and is no identifier, so one may be shown as an example. */
const EXAMPLE_REASONS = ['bad_date', 'bad_number', 'bad_bool', 'unknown_code', 'date_outside_year', 'out_of_range'];

/**
 * Group every extract's rejects (table `rej_<spec>`) by reason and column, and unknown codes by code as
 * well (case-insensitively, showing the most common spelling), largest group first.
 */
export async function rejectSummary(conn: DuckDBConnection, ingest: IngestResult): Promise<RejectGroup[]> {
  const out: RejectGroup[] = [];
  for (const e of ingest.extracts) {
    if (e.rows_rejected === 0) continue;
    const name = e.spec;
    const idColumns = EXTRACT_SPECS[name].columns.filter((c) => c.type === 'id').map((c) => c.name);
    const example = `CASE WHEN reason IN (${EXAMPLE_REASONS.map(lit).join(', ')}) AND "column" NOT IN (${idColumns.map(lit).join(', ') || "''"}) THEN min(value) END`;
    const rows = await queryRows<Omit<RejectGroup, 'extract'>>(
      conn,
      `SELECT reason, "column", CASE WHEN reason = 'unknown_code' THEN mode(value) END AS code, count(*)::INTEGER AS rows, ${example} AS example
       FROM rej_${name}
       GROUP BY reason, "column", CASE WHEN reason = 'unknown_code' THEN lower(value) END
       ORDER BY rows DESC, reason, "column", code`,
    );
    for (const r of rows) out.push({ extract: e.extract, ...r });
  }
  return out;
}
