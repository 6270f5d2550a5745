import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** A Chromium started with `--remote-debugging-pipe`: DevTools protocol messages over fds 3 (in) and 4 (out). */
export interface CdpBrowser {
  /** Send one protocol command (to the page session when `sessionId` is given) and wait for its result. */
  send<T = Record<string, unknown>>(method: string, params?: Record<string, unknown>, sessionId?: string): Promise<T>;
  /** Wait for the next event `method` (of the session, when given). */
  once(method: string, sessionId?: string): Promise<Record<string, unknown>>;
  /** Ask Chromium to close, and end its process group if it has not gone within 5 s. */
  close(): Promise<void>;
  /** End Chromium and its helpers at once (after a timeout). */
  kill(): void;
  /** The last lines of Chromium's stderr, for error messages. */
  stderr(): string;
}

interface Waiter {
  resolve: (v: Record<string, unknown>) => void;
  reject: (e: Error) => void;
}

/** End a detached child and its helpers by its process-group id. */
function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/**
 * Start Chromium with `args` plus `--remote-debugging-pipe` and speak the DevTools protocol to it: each
 * message is one JSON object ended by a NUL byte, commands written to its fd 3, replies and events read
 * from its fd 4. No port is opened and no library is needed.
 */
export function launchCdp(exe: string, args: readonly string[]): CdpBrowser {
  // detached: Chromium gets its own process group, so a timeout can end it and its helpers by that id.
  const child = spawn(exe, [...args, '--remote-debugging-pipe'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
  const toChrome = child.stdio[3] as Writable;
  const fromChrome = child.stdio[4] as Readable;
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err = (err + d.toString('utf8')).slice(-4000);
  });
  let nextId = 1;
  const pending = new Map<number, Waiter>();
  const events: { method: string; sessionId: string | undefined; waiter: Waiter }[] = [];
  let exited: Error | null = null;
  const failAll = (e: Error) => {
    exited = e;
    for (const w of pending.values()) w.reject(e);
    pending.clear();
    for (const ev of events.splice(0)) ev.waiter.reject(e);
  };
  const exitedPromise = new Promise<void>((resolve) => {
    child.on('close', (code, signal) => {
      failAll(new Error(`Chromium exited with ${signal ?? `code ${code}`}`));
      resolve();
    });
  });
  child.on('error', (e) => failAll(e));
  toChrome.on('error', () => {}); // a closed pipe shows up as the process exit

  let buffered = Buffer.alloc(0);
  fromChrome.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    let end: number;
    while ((end = buffered.indexOf(0)) >= 0) {
      const msg = JSON.parse(buffered.subarray(0, end).toString('utf8')) as {
        id?: number;
        method?: string;
        sessionId?: string;
        result?: Record<string, unknown>;
        error?: { message: string };
        params?: Record<string, unknown>;
      };
      buffered = buffered.subarray(end + 1);
      if (msg.id !== undefined) {
        const w = pending.get(msg.id);
        pending.delete(msg.id);
        if (msg.error) w?.reject(new Error(`DevTools ${msg.error.message}`));
        else w?.resolve(msg.result ?? {});
      } else if (msg.method) {
        const k = events.findIndex((e) => e.method === msg.method && (e.sessionId === undefined || e.sessionId === msg.sessionId));
        if (k >= 0) events.splice(k, 1)[0]!.waiter.resolve(msg.params ?? {});
      }
    }
  });

  return {
    send<T>(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<T> {
      if (exited) return Promise.reject(exited);
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: Record<string, unknown>) => void, reject });
        toChrome.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
      });
    },
    once(method: string, sessionId?: string) {
      if (exited) return Promise.reject(exited);
      return new Promise((resolve, reject) => events.push({ method, sessionId, waiter: { resolve, reject } }));
    },
    async close() {
      if (exited) return;
      const timer = setTimeout(() => killGroup(child), 5000);
      this.send('Browser.close').catch(() => {});
      await exitedPromise;
      clearTimeout(timer);
    },
    kill() {
      killGroup(child);
    },
    stderr: () => err,
  };
}
