import type { Progress } from '../util/progress.js';

/** Where the logger writes: stderr, or a stand-in in tests. */
export interface LogStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

/** A progress printer: call it with a stage line; `.progress` with how far a long stage has come. */
export type StageLog = ((msg: string) => void) & { progress: (p: Progress) => void };

/** Clear the terminal line and return the cursor to its start. */
const CLEAR = '\r\x1b[2K';

/** Redraw a live line at most this often (ms), and estimate no ETA before this much of a stage has passed (ms). */
const REDRAW_MS = 200;
const ETA_AFTER_MS = 1000;

/** The stream showing a live line now, which the next line (or an error) must clear first. */
let live: LogStream | null = null;

/** Clear the live progress line, if one is showing (before an error message is printed). */
export function endProgressLine(): void {
  if (live) live.write(CLEAR);
  live = null;
}

/** A duration for people: "45 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Seconds left at the rate since `start`: (total − done) ÷ ((done − start.done) / elapsed); null before ETA_AFTER_MS or without progress. */
export function etaSeconds(start: { t: number; done: number }, now: number, p: Progress): number | null {
  const elapsed = now - start.t;
  const rate = (p.done - start.done) / elapsed;
  if (elapsed < ETA_AFTER_MS || !(rate > 0)) return null;
  return (p.total - p.done) / rate / 1000;
}

/** The text of a live line: "estimate: 120 of 480 models (25%), ETA 36 s". */
export function progressText(p: Progress, eta: number | null): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  const pct = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0;
  return `${p.stage}: ${n(p.done)} of ${n(p.total)} ${p.unit} (${pct}%)${eta === null ? '' : `, ETA ${formatDuration(eta)}`}`;
}

/**
 * The one printer of progress on stderr. Each stage line is one line, as before; on a terminal, a long stage also
 * shows ONE live line, rewritten in place (\r), with what is done out of the total and an ETA, replaced by the
 * next stage line. Off a terminal the live line is never written. `quiet` silences both.
 */
export function stageLogger(quiet: boolean, o: { stream?: LogStream; now?: () => number } = {}): StageLog {
  const stream = o.stream ?? process.stderr;
  const now = o.now ?? Date.now;
  const t0 = now();
  const stamp = () => `[${((now() - t0) / 1000).toFixed(1).padStart(5)}s]`;
  let start: { key: string; t: number; done: number; last: number } | null = null;
  let drawn = -Infinity;
  const log = ((msg: string) => {
    if (quiet) return;
    if (live === stream) endProgressLine();
    start = null;
    stream.write(`${stamp()} ${msg}\n`);
  }) as StageLog;
  log.progress = (p) => {
    if (quiet || !stream.isTTY) return;
    const t = now();
    // a new stage, a new total or a count that went back (DuckDB's next query) starts a new ETA
    const key = `${p.stage}\u0000${p.unit}\u0000${p.total}`;
    if (!start || start.key !== key || p.done < start.last) start = { key, t, done: p.done, last: p.done };
    start.last = p.done;
    if (t - drawn < REDRAW_MS) return;
    drawn = t;
    const line = `${stamp()} ${progressText(p, etaSeconds(start, t, p))}`;
    stream.write(`${CLEAR}${stream.columns ? line.slice(0, stream.columns - 1) : line}`);
    live = stream;
  };
  return log;
}
