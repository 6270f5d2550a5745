import { rmSync } from 'node:fs';

/**
 * Ctrl-C and SIGTERM during a run. While a trap is set (`withInterruptTrap`), a signal does not kill the process:
 * it is recorded, every registered hook runs (DuckDB's connection.interrupt(), terminating the estimation worker),
 * and the run unwinds through its own clean-up (the temporary output folder, DuckDB's spill folder) to one line
 * and exit 130 (SIGINT) or 143 (SIGTERM). Should the run not have unwound after GRACE_MS, or on a second signal,
 * the registered temporary paths are removed here and the process exits with the same line and code.
 */

/** The one line an interrupted run prints. */
export const INTERRUPTED_LINE = 'hve: interrupted; the previous report is unchanged.';

/** How long a run may take to unwind after a signal before the temporary paths are removed and the process exits. */
export const GRACE_MS = 1500;

/** How often the hooks run again while the run unwinds (a DuckDB query started after the signal is interrupted too). */
const REPEAT_MS = 100;

/** Thrown (or put in place of the error a hook caused) when a run was stopped by a signal. */
export class RunInterrupted extends Error {
  readonly signal: NodeJS.Signals;
  constructor(signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.name = 'RunInterrupted';
    this.signal = signal;
  }
}

/** Whether a thrown value is an interrupted run. */
export function isRunInterrupted(e: unknown): e is RunInterrupted {
  return e instanceof RunInterrupted;
}

/** The exit code of a run stopped by this signal: 128 + its number. */
export function interruptExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : 143;
}

const hooks = new Set<() => void>();
const tempPaths = new Set<string>();
let requested: NodeJS.Signals | null = null;
let depth = 0;
let repeat: NodeJS.Timeout | undefined;
let grace: NodeJS.Timeout | undefined;

/** The signal that asked the current run to stop, or null. */
export function interruptRequested(): NodeJS.Signals | null {
  return requested;
}

/** Throw RunInterrupted when a signal has asked the run to stop. */
export function throwIfInterrupted(): void {
  if (requested) throw new RunInterrupted(requested);
}

/** Run `hook` when a signal arrives (and again every 100 ms until the run has unwound); returns the unregister function. */
export function onInterrupt(hook: () => void): () => void {
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Remove `path` (recursively) should the process have to exit on a signal before its owner removes it; returns the unregister function. */
export function registerTempPath(path: string): () => void {
  tempPaths.add(path);
  return () => tempPaths.delete(path);
}

/** Run every hook, ignoring their errors (a connection may be closing). */
function runHooks(): void {
  for (const h of [...hooks]) {
    try {
      h();
    } catch {
      // the hook's object is already gone
    }
  }
}

/** Remove every registered temporary path now (the process is about to exit on a signal before its owners could). */
export function removeTempPaths(): void {
  for (const p of tempPaths) rmSync(p, { recursive: true, force: true });
  tempPaths.clear();
}

/** Remove every registered temporary path, print the line and exit: the run did not unwind in time. */
function forceExit(signal: NodeJS.Signals): never {
  removeTempPaths();
  // on a terminal, clear a live progress line first
  process.stderr.write(`${process.stderr.isTTY ? '\r\x1b[2K' : ''}${INTERRUPTED_LINE}\n`);
  process.exit(interruptExitCode(signal));
}

/** The signal handler of a trap. */
function onSignal(signal: NodeJS.Signals): void {
  if (requested) forceExit(requested);
  requested = signal;
  runHooks();
  repeat = setInterval(runHooks, REPEAT_MS);
  grace = setTimeout(() => forceExit(signal), GRACE_MS);
}

/**
 * Run `fn` with SIGINT and SIGTERM trapped (nested traps share one handler). When a signal arrived, the promise
 * rejects with RunInterrupted once `fn` has unwound, whatever `fn` itself threw or returned.
 */
export async function withInterruptTrap<T>(fn: () => Promise<T>): Promise<T> {
  if (depth++ === 0) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    const result = await fn();
    throwIfInterrupted();
    return result;
  } catch (e) {
    throwIfInterrupted();
    throw e;
  } finally {
    if (--depth === 0) {
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      clearInterval(repeat);
      clearTimeout(grace);
      // the RunInterrupted thrown above carries the signal; work after the trap (a library caller's next run) goes on
      requested = null;
    }
  }
}
