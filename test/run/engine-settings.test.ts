/** The pipeline's `engine:` block: defaults, checks, and what DuckDB is opened with. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parsePipeline, loadPipeline } from '../../src/config/load-pipeline.js';
import { engineDbSettings } from '../../src/run/engine-settings.js';
import { openDb, queryOne, restoreThreads, withOneThread } from '../../src/util/duckdb.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-engine-'));
const minimal = {
  name: 'x',
  site: 'x',
  outcome_year: 2017,
  sources: { students: { path: 's.csv' }, visits: { path: 'v.csv' }, attendance: { path: 'a.csv' } },
  output: 'out',
};

/** Load a pipeline file with this engine block; the error sentence when it fails. */
function load(engine: unknown): string {
  const file = join(dir, 'p.yaml');
  writeFileSync(file, stringify({ ...minimal, engine }));
  try {
    loadPipeline(file);
    return 'ok';
  } catch (e) {
    return (e as Error).message;
  }
}

const setting = async (db: Awaited<ReturnType<typeof openDb>>, name: string) =>
  (await queryOne<{ v: string }>(db.conn, `SELECT current_setting('${name}')::VARCHAR AS v`))!.v;

describe('engine settings', () => {
  it('defaults to auto for all three', () => {
    expect(parsePipeline(minimal, 'p.yaml').engine).toEqual({ memory_limit: 'auto', threads: 'auto', temp_directory: 'auto' });
    expect(engineDbSettings(parsePipeline(minimal, 'p.yaml').engine, dir)).toEqual({});
  });

  it('refuses a size DuckDB would not read, a thread count below 1 and an unknown key, naming the key', () => {
    expect(load({ memory_limit: 'lots' })).toMatch(/"engine\.memory_limit" .*auto or a size such as 6GB/);
    expect(load({ threads: 0 })).toMatch(/"engine\.threads"/);
    expect(load({ thread: 2 })).toMatch(/"engine" has an unknown key "thread"; did you mean "threads"\?/);
    expect(load({ memory_limit: '0GB' })).toMatch(/"engine\.memory_limit" .*at least 256MB/);
    expect(load({ memory_limit: '1KB' })).toMatch(/"engine\.memory_limit" .*at least 256MB/);
    expect(load({ memory_limit: '256MiB' })).toBe('ok');
    expect(load({ memory_limit: '6GB', threads: 2 })).toBe('ok');
    expect(load({ memory_limit: '4096 MiB' })).toBe('ok');
    expect(load({ memory_limit: '6 gb' })).toBe('ok');
  });

  it('a temp_directory is relative to the pipeline file and must exist', () => {
    const engine = parsePipeline({ ...minimal, engine: { temp_directory: 'spill' } }, 'p.yaml').engine;
    expect(() => engineDbSettings(engine, dir)).toThrow(/engine\.temp_directory spill is not a folder/);
    mkdirSync(join(dir, 'spill'));
    expect(engineDbSettings(engine, dir)).toEqual({ tempDirectory: join(dir, 'spill') });
  });

  it('opens DuckDB with them: 1GB is 10⁹ bytes = 953.6 MiB, 2GiB is 2.0 GiB; one thread stays one after RESET threads', async () => {
    const spillParent = join(dir, 'spill-parent');
    mkdirSync(spillParent);
    const db = await openDb(':memory:', engineDbSettings(parsePipeline({ ...minimal, engine: { memory_limit: '1 gb', threads: 1, temp_directory: 'spill-parent' } }, 'p.yaml').engine, dir));
    try {
      expect(await setting(db, 'memory_limit')).toBe('953.6 MiB');
      expect(await setting(db, 'threads')).toBe('1');
      // the spill folder is the pipeline's folder / hve-duckdb-<this pid>-<random>
      expect(await setting(db, 'temp_directory')).toMatch(new RegExp(`^${spillParent}/hve-duckdb-${process.pid}-[0-9a-f]{12}$`));
      await db.conn.run('RESET threads');
      expect(await setting(db, 'threads')).not.toBe('1'); // DuckDB's default on this machine (the reason restoreThreads exists)
      await restoreThreads(db);
      expect(await setting(db, 'threads')).toBe('1');
    } finally {
      db.close();
    }
    const two = await openDb(':memory:', { memoryLimit: '2GiB', threads: 2 });
    try {
      expect(await setting(two, 'memory_limit')).toBe('2.0 GiB');
      expect(await withOneThread(two, () => setting(two, 'threads'))).toBe('1');
      expect(await setting(two, 'threads')).toBe('2');
    } finally {
      two.close();
    }
    expect(readdirSync(spillParent)).toEqual([]);
  });

  it("the default memory limit is a quarter of the machine's memory (6 GiB of 24: room for Node's heap within 8 GiB)", async () => {
    const limited = process.constrainedMemory?.() ?? 0;
    const machine = limited > 0 ? Math.min(limited, totalmem()) : totalmem();
    const db = await openDb();
    try {
      // DuckDB shows it cut to 0.1 of its unit (6026 MiB = 5.885 GiB is "5.8 GiB")
      const [, value, unit] = /^([\d.]+) (MiB|GiB)$/.exec(await setting(db, 'memory_limit'))!;
      const limit = Number(value) * (unit === 'GiB' ? 2 ** 30 : 2 ** 20);
      expect(machine / 4 - limit).toBeGreaterThanOrEqual(0);
      expect(machine / 4 - limit).toBeLessThan(0.1 * 2 ** 30);
    } finally {
      db.close();
    }
  });
});

describe('hve explain-config', () => {
  it('lists the engine block with its defaults', () => {
    const r = runCli(['explain-config']);
    expect(r.code).toBe(0);
    const engine = JSON.parse(r.stdout).properties.engine.properties;
    expect(Object.keys(engine)).toEqual(['memory_limit', 'threads', 'temp_directory']);
    expect([engine.memory_limit.default, engine.threads.default, engine.temp_directory.default]).toEqual(['auto', 'auto', 'auto']);
  });
});
