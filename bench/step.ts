/**
 * One benchmark step, run in its own process so its peak RSS (JS heap + DuckDB native memory) is its own.
 *
 *   node --import tsx bench/step.ts district <out> <students> <seed> <csv,parquet>
 *   node --import tsx bench/step.ts bare <extracts dir> <csv|parquet> <bare.duckdb>
 *   node --import tsx bench/step.ts run <pipeline.yaml> [until-student-year]
 *   node --import tsx bench/step.ts profile <pipeline.yaml> [all]   (run to student_year, or all of it, timing every SQL statement)
 *
 * Prints one JSON line per stage message ({ t, msg, rss_mb, max_rss_mb }) and a final
 * { done, seconds, max_rss_mb, info } line on stdout; errors go to stderr with a non-zero exit.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { runPipeline } from '../src/run/run-pipeline.js';
import { districtSql, EXTRACTS } from './district-sql.js';
import { bareSql } from './bare-sql.js';

const mb = (bytes: number) => Math.round(bytes / 1048576);
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024); // maxRSS is in KiB
const emit = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');

const [step, ...args] = process.argv.slice(2);
const t0 = performance.now();
const onStage = (msg: string) =>
  emit({ t: (performance.now() - t0) / 1000, msg, rss_mb: mb(process.memoryUsage().rss), max_rss_mb: maxRssMb() });

/** A DuckDB database (file or ':memory:') with a spill folder of its own, and no extension downloads. */
async function duck(path: string, temp: string) {
  const instance = await DuckDBInstance.create(path, { autoinstall_known_extensions: 'false', temp_directory: temp });
  return { instance, conn: await instance.connect() };
}

/**
 * Run `work` with every DuckDB statement timed (DuckDBConnection.run and runAndReadAll wrapped): the
 * statements in order with their seconds and the stage message that followed them.
 */
async function profileStatements(work: () => Promise<unknown>): Promise<{ sql: string; seconds: number; t: number }[]> {
  const out: { sql: string; seconds: number; t: number }[] = [];
  const proto = DuckDBConnection.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const method of ['run', 'runAndReadAll']) {
    const original = proto[method]!;
    proto[method] = async function (this: unknown, ...a: unknown[]) {
      const s = performance.now();
      try {
        return await original.apply(this, a);
      } finally {
        out.push({ sql: String(a[0]).replace(/\s+/g, ' ').slice(0, 300), seconds: (performance.now() - s) / 1000, t: (s - t0) / 1000 });
      }
    };
  }
  await work();
  return out;
}

let info: object = {};
if (step === 'district') {
  const [out, students, seed, formats] = args as [string, string, string, string];
  const fmts = formats.split(',') as ('csv' | 'parquet')[];
  for (const f of fmts) mkdirSync(`${out}/${f}`, { recursive: true });
  const { instance, conn } = await duck(':memory:', `${out}/.spill`);
  // COPY streams its rows when it need not keep their order (the content does not depend on it), in bounded memory
  await conn.run("SET preserve_insertion_order = false; SET memory_limit = '4GB'");
  const sql = districtSql({ students: Number(students), seed: Number(seed), out, formats: fmts });
  for (const s of sql) {
    await conn.run(s);
    onStage(s.startsWith('COPY') ? `wrote ${/TO '([^']+)'/.exec(s)?.[1]}` : `built ${/CREATE TABLE (\w+)/.exec(s)?.[1]}`);
  }
  // the rows of each extract (both formats hold the same rows); Parquet counts come from the file footers
  const f = fmts.includes('parquet') ? 'parquet' : 'csv';
  const rows: Record<string, number> = {};
  for (const x of EXTRACTS) {
    const r = await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${f === 'csv' ? 'read_csv' : 'read_parquet'}('${out}/${f}/${x}.${f}')`);
    rows[x] = Number(r.getRowObjectsJS()[0]!.n);
  }
  const v = await conn.runAndReadAll('SELECT version() AS v');
  info = { rows, duckdb: v.getRowObjectsJS()[0]!.v };
  conn.closeSync();
  instance.closeSync();
  rmSync(`${out}/.spill`, { recursive: true, force: true });
} else if (step === 'bare') {
  const [dir, format, db] = args as [string, 'csv' | 'parquet', string];
  rmSync(db, { force: true });
  const { instance, conn } = await duck(db, `${db}.spill`);
  for (const s of bareSql(dir, format)) await conn.run(s);
  onStage('bare: bare_student built');
  const r = await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM bare_student');
  info = { students: r.getRowObjectsJS()[0]!.n };
  conn.closeSync();
  instance.closeSync();
  rmSync(`${db}.spill`, { recursive: true, force: true });
} else if (step === 'run' || step === 'profile') {
  // stop after student_year (an error thrown from onStage aborts the run, and its output folder) when asked
  const stopEarly = step === 'run' ? args[1] === 'until-student-year' : args[1] !== 'all';
  const stop = new Error('stopped after student_year');
  const until = (msg: string) => {
    onStage(msg);
    if (stopEarly && msg.startsWith('analytic')) throw stop;
  };
  const run = () => runPipeline(args[0]!, { onStage: until }).catch((e) => (e === stop ? undefined : Promise.reject(e)));
  if (step === 'run') await run();
  else info = { statements: await profileStatements(run) };
  info = { ...info, stopped_after_student_year: stopEarly };
} else {
  process.stderr.write(`step.ts: unknown step ${String(step)} (expected district, bare or run)\n`);
  process.exit(2);
}
emit({ done: true, seconds: (performance.now() - t0) / 1000, max_rss_mb: maxRssMb(), info });
