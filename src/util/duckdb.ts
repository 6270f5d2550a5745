import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { onInterrupt, registerTempPath } from './interrupt.js';
import { removeStaleFolders } from './stale-folders.js';

/** An open DuckDB database with one connection. */
export interface Db {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
  /** the threads asked for (undefined: DuckDB's default), which `restoreThreads` sets again after a `RESET threads` */
  threads?: number;
  close(): void;
}

/** Share of the machine's memory DuckDB may use before it spills to its temp folder (DuckDB's own default is 80%): 6 GiB of 24, so a whole run stays within 8 GiB with Node's heap. */
export const MEMORY_SHARE = 0.25;

/** The spill folders this tool makes: `hve-duckdb-<pid>-<random>`, the pid being the process that owns it. */
export const SPILL_FOLDER = /^hve-duckdb-(\d+)-[0-9a-f]+$/;

/** Memory this process may use: the machine's, or a smaller container (cgroup) limit. */
function machineMemory(): number {
  const limit = process.constrainedMemory?.() ?? 0;
  return limit > 0 ? Math.min(limit, totalmem()) : totalmem();
}

/** The default DuckDB memory_limit: MEMORY_SHARE of the machine's (or container's) memory, in MiB. */
export function defaultMemoryLimit(): string {
  return `${Math.floor((machineMemory() * MEMORY_SHARE) / 2 ** 20)}MiB`;
}

/** Settings of `openDb` beyond the path. */
export interface DbSettings {
  threads?: number;
  /** DuckDB memory_limit, e.g. '4GB' (default: MEMORY_SHARE of the machine's memory) */
  memoryLimit?: string;
  /** folder in which the spill folder `hve-duckdb-<pid>-<random>` is made (default: the OS temp folder) */
  tempDirectory?: string;
}

/**
 * Open (or create) a DuckDB database file, or ':memory:'; unknown extensions fail fast instead of downloading.
 * DuckDB gets a memory limit below the machine's memory and spills beyond it into its own folder
 * `hve-duckdb-<pid>-<random>` (under the OS temp folder unless told), removed on close and on an interrupt;
 * such folders left by processes that are gone are removed first. Query progress is kept for `conn.progress`,
 * and a SIGINT/SIGTERM during a run interrupts the running query.
 */
export async function openDb(path = ':memory:', settings: number | DbSettings = {}): Promise<Db> {
  const s: DbSettings = typeof settings === 'number' ? { threads: settings } : settings;
  const parent = s.tempDirectory ?? tmpdir();
  removeStaleFolders(parent, SPILL_FOLDER);
  // DuckDB makes the folder when it first spills and removes it on close; the rmSync calls are a fallback
  const spill = join(parent, `hve-duckdb-${process.pid}-${randomBytes(6).toString('hex')}`);
  const options: Record<string, string> = {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'true',
    memory_limit: s.memoryLimit ?? defaultMemoryLimit(),
    temp_directory: spill,
  };
  if (s.threads) options.threads = String(s.threads);
  const unregisterPath = registerTempPath(spill);
  const instance = await DuckDBInstance.create(path, options);
  const conn = await instance.connect();
  await conn.run('SET enable_progress_bar = true');
  await conn.run('SET enable_progress_bar_print = false');
  const unregisterHook = onInterrupt(() => conn.interrupt());
  return {
    instance,
    conn,
    ...(s.threads ? { threads: s.threads } : {}),
    close() {
      unregisterHook();
      conn.closeSync();
      instance.closeSync();
      rmSync(spill, { recursive: true, force: true });
      unregisterPath();
    },
  };
}

/** Set the threads asked for again (a `RESET threads` in a SQL step goes back to DuckDB's default, not to the setting). */
export async function restoreThreads(db: Db): Promise<void> {
  await db.conn.run(db.threads ? `SET threads = ${db.threads}` : 'RESET threads');
}

/** Run `fn` with DuckDB on one thread, then set the engine's threads again: for sums of doubles whose bits must not depend on the thread count. */
export async function withOneThread<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  await db.conn.run('SET threads = 1');
  try {
    return await fn();
  } finally {
    await restoreThreads(db);
  }
}

/** Run SQL and return rows as plain JS objects (bigints become numbers). For aggregates only, never per-student rows. */
export async function queryRows<T = Record<string, unknown>>(conn: DuckDBConnection, sql: string): Promise<T[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) out[k] = toPlain(v);
    return out as T;
  });
}

/** Convert a DuckDB JS value to a plain number, string, boolean or null. */
function toPlain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const d = v as { toDouble?: () => number };
    if (typeof d.toDouble === 'function') return d.toDouble();
    return String(v);
  }
  return v;
}

/** Run SQL and return the first row, or undefined. */
export async function queryOne<T = Record<string, unknown>>(conn: DuckDBConnection, sql: string): Promise<T | undefined> {
  return (await queryRows<T>(conn, sql))[0];
}

/** Run SQL that returns numeric columns and pull each into a Float64Array (NULL → NaN), chunk by chunk. */
export async function queryColumns(conn: DuckDBConnection, sql: string): Promise<Record<string, Float64Array>> {
  const result = await conn.run(sql);
  const names = result.columnNames();
  const parts: Float64Array[][] = names.map(() => []);
  let total = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const rows = chunk.rowCount;
    for (let c = 0; c < names.length; c++) {
      const vector = chunk.getColumnVector(c);
      const part = new Float64Array(rows);
      for (let r = 0; r < rows; r++) {
        const v = vector.getItem(r);
        part[r] = v === null ? NaN : Number(v);
      }
      parts[c]!.push(part);
    }
    total += rows;
  }
  const out: Record<string, Float64Array> = {};
  names.forEach((name, c) => {
    const target = new Float64Array(total);
    let offset = 0;
    for (const part of parts[c]!) {
      target.set(part, offset);
      offset += part.length;
    }
    out[name] = target;
  });
  return out;
}
