/**
 * Benchmarks: matching at scale (bench/matching-scale.ts, in process), pooling 2,000 network bundles
 * (bench/pool-network-bench.ts, in process), then end to end: generate a
 * synthetic district with daily attendance and run the full pipeline on it, each step in its own child process so peak RSS (including DuckDB's native
 * memory) is measured per step.
 *
 *   npm run bench -- [--students 200000] [--schools 60] [--keep]
 *
 * Writes bench-output/data/ (the CSV extracts), bench-output/pipeline.yaml, bench-output/report/
 * (the pipeline's output) and bench-output/bench.json (timings, peak RSS, row counts, machine info).
 * Peak RSS comes from `/usr/bin/time -v` ("Maximum resident set size") when it exists, else from
 * the child's own process.resourceUsage().maxRSS. Per-stage times are the gaps between the
 * library's onStage messages; "peak so far" is the child's maxRSS when that message arrived.
 *
 * The extracts are deleted at the end unless --keep is given: 200k students make about 2 GB of CSV
 * that nothing else uses, and every bench run regenerates them anyway (same seed, same data).
 */
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { benchMatching } from './matching-scale.js';
import { benchPoolNetwork } from './pool-network-bench.js';

const SEED = 7;
const OUT = resolve('bench-output');
const DATA = join(OUT, 'data');
const REPORT = join(OUT, 'report');
const PIPELINE = join(OUT, 'pipeline.yaml');
const STEP = resolve('bench/step.ts');
const TIME = '/usr/bin/time';

/** One onStage message as the child saw it. */
interface Stage {
  msg: string;
  t: number;
  seconds: number;
  rss_mb: number;
  max_rss_mb: number;
}

/** What one child-process step measured. */
interface StepResult {
  step: string;
  seconds: number;
  wall_seconds: number;
  peak_rss_mb: number;
  rss_source: string;
  rows: number | null;
  stages: Stage[];
}

/** Run `bench/step.ts <args>` in a child (under /usr/bin/time -v when present) and collect its stage timings and peak RSS. */
export async function runStep(name: string, args: string[]): Promise<StepResult> {
  const useTime = existsSync(TIME);
  const node = [process.execPath, '--import', 'tsx', STEP, ...args];
  const started = performance.now();
  const child = useTime ? spawn(TIME, ['-v', ...node], { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(node[0]!, node.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const stages: Stage[] = [];
  let done: { seconds: number; max_rss_mb: number } | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line.startsWith('{')) continue;
    const o = JSON.parse(line);
    if (o.done) done = o;
    else {
      const prev = stages.at(-1)?.t ?? 0;
      stages.push({ ...o, seconds: o.t - prev });
      console.log(`  [${o.t.toFixed(1).padStart(6)}s] ${o.msg}  (rss ${o.rss_mb} MB, peak so far ${o.max_rss_mb} MB)`);
    }
  }
  const code: number = await new Promise((res) => child.on('close', res));
  if (code !== 0 || !done) throw new Error(`bench step ${name} failed (exit ${code}):\n${stderr}`);
  const last = stages.at(-1)?.t ?? 0;
  stages.push({ msg: '(after the last message, until the call returned)', t: done.seconds, seconds: done.seconds - last, rss_mb: NaN, max_rss_mb: done.max_rss_mb });
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  return {
    step: name,
    seconds: done.seconds,
    wall_seconds: (performance.now() - started) / 1000,
    peak_rss_mb: kb ? Math.round(Number(kb) / 1024) : done.max_rss_mb,
    rss_source: kb ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS',
    rows: null,
    stages,
  };
}

/** Count the data rows of a CSV file (newlines minus the header). */
export async function countCsvRows(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return lines - 1;
}

const { values } = parseArgs({
  options: { students: { type: 'string', default: '200000' }, schools: { type: 'string', default: '60' }, keep: { type: 'boolean', default: false } },
});
const students = Number(values.students);
const schools = Number(values.schools);

console.log('Matching 200,000 units (25% treated)');
const matching = benchMatching();

console.log('\nPooling 2,000 network bundles (every outcome and method)');
// load + pool, then network.json and the report (forest plots draw the 40 heaviest studies and one line for the rest)
const pooling = await benchPoolNetwork(2000, { report: true });

// Disk: about 11 KB of CSV per student, briefly twice while the generator writes beside the old folder.
mkdirSync(OUT, { recursive: true });
rmSync(DATA, { recursive: true, force: true });
const fs = statfsSync(OUT);
const freeGb = (fs.bavail * fs.bsize) / 1e9;
const needGb = (students * 11e3 * 2) / 1e9;
console.log(`Disk: ${freeGb.toFixed(1)} GB free; this bench needs about ${needGb.toFixed(1)} GB.`);
if (freeGb < needGb) throw new Error(`Not enough disk space in ${OUT}.`);

console.log(`\nGenerating ${students} students in ${schools} schools (seed ${SEED}, daily attendance) into ${DATA}`);
const gen = await runStep('generate', ['generate', DATA, String(students), String(schools), String(SEED)]);
const files: Record<string, { bytes: number; rows: number | null }> = {};
for (const f of readdirSync(DATA).sort()) {
  const path = join(DATA, f);
  files[f] = { bytes: statSync(path).size, rows: f.endsWith('.csv') ? await countCsvRows(path) : null };
}
gen.rows = Object.values(files).reduce((s, f) => s + (f.rows ?? 0), 0);
const dataBytes = Object.values(files).reduce((s, f) => s + f.bytes, 0);

const sources = ['students', 'visits', 'attendance', 'discipline', 'assessments', 'schools'].map((x) => `  ${x}: { path: data/${x}.csv }`).join('\n');
writeFileSync(
  PIPELINE,
  `# Written by bench/run-bench.ts\nname: Bench District ${students}\nsite: bench\nstate: CA\noutcome_year: 2017\nseed: ${SEED}\nsources:\n${sources}\n` +
    `definitions: { chronic_threshold: 0.10, min_days_enrolled: 10, proficient_level: 3 }\nprivacy: { min_cell: 10 }\noutput: report\n`,
);

console.log(`\nRunning ${PIPELINE}`);
const run = await runStep('run', ['run', PIPELINE]);
const inputs: { extract: string; rows_read: number }[] = JSON.parse(readFileSync(join(REPORT, 'results.json'), 'utf8')).provenance.inputs;
run.rows = inputs.reduce((s, i) => s + i.rows_read, 0);

const mb = (b: number) => Math.round(b / 1048576);
const steps = [gen, run];
console.log(`\n${'step'.padEnd(58)} ${'seconds'.padStart(8)} ${'peak RSS MB'.padStart(12)} ${'rows'.padStart(12)}`);
for (const s of steps) {
  console.log(`${s.step.padEnd(58)} ${s.seconds.toFixed(1).padStart(8)} ${String(s.peak_rss_mb).padStart(12)} ${(s.rows ?? '').toLocaleString().padStart(12)}`);
  for (const st of s.stages) console.log(`  ${st.msg.slice(0, 56).padEnd(56)} ${st.seconds.toFixed(1).padStart(8)} ${`(${st.max_rss_mb})`.padStart(12)}`);
}
console.log(`(stage rows: seconds since the previous message; RSS in parentheses = the child's peak so far)`);
console.log(`Attendance rows: ${files['attendance.csv']?.rows?.toLocaleString()}; data on disk: ${mb(dataBytes)} MB; analytic.duckdb: ${mb(statSync(join(REPORT, 'analytic.duckdb')).size)} MB`);

const bench = {
  date: new Date().toISOString(),
  params: { students, schools, seed: SEED, attendance: 'daily' },
  machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model, total_memory_mb: mb(totalmem()), node: process.version, platform: platform(), release: release() },
  steps,
  matching,
  pooling,
  data: { dir: DATA, bytes: dataBytes, files, kept: values.keep },
};
writeFileSync(join(OUT, 'bench.json'), JSON.stringify(bench, null, 2) + '\n');
if (!values.keep) rmSync(DATA, { recursive: true, force: true });
console.log(`Wrote ${join(OUT, 'bench.json')}${values.keep ? '' : ` (deleted ${DATA}; pass --keep to keep it)`}.`);
