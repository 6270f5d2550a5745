/** Functions the worker tests run in a worker thread (each gets the WorkerReport last). */
import { InputError } from '../../src/util/input-error.js';
import type { WorkerReport } from '../../src/util/run-in-worker.js';

/** Sum a Float64Array, reporting each half as progress. */
export function sumArray(a: Float64Array, report: WorkerReport): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  report.onProgress({ stage: 'sum', done: 1, total: 2, unit: 'halves' });
  report.onStage(`summed ${a.length} values`);
  return s;
}

/** Throw a user error, or a programming error. */
export function throwError(kind: 'input' | 'bug'): never {
  if (kind === 'input') throw new InputError('The visits extract has no rows.');
  throw new TypeError('x is not a function');
}

/** A synchronous loop that never yields (as a long model fit). */
export function spin(): number {
  let x = 0;
  for (;;) x = (x + 1) % 1_000_003;
}
