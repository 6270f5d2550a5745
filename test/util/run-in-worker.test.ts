/** The estimation worker: values and errors come back; a signal terminates it mid-loop at once. */
import { describe, it, expect } from 'vitest';
import { runInWorker } from '../../src/util/run-in-worker.js';
import { withInterruptTrap, isRunInterrupted, interruptExitCode, onInterrupt, interruptRequested } from '../../src/util/interrupt.js';
import { isInputError } from '../../src/util/input-error.js';
import type { Progress } from '../../src/util/progress.js';

const fixture = new URL('./worker-fixture.ts', import.meta.url).href;

describe('runInWorker', () => {
  it('moves the buffers, returns the value and relays stage lines and progress', async () => {
    const a = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    const stages: string[] = [];
    const progress: Progress[] = [];
    const sum = await runInWorker<number>(fixture, 'sumArray', [a], { transfer: [a.buffer], onStage: (m) => stages.push(m), onProgress: (p) => progress.push(p) });
    expect(sum).toBe(500_500); // 1000 · 1001 / 2
    expect(a.length).toBe(0); // moved, not copied
    expect(stages).toEqual(['summed 1000 values']);
    expect(progress).toEqual([{ stage: 'sum', done: 1, total: 2, unit: 'halves' }]);
  }, 30_000);

  it('a user error arrives as an InputError with its sentence; a programming error with its stack', async () => {
    const input = await runInWorker(fixture, 'throwError', ['input']).catch((e: unknown) => e);
    expect(isInputError(input)).toBe(true);
    expect((input as Error).message).toBe('The visits extract has no rows.');
    const bug = await runInWorker(fixture, 'throwError', ['bug']).catch((e: unknown) => e);
    expect(isInputError(bug)).toBe(false);
    expect((bug as Error).message).toBe('x is not a function');
    expect((bug as Error).stack).toMatch(/worker-fixture\.ts/);
  }, 30_000);
});

describe('withInterruptTrap', () => {
  it('a SIGINT terminates a worker stuck in a loop that never yields, within a second, and the trap rejects with it', async () => {
    let hooked = 0;
    const off = onInterrupt(() => hooked++);
    const t0 = Date.now();
    let signalledAt = 0;
    const outcome = await withInterruptTrap(async () => {
      setTimeout(() => {
        signalledAt = Date.now();
        process.emit('SIGINT', 'SIGINT');
      }, 1500); // the worker has booted and is spinning by then
      return runInWorker(fixture, 'spin', []);
    }).catch((e: unknown) => e);
    off();
    expect(isRunInterrupted(outcome)).toBe(true);
    expect((outcome as { signal: string }).signal).toBe('SIGINT');
    expect(interruptExitCode('SIGINT')).toBe(130);
    expect(interruptExitCode('SIGTERM')).toBe(143);
    expect(hooked).toBeGreaterThanOrEqual(1);
    expect(Date.now() - signalledAt).toBeLessThan(1000);
    expect(signalledAt - t0).toBeGreaterThanOrEqual(1400);
  }, 30_000);

  it('whatever error the interrupted work throws (an interrupted DuckDB query), the trap rejects with the signal; a new trap starts clean', async () => {
    const listeners = process.listenerCount('SIGTERM');
    const outcome = await withInterruptTrap(
      () =>
        new Promise((_, reject) => {
          const off = onInterrupt(() => {
            off();
            reject(new Error('INTERRUPT Error: Interrupted!'));
          });
          setTimeout(() => process.emit('SIGTERM', 'SIGTERM'), 50);
        }),
    ).catch((e: unknown) => e);
    expect(isRunInterrupted(outcome)).toBe(true);
    expect((outcome as { signal: string }).signal).toBe('SIGTERM');
    expect(await withInterruptTrap(async () => interruptRequested())).toBeNull();
    expect(process.listenerCount('SIGTERM')).toBe(listeners); // the trap's handler is gone: a signal kills as usual again
  }, 30_000);
});
