import { existsSync } from 'node:fs';
import { openDb, queryRows } from '../util/duckdb.js';
import { ident, lit } from '../util/sql.js';
import { InputError } from '../util/input-error.js';
import { mixedLineEndingsMessage } from '../ingest/line-endings.js';
import { readerErrorReason } from '../compare/read-analytic-file.js';
import { REJECT_REASONS, type RejectReason } from '../contract/reasons.js';
import { blankFileMessage, isBlankFile } from '../util/empty-file.js';
import { readerErrorText } from '../util/reader-error-text.js';
import { isUtf16File, utf16FileMessage } from '../util/utf16-file.js';

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

/** Why a pool CSV row is rejected: the data contract's reasons, and `se_variance_conflict` (se² and variance differ by a relative 1e-6 or more). */
export type PoolRejectReason = RejectReason | 'se_variance_conflict';

/** One rejected row of a pool CSV: its source line (1 = the header), reason, column and value, and the raw line or fields. */
export interface PoolReject {
  line: number;
  reason: PoolRejectReason;
  column: string | null;
  value: string | null;
  raw: string;
}

/** The rows of a pool CSV with their accounting: read = accepted + rejected. */
export interface PoolCsv {
  rows: PoolCsvRow[];
  read: number;
  accepted: number;
  rejected: number;
  rejectedByReason: Partial<Record<PoolRejectReason, number>>;
  /** the first rejected source lines (1 = the header) the CSV reader rejected */
  lines: number[];
  /** every rejected row, in line order */
  rejects: PoolReject[];
}

/** The smallest SE (and variance, its square) a pool row may have: below it the number is not a credible uncertainty. */
export const MIN_POOL_SE = 1e-12;
export const MIN_POOL_VARIANCE = 1e-24;

type Raw = { [K in PoolColumn]: unknown };

/** The reason a parsed row is rejected (with the column at fault), or null when it is accepted. */
function rowReason(r: Raw, seen: Set<string>): { reason: PoolRejectReason; column: PoolColumn | null } | null {
  const bad = (reason: PoolRejectReason, column: PoolColumn | null) => ({ reason, column });
  if (r.site == null || String(r.site).trim() === '') return bad('missing_required', 'site');
  if (r.estimate == null) return bad('missing_required', 'estimate');
  if (r.se == null && r.variance == null) return bad('missing_required', 'se');
  if (!Number.isFinite(Number(r.estimate))) return bad('bad_number', 'estimate');
  if (r.se != null && !(Number(r.se) > MIN_POOL_SE && Number.isFinite(Number(r.se)))) return bad('bad_number', 'se');
  if (r.variance != null && !(Number(r.variance) > MIN_POOL_VARIANCE && Number.isFinite(Number(r.variance)))) return bad('bad_number', 'variance');
  if (r.se != null && r.variance != null) {
    const a = Number(r.se) ** 2;
    const b = Number(r.variance);
    if (Math.abs(a - b) / Math.max(a, b) > 1e-6) return bad('se_variance_conflict', 'variance');
  }
  if (r.n != null && Number(r.n) < 0) return bad('out_of_range', 'n');
  if (r.reach != null && !(Number(r.reach) >= 0 && Number(r.reach) <= 1)) return bad('out_of_range', 'reach');
  if (r.fidelity != null && !(Number(r.fidelity) >= 0 && Number(r.fidelity) <= 1)) return bad('out_of_range', 'fidelity');
  const key = `${String(r.site).trim()}\u0000${r.year ?? ''}\u0000${r.outcome ?? 'effect'}`;
  if (seen.has(key)) return bad('duplicate_key', 'site');
  seen.add(key);
  return null;
}

/**
 * Read a pool CSV (site, estimate, se or variance; optional n, state, year, reach, fidelity, outcome) with
 * DuckDB's read_csv and store_rejects: a line that cannot be parsed, a value that is not a number, a missing
 * required value, an SE ≤ 1e-12 or variance ≤ 1e-24 (bad_number), an se and variance that disagree
 * (se_variance_conflict), a share outside 0..1 or a repeated site-year-outcome is rejected with its reason and line.
 */
export async function readPoolCsv(file: string): Promise<PoolCsv> {
  if (!existsSync(file)) throw new InputError(`${file} does not exist.`, { file });
  if (isBlankFile(file)) throw new InputError(blankFileMessage(file), { file });
  if (isUtf16File(file)) throw new InputError(utf16FileMessage(file), { file });
  const db = await openDb();
  try {
    let headers: string[];
    try {
      headers = (await queryRows<{ column_name: string }>(db.conn, `DESCRIBE SELECT * FROM read_csv(${lit(file)}, header = true, all_varchar = true, store_rejects = true, rejects_table = 'rej_err_head', rejects_scan = 'rej_scan_head')`)).map((r) => r.column_name);
    } catch (e) {
      throw new InputError(mixedLineEndingsMessage(file) ?? `Could not read ${file}: ${readerErrorText((e as Error).message, file)}.`, { file });
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
    const errors = await queryRows<{ line: number; error_type: string; column_name: string | null; csv_line: string | null }>(
      db.conn,
      `SELECT line::INTEGER AS line, error_type::VARCHAR AS error_type, column_name, csv_line::VARCHAR AS csv_line FROM rej_err_pool ORDER BY line`,
    );
    const byLine = new Map<number, RejectReason>();
    const readerRejects = new Map<number, PoolReject>();
    for (const x of errors) {
      const col = x.column_name == null ? null : POOL_COLUMNS[x.column_name.trim().toLowerCase() as PoolColumn] ?? 'VARCHAR';
      const reason = readerErrorReason(x.error_type, col);
      const before = byLine.get(x.line);
      if (before === undefined || REJECT_REASONS.indexOf(reason) < REJECT_REASONS.indexOf(before)) {
        byLine.set(x.line, reason);
        readerRejects.set(x.line, { line: x.line, reason, column: x.column_name, value: null, raw: x.csv_line ?? '' });
      }
    }
    const select = (Object.keys(POOL_COLUMNS) as PoolColumn[]).map((c) => `${byName.has(c) ? ident(byName.get(c)!) : 'NULL'} AS ${c}`).join(', ');
    const raw = await queryRows<Raw>(db.conn, `SELECT ${select} FROM pool`);
    const byReason: Partial<Record<PoolRejectReason, number>> = {};
    for (const reason of byLine.values()) byReason[reason] = (byReason[reason] ?? 0) + 1;
    const rows: PoolCsvRow[] = [];
    const rejects: PoolReject[] = [...readerRejects.values()];
    const seen = new Set<string>();
    // the source line of a parsed row: the next line (after the header) the reader did not reject
    let line = 1;
    for (const r of raw) {
      line += 1;
      while (byLine.has(line)) line += 1;
      const bad = rowReason(r, seen);
      if (bad) {
        byReason[bad.reason] = (byReason[bad.reason] ?? 0) + 1;
        const v = bad.column === null ? null : r[bad.column];
        const rawFields = (Object.keys(POOL_COLUMNS) as PoolColumn[]).filter((c) => byName.has(c)).map((c) => (r[c] == null ? '' : String(r[c]))).join(',');
        rejects.push({ line, reason: bad.reason, column: bad.column, value: v == null ? null : String(v), raw: rawFields });
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
    rejects.sort((a, b) => a.line - b.line);
    return { rows, read: rows.length + rejected, accepted: rows.length, rejected, rejectedByReason: byReason, lines: [...byLine.keys()].slice(0, 5), rejects };
  } finally {
    db.close();
  }
}
