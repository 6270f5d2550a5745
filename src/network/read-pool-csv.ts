import { existsSync } from 'node:fs';
import { openDb, queryRows } from '../util/duckdb.js';
import { ident, lit } from '../util/sql.js';
import { InputError } from '../util/input-error.js';
import { mixedLineEndingsMessage } from '../ingest/line-endings.js';
import { readerErrorReason } from '../compare/read-analytic-file.js';
import { REJECT_REASONS, type RejectReason } from '../contract/reasons.js';

/** The columns of a pool CSV and their types; site, estimate and se or variance are required. */
export const POOL_COLUMNS = { site: 'VARCHAR', estimate: 'DOUBLE', se: 'DOUBLE', variance: 'DOUBLE', n: 'BIGINT', state: 'VARCHAR', year: 'BIGINT', reach: 'DOUBLE', fidelity: 'DOUBLE', outcome: 'VARCHAR' } as const;
type PoolColumn = keyof typeof POOL_COLUMNS;

/** One accepted row of a pool CSV. */
export interface PoolCsvRow {
  site: string;
  outcome: string;
  estimate: number;
  se: number;
  n: number | null;
  state: string | null;
  year: number | null;
  reach: number | null;
  fidelity: number | null;
}

/** The rows of a pool CSV with their accounting: read = accepted + rejected. */
export interface PoolCsv {
  rows: PoolCsvRow[];
  read: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Partial<Record<RejectReason, number>>;
  /** the first rejected source lines (1 = the header) the CSV reader rejected */
  lines: number[];
}

type Raw = { [K in PoolColumn]: unknown };

/** The reason a parsed row is rejected, or null when it is accepted. */
function rowReason(r: Raw, seen: Set<string>): RejectReason | null {
  if (r.site == null || String(r.site).trim() === '' || r.estimate == null || (r.se == null && r.variance == null)) return 'missing_required';
  const se = r.se != null ? Number(r.se) : Math.sqrt(Number(r.variance));
  if (!Number.isFinite(Number(r.estimate)) || !(se > 0) || !Number.isFinite(se)) return 'out_of_range';
  if (r.n != null && Number(r.n) < 0) return 'out_of_range';
  for (const share of [r.reach, r.fidelity]) if (share != null && !(Number(share) >= 0 && Number(share) <= 1)) return 'out_of_range';
  const key = `${String(r.site).trim()}\u0000${r.year ?? ''}\u0000${r.outcome ?? 'effect'}`;
  if (seen.has(key)) return 'duplicate_key';
  seen.add(key);
  return null;
}

/**
 * Read a pool CSV (site, estimate, se or variance; optional n, state, year, reach, fidelity, outcome) with
 * DuckDB's read_csv and store_rejects: a line that cannot be parsed, a value that is not a number, a missing
 * required value, an SE ≤ 0, a share outside 0..1 or a repeated site-year-outcome is rejected with its reason.
 */
export async function readPoolCsv(file: string): Promise<PoolCsv> {
  if (!existsSync(file)) throw new InputError(`${file} does not exist.`, { file });
  const db = await openDb();
  try {
    let headers: string[];
    try {
      headers = (await queryRows<{ column_name: string }>(db.conn, `DESCRIBE SELECT * FROM read_csv(${lit(file)}, header = true, all_varchar = true, store_rejects = true, rejects_table = 'rej_err_head', rejects_scan = 'rej_scan_head')`)).map((r) => r.column_name);
    } catch (e) {
      throw new InputError(mixedLineEndingsMessage(file) ?? `Could not read ${file}: ${(e as Error).message.split('\n')[0]}`, { file });
    }
    const byName = new Map(headers.map((h) => [h.trim().toLowerCase(), h]));
    const missing = (['site', 'estimate'] as const).filter((c) => !byName.has(c));
    if (missing.length || !(byName.has('se') || byName.has('variance'))) {
      const need = [...missing, ...(byName.has('se') || byName.has('variance') ? [] : ['se or variance'])];
      throw new InputError(`${file} has no ${need.join(', ')} column (it has ${headers.join(', ')}); a pool CSV needs site, estimate and se or variance.`, { file });
    }
    const types = headers.map((h) => `${lit(h)}: ${lit(POOL_COLUMNS[h.trim().toLowerCase() as PoolColumn] ?? 'VARCHAR')}`).join(', ');
    await db.conn.run(
      `CREATE TABLE pool AS SELECT * FROM read_csv(${lit(file)}, header = true, types = {${types}}, store_rejects = true, rejects_table = 'rej_err_pool', rejects_scan = 'rej_scan_pool')`,
    );
    const errors = await queryRows<{ line: number; error_type: string; column_name: string | null }>(db.conn, `SELECT line::INTEGER AS line, error_type::VARCHAR AS error_type, column_name FROM rej_err_pool ORDER BY line`);
    const byLine = new Map<number, RejectReason>();
    for (const x of errors) {
      const col = x.column_name == null ? null : POOL_COLUMNS[x.column_name.trim().toLowerCase() as PoolColumn] ?? 'VARCHAR';
      const reason = readerErrorReason(x.error_type, col);
      const before = byLine.get(x.line);
      if (before === undefined || REJECT_REASONS.indexOf(reason) < REJECT_REASONS.indexOf(before)) byLine.set(x.line, reason);
    }
    const select = (Object.keys(POOL_COLUMNS) as PoolColumn[]).map((c) => `${byName.has(c) ? ident(byName.get(c)!) : 'NULL'} AS ${c}`).join(', ');
    const raw = await queryRows<Raw>(db.conn, `SELECT ${select} FROM pool`);
    const byReason: Partial<Record<RejectReason, number>> = {};
    for (const reason of byLine.values()) byReason[reason] = (byReason[reason] ?? 0) + 1;
    const rows: PoolCsvRow[] = [];
    const seen = new Set<string>();
    for (const r of raw) {
      const reason = rowReason(r, seen);
      if (reason) {
        byReason[reason] = (byReason[reason] ?? 0) + 1;
        continue;
      }
      rows.push({
        site: String(r.site).trim(),
        outcome: r.outcome == null || String(r.outcome).trim() === '' ? 'effect' : String(r.outcome).trim(),
        estimate: Number(r.estimate),
        se: r.se != null ? Number(r.se) : Math.sqrt(Number(r.variance)),
        n: r.n == null ? null : Number(r.n),
        state: r.state == null || String(r.state).trim() === '' ? null : String(r.state).trim(),
        year: r.year == null ? null : Number(r.year),
        reach: r.reach == null ? null : Number(r.reach),
        fidelity: r.fidelity == null ? null : Number(r.fidelity),
      });
    }
    const rejected = Object.values(byReason).reduce((a, x) => a + (x ?? 0), 0);
    return { rows, read: rows.length + rejected, accepted: rows.length, rejected, rejectedByReason: byReason, lines: [...byLine.keys()].slice(0, 5) };
  } finally {
    db.close();
  }
}
