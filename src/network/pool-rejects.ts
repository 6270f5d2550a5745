/** The rejected rows of a pool CSV: `rejects/effects.csv` in the output folder, and their reasons in words. */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeCsv } from '../util/csv.js';
import type { PoolCsv } from './read-pool-csv.js';

/** The columns of rejects/effects.csv. */
export const POOL_REJECT_COLUMNS = ['line', 'reason', 'column', 'value', 'raw'] as const;

/** Write every rejected row (line, reason, column, value, raw fields) to `<dir>/rejects/effects.csv`, restricted (owner-only), as the site's rejects are. */
export function writePoolRejects(dir: string, csv: PoolCsv): string {
  const folder = join(dir, 'rejects');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = join(folder, 'effects.csv');
  writeCsv(file, POOL_REJECT_COLUMNS, csv.rejects.map((r) => [r.line, r.reason, r.column, r.value, r.raw]));
  chmodSync(file, 0o600);
  return file;
}

/** The reject counts by reason, e.g. "1 bad_number, 2 out_of_range". */
export function rejectReasonsText(csv: PoolCsv): string {
  return Object.entries(csv.rejectedByReason).map(([k, v]) => `${v} ${k}`).join(', ');
}

/** One line per rejected row (at most `max`), for the terminal: "line 4: bad_number (se = -1)". */
export function rejectLines(csv: PoolCsv, max = 10): string[] {
  const lines = csv.rejects.slice(0, max).map((r) => `line ${r.line}: ${r.reason}${r.column ? ` (${r.column}${r.value === null ? '' : ` = ${r.value}`})` : ''}`);
  if (csv.rejects.length > max) lines.push(`… and ${csv.rejects.length - max} more (rejects/effects.csv)`);
  return lines;
}
