import type { DuckDBConnection } from '@duckdb/node-api';
import type { ProgressFn } from './progress.js';

/**
 * Report the running DuckDB query's progress (rows processed out of DuckDB's estimate of the total, which for a
 * CSV comes from its size) every `everyMs` under the stage name `stage()` gives at that moment; returns the stop
 * function. Nothing is reported between queries.
 */
export function watchQueryProgress(conn: DuckDBConnection, stage: () => string, onProgress: ProgressFn | undefined, everyMs = 250): () => void {
  if (!onProgress) return () => {};
  const timer = setInterval(() => {
    let p: { percentage: number; rows_processed: bigint; total_rows_to_process: bigint };
    try {
      p = conn.progress;
    } catch {
      return;
    }
    const total = Number(p.total_rows_to_process);
    if (p.percentage < 0 || total <= 0) return;
    onProgress({ stage: stage(), done: Math.min(Number(p.rows_processed), total), total, unit: 'rows' });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
