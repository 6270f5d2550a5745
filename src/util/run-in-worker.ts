import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from './input-error.js';
import { onInterrupt, RunInterrupted, interruptRequested } from './interrupt.js';
import type { Progress, ProgressFn } from './progress.js';

/** What the function run in a worker gets as its last argument: where to send stage lines and progress. */
export interface WorkerReport {
  onStage: (msg: string) => void;
  onProgress: ProgressFn;
}

type FromWorker =
  | { kind: 'stage'; msg: string }
  | { kind: 'progress'; p: Progress }
  | { kind: 'done'; value: unknown }
  | { kind: 'error'; name: string; message: string; stack?: string };

/** tsx's ESM API, found from this file (the worker runs the TypeScript sources as bin/hve.js does). */
function tsxApiUrl(): string {
  const pkg = createRequire(import.meta.url).resolve('tsx/package.json');
  return pathToFileURL(join(dirname(pkg), 'dist', 'esm', 'api', 'index.mjs')).href;
}

// the worker: register tsx, import the module, call the function with a reporter, post its value or error
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
const post = (m) => parentPort.postMessage(m);
(async () => {
  try {
    (await import(workerData.tsx)).register();
    const mod = await import(workerData.module);
    const report = { onStage: (msg) => post({ kind: 'stage', msg }), onProgress: (p) => post({ kind: 'progress', p }) };
    post({ kind: 'done', value: await mod[workerData.name](...workerData.args, report) });
  } catch (e) {
    post({ kind: 'error', name: String(e && e.name), message: String(e && e.message !== undefined ? e.message : e), stack: e && e.stack });
  }
})();
`;

/**
 * Call the export `name` of the module at `moduleUrl` in a worker thread with `args` (structured-cloned; the
 * buffers in `transfer` are moved, not copied) and a `WorkerReport`, and resolve with what it returns. The main
 * thread stays free while it computes: a SIGINT or SIGTERM terminates the worker at once, however long one model
 * fit takes, and the promise rejects with RunInterrupted. A user error thrown there arrives as an InputError.
 */
export function runInWorker<T>(
  moduleUrl: string,
  name: string,
  args: unknown[],
  opts: { transfer?: ArrayBuffer[]; onStage?: (msg: string) => void; onProgress?: ProgressFn } = {},
): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    const worker = new Worker(BOOT, { eval: true, workerData: { tsx: tsxApiUrl(), module: moduleUrl, name, args }, transferList: opts.transfer ?? [] });
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      unregister();
      f();
      void worker.terminate();
    };
    const unregister = onInterrupt(() => settle(() => reject(new RunInterrupted(interruptRequested() ?? 'SIGTERM'))));
    worker.on('message', (m: FromWorker) => {
      if (m.kind === 'stage') opts.onStage?.(m.msg);
      else if (m.kind === 'progress') opts.onProgress?.(m.p);
      else if (m.kind === 'done') settle(() => resolvePromise(m.value as T));
      else {
        const e = m.name === 'InputError' ? new InputError(m.message) : new Error(m.message);
        if (m.name !== 'InputError' && m.stack) e.stack = m.stack;
        settle(() => reject(e));
      }
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the worker of ${name} stopped (exit code ${code}) before it finished`))));
  });
}
