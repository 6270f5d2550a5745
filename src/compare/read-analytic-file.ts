import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../util/duckdb.js';
import { lit } from '../util/sql.js';
import { InputError } from '../util/input-error.js';
import { mixedLineEndingsMessage } from '../ingest/line-endings.js';
import { REJECT_REASONS, type RejectReason } from '../contract/reasons.js';
import { blankFileMessage, isBlankFile } from '../util/empty-file.js';
import { readerErrorText } from '../util/reader-error-text.js';
import { isUtf16File, utf16FileMessage } from '../util/utf16-file.js';

/** The lines of an analytic CSV that DuckDB's reader rejected, by reason (`malformed_row`, or a value that is not of its column's type). */
export interface AnalyticFileRejects {
  rejected: number;
  byReason: Partial<Record<RejectReason, number>>;
  /** the first few rejected source lines (1 = the header), for the progress line */
  lines: number[];
}

/** The reject reason of one reader error: a value that does not cast to its column's sniffed type, else a line that could not be parsed. */
export function readerErrorReason(errorType: string, columnType: string | null): RejectReason {
  if (errorType !== 'CAST' || columnType === null) return 'malformed_row';
  if (/^(DATE|TIMESTAMP|TIME)/.test(columnType)) return 'bad_date';
  if (columnType === 'BOOLEAN') return 'bad_bool';
  return 'bad_number';
}

/**
 * Load an analytic file (CSV or Parquet) into table `data`. A CSV is read like the ingest reads extracts, with
 * `store_rejects`: a line the parser cannot read, or a value that is not of its column's type, is rejected with
 * a reason instead of stopping the run or vanishing, so rows read = rows loaded + rows rejected. A file that cannot
 * be read at all is an `InputError` in one sentence.
 */
export async function readAnalyticFile(conn: DuckDBConnection, file: string, shownAs: string): Promise<AnalyticFileRejects> {
  const parquet = /\.parquet$/i.test(file);
  if (!parquet && isBlankFile(file)) throw new InputError(blankFileMessage(shownAs), { file: shownAs });
  if (!parquet && isUtf16File(file)) throw new InputError(utf16FileMessage(shownAs), { file: shownAs });
  const reader = parquet ? `read_parquet(${lit(file)})` : `read_csv(${lit(file)}, header = true, store_rejects = true, rejects_table = 'rej_err_data', rejects_scan = 'rej_scan_data')`;
  try {
    await conn.run(`CREATE TABLE data AS SELECT * FROM ${reader}`);
  } catch (e) {
    const mixed = parquet ? null : mixedLineEndingsMessage(file);
    throw new InputError(mixed ?? `Could not read ${shownAs}: ${readerErrorText((e as Error).message, file)}.`, { file: shownAs });
  }
  // a header line alone types every column VARCHAR: say the file has no rows, not that a column "must be numeric"
  const rows = (await queryRows<{ n: number }>(conn, 'SELECT count(*)::INTEGER AS n FROM data'))[0]!.n;
  const failed = parquet ? 0 : (await queryRows<{ n: number }>(conn, 'SELECT count(DISTINCT line)::INTEGER AS n FROM rej_err_data'))[0]!.n;
  if (rows === 0) {
    throw new InputError(`${shownAs} has no rows${failed ? ` that could be read (${failed.toLocaleString('en-US')} ${failed === 1 ? 'line was' : 'lines were'} rejected)` : ', only a header line'}; there is nothing to compare.`, { file: shownAs });
  }
  if (parquet) return { rejected: 0, byReason: {}, lines: [] };
  const errors = await queryRows<{ line: number; error_type: string; column_type: string | null }>(
    conn,
    `SELECT e.line::INTEGER AS line, e.error_type::VARCHAR AS error_type, d.column_type
     FROM rej_err_data e LEFT JOIN (SELECT column_name, column_type FROM (DESCRIBE data)) d ON d.column_name = e.column_name
     ORDER BY e.line`,
  );
  // a line may carry several errors: it is rejected once, for the first reason in the contract's precedence
  const byLine = new Map<number, RejectReason>();
  for (const x of errors) {
    const reason = readerErrorReason(x.error_type, x.column_type);
    const before = byLine.get(x.line);
    if (before === undefined || REJECT_REASONS.indexOf(reason) < REJECT_REASONS.indexOf(before)) byLine.set(x.line, reason);
  }
  const byReason: Partial<Record<RejectReason, number>> = {};
  for (const reason of byLine.values()) byReason[reason] = (byReason[reason] ?? 0) + 1;
  return { rejected: byLine.size, byReason, lines: [...byLine.keys()].slice(0, 5) };
}
