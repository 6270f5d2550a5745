/**
 * The pandas baseline (bench/pandas-baseline.py), when `python3` can import pandas (and pyarrow for Parquet):
 * run it under `/usr/bin/time -v` and return its seconds, peak RSS and means, or why it did not run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** What the pandas baseline measured, or why it did not run. */
export type PandasResult =
  | { ran: true; seconds: number; wall_seconds: number; peak_rss_mb: number | null; students: number; means: Record<string, number | null> }
  | { ran: false; reason: string };

/** Whether python3 imports the given modules. */
function imports(mods: string): boolean {
  return spawnSync('python3', ['-c', `import ${mods}`], { stdio: 'ignore' }).status === 0;
}

/** Run the pandas baseline on `<dir>/<extract>.<format>`, or say why not ("pandas: not installed"). */
export function runPandas(dir: string, format: 'csv' | 'parquet'): PandasResult {
  if (!imports('pandas')) return { ran: false, reason: 'pandas: not installed' };
  if (format === 'parquet' && !imports('pyarrow') && !imports('fastparquet')) return { ran: false, reason: 'pandas: no Parquet engine (pyarrow) installed' };
  const script = resolve('bench/pandas-baseline.py');
  const useTime = existsSync('/usr/bin/time');
  const t0 = performance.now();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-v', 'python3', script, dir, format], { encoding: 'utf8', maxBuffer: 1 << 24 })
    : spawnSync('python3', [script, dir, format], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const wall = (performance.now() - t0) / 1000;
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '')?.[1];
  const line = (r.stdout ?? '').trim().split('\n').at(-1) ?? '';
  if (r.status !== 0 || !line.startsWith('{')) return { ran: false, reason: `pandas failed (exit ${r.status}): ${(r.stderr ?? '').trim().split('\n').slice(-3).join(' ')}` };
  const o = JSON.parse(line) as { seconds: number; students: number; means: Record<string, number | null> };
  return { ran: true, seconds: o.seconds, wall_seconds: wall, peak_rss_mb: kb ? Math.round(Number(kb) / 1024) : null, students: o.students, means: o.means };
}
