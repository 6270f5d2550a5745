/**
 * `npm run bench`: the micro-benches (matching at scale, pooling 2,000 network bundles, in process), then per
 * district size (50k and 200k students; 1M with --large): a DuckDB-written canonical district as CSV and as
 * Parquet (bench/district-sql.ts), and for each format the bare-DuckDB baseline (bench/bare-sql.ts), `hve run`
 * and the pandas equivalent (when python3 has pandas), each in its own child process so peak RSS is per step.
 * Checks that hve's student outcomes equal the baseline's exactly (exit 1 when they differ), prints per-stage
 * seconds, peak RSS and the ratio to bare for ingest + student_year, and writes bench/results.json.
 *
 *   npm run bench -- [--large] [--sizes 50000,200000] [--formats csv,parquet] [--no-micro] [--keep] [--out bench-output]
 *                    [--until-student-year] [--max-rss 14000]
 *
 * Generated data go to <out>/data/<size>/ and are deleted after each size unless --keep. The baseline runs before
 * and after hve (the CPU is shared: the ratio uses their mean, and the load average is recorded). A step holding
 * more than --max-rss MB is killed and recorded as failed. --until-student-year stops each hve run after
 * student_year (no estimation, and no outcome check: that needs the run's analytic.duckdb).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { benchMatching } from './matching-scale.js';
import { benchPoolNetwork } from './pool-network-bench.js';
import { runStep, type StepResult } from './run-step.js';
import { hveStages, ingestPlusStudentYear, ingestSeconds, type NamedStage } from './hve-stages.js';
import { checkOutcomes, printCheck, type OutcomeCheck } from './outcome-check.js';
import { runPandas, type PandasResult } from './run-pandas.js';
import { EXTRACTS, OUTCOME_YEAR, schoolCount } from './district-sql.js';
import { benchPipelineYaml } from './bench-pipeline.js';

type Format = 'csv' | 'parquet';

/** One size × format: the baseline, hve's run and the check. */
interface FormatRun {
  /** when this size × format was measured (results.json keeps the runs of other sizes from earlier invocations) */
  date: string;
  students: number;
  schools: number;
  format: Format;
  /** hve was stopped after student_year (--until-student-year): no estimation stages, no outcome check */
  until_student_year: boolean;
  data_bytes: number;
  /** the baseline, run before and after hve: seconds is the mean of the two runs */
  bare: { seconds: number; runs_seconds: number[]; peak_rss_mb: number; load: [number, number] } | { failed: string };
  hve:
    | { seconds: number; peak_rss_mb: number; load: [number, number]; ingest_seconds: number | null; ingest_plus_student_year_seconds: number | null; stages: NamedStage[] }
    | { failed: string; seconds: number | null; peak_rss_mb: number | null; ingest_seconds: number | null; ingest_plus_student_year_seconds: number | null; stages: NamedStage[] };
  ratio_ingest_student_year_to_bare: number | null;
  check: OutcomeCheck | null;
  pandas: PandasResult;
}

/** One generated district: its size, row counts, and the generator's seconds and peak RSS. */
interface GeneratedDistrict {
  students: number;
  schools: number;
  rows: Record<string, number>;
  seconds: number;
  peak_rss_mb: number;
}

const { values } = parseArgs({
  options: {
    large: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    formats: { type: 'string', default: 'csv,parquet' },
    'no-micro': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench-output' },
    seed: { type: 'string', default: '7' },
    'until-student-year': { type: 'boolean', default: false },
    'max-rss': { type: 'string', default: '14000' },
  },
});
const SEED = Number(values.seed);
const OUT = resolve(values.out!);
// `--sizes ''` with --large: 1M alone
const sizes = (values.sizes ?? '50000,200000').split(',').filter((x) => x.trim() !== '').map(Number).concat(values.large ? [1_000_000] : []);
const formats = values.formats!.split(',') as Format[];
const maxRss = Number(values['max-rss']);
const untilStudentYear = values['until-student-year']!;
if (sizes.some((n) => !Number.isInteger(n) || n < 1000) || formats.some((f) => f !== 'csv' && f !== 'parquet')) {
  console.error('bench: --sizes takes whole numbers ≥ 1000 and --formats csv and/or parquet.');
  process.exit(2);
}
const mb = (b: number) => Math.round(b / 1048576);
const fmtS = (s: number | null | undefined) => (s == null ? '—' : s.toFixed(1));

let matching: unknown = null;
let pooling: unknown = null;
if (!values['no-micro']) {
  console.log('Matching 200,000 units (25% treated)');
  matching = benchMatching();
  console.log('\nPooling 2,000 network bundles (every outcome and method)');
  pooling = await benchPoolNetwork(2000, { report: true });
}

const runs: FormatRun[] = [];
// keep the earlier invocations' runs of other sizes × formats (e.g. `--large --sizes` run on its own)
const resultsPath = resolve('bench/results.json');
type Earlier = { runs?: FormatRun[]; generated?: GeneratedDistrict[]; matching?: unknown; pooling?: unknown };
let before: Earlier = {};
try {
  before = JSON.parse(readFileSync(resultsPath, 'utf8')) as Earlier;
} catch {
  before = {};
}
const earlier = before.runs ?? [];
const generated: GeneratedDistrict[] = [];
let duckdbVersion = '';
for (const students of sizes) {
  const data = join(OUT, 'data', String(students));
  mkdirSync(OUT, { recursive: true });
  rmSync(data, { recursive: true, force: true });
  // disk: ≈ 13 KB of CSV per student (331 attendance rows of ≈ 37 bytes), ≈ 1 KB of Parquet, and room for DuckDB's spill
  const fs = statfsSync(OUT);
  const freeGb = (fs.bavail * fs.bsize) / 1e9;
  const needGb = (students * ((formats.includes('csv') ? 13e3 : 0) + 2e3)) / 1e9 + 2;
  console.log(`\n=== ${students.toLocaleString()} students, ${schoolCount(students)} schools === disk: ${freeGb.toFixed(1)} GB free, this size needs about ${needGb.toFixed(1)} GB`);
  if (freeGb < needGb) throw new Error(`Not enough disk space in ${OUT} for ${students} students.`);

  console.log(`Generating (DuckDB SQL, seed ${SEED}) into ${data}`);
  const gen = await runStep('district', ['district', data, String(students), String(SEED), formats.join(',')], false, maxRss);
  const rows = gen.info.rows as Record<string, number>;
  duckdbVersion = String(gen.info.duckdb ?? '');
  generated.push({ students, schools: schoolCount(students), rows, seconds: gen.seconds, peak_rss_mb: gen.peak_rss_mb });
  console.log(`  ${gen.seconds.toFixed(1)} s, peak RSS ${gen.peak_rss_mb} MB; rows: ${EXTRACTS.map((x) => `${x} ${rows[x]!.toLocaleString()}`).join(', ')}`);

  for (const format of formats) {
    const dir = join(data, format);
    const dataBytes = readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
    const label = `${students.toLocaleString()} ${format}`;
    console.log(`\n--- ${label} (${mb(dataBytes).toLocaleString()} MB on disk) ---`);
    const bareDb = join(OUT, `bare-${students}-${format}.duckdb`);
    const bareRuns: StepResult[] = [];
    let bareFailed: string | null = null;
    const runBare = async () => {
      try {
        const b = await runStep('bare', ['bare', dir, format, bareDb], false, maxRss);
        bareRuns.push(b);
        console.log(`  bare DuckDB: ${b.seconds.toFixed(2)} s, peak RSS ${b.peak_rss_mb} MB, ${String(b.info.students)} students (load ${b.load.join(' → ')})`);
      } catch (e) {
        bareFailed = (e as Error).message.split('\n')[0]!;
        console.log(`  bare DuckDB failed: ${bareFailed}`);
      }
    };
    await runBare();

    const pipeline = join(OUT, `pipeline-${students}-${format}.yaml`);
    const report = join(OUT, `report-${students}-${format}`);
    writeFileSync(pipeline, benchPipelineYaml({ name: `Bench District ${label}`, dir, format, output: report, seed: SEED }));
    console.log(`  hve run ${pipeline}`);
    let hve: FormatRun['hve'];
    let r: StepResult | null = null;
    try {
      r = await runStep('run', ['run', pipeline, ...(untilStudentYear ? ['until-student-year'] : [])], true, maxRss);
      hve = { seconds: r.seconds, peak_rss_mb: r.peak_rss_mb, load: r.load, ingest_seconds: ingestSeconds(r.messages), ingest_plus_student_year_seconds: ingestPlusStudentYear(r.messages), stages: hveStages(r.messages) };
    } catch (e) {
      const x = e as Error & { peak_rss_mb?: number | null; seconds?: number; messages?: StepResult['messages'] };
      // a run that failed (or was killed) after student_year still measured ingest + student_year
      const m = x.messages ?? [];
      hve = { failed: x.message, seconds: x.seconds ?? null, peak_rss_mb: x.peak_rss_mb ?? null, ingest_seconds: ingestSeconds(m), ingest_plus_student_year_seconds: ingestPlusStudentYear(m), stages: hveStages(m) };
      console.log(`  hve run failed: ${x.message}`);
    }
    await runBare();
    const bare: FormatRun['bare'] =
      bareFailed || bareRuns.length === 0
        ? { failed: bareFailed ?? 'no run' }
        : {
            seconds: bareRuns.reduce((a, b) => a + b.seconds, 0) / bareRuns.length,
            runs_seconds: bareRuns.map((b) => b.seconds),
            peak_rss_mb: Math.max(...bareRuns.map((b) => b.peak_rss_mb)),
            load: [bareRuns[0]!.load[0], bareRuns.at(-1)!.load[1]],
          };
    const hveIs = 'ingest_plus_student_year_seconds' in hve ? hve.ingest_plus_student_year_seconds : null;
    const ratio = hveIs != null && 'seconds' in bare ? hveIs / bare.seconds : null;

    let check: OutcomeCheck | null = null;
    if ('seconds' in bare && r && !untilStudentYear) {
      check = await checkOutcomes(bareDb, join(report, 'analytic.duckdb'));
      printCheck(label, check);
    }
    rmSync(bareDb, { force: true });
    const pandas = runPandas(dir, format);
    console.log(pandas.ran ? `  pandas: ${pandas.seconds.toFixed(2)} s, peak RSS ${pandas.peak_rss_mb ?? '?'} MB` : `  ${pandas.reason}`);
    runs.push({ date: new Date().toISOString(), students, schools: schoolCount(students), format, until_student_year: untilStudentYear, data_bytes: dataBytes, bare, hve, ratio_ingest_student_year_to_bare: ratio, check, pandas });
    if (!values.keep) rmSync(report, { recursive: true, force: true });
    writeResults(); // after every run, so a long or killed invocation keeps what it measured
  }
  if (!values.keep) rmSync(data, { recursive: true, force: true });
}

// the table: one column per size × format, one row per stage
const stageNames = [...new Set(runs.flatMap((r) => r.hve.stages.map((s) => s.stage)))];
const col = (s: string) => s.padStart(16);
console.log(`\n${'seconds (peak RSS MB)'.padEnd(32)}${runs.map((r) => col(`${r.students / 1000}k ${r.format}`)).join('')}`);
const line = (label: string, f: (r: FormatRun) => string) => console.log(`${label.padEnd(32)}${runs.map((r) => col(f(r))).join('')}`);
for (const name of stageNames) line(`hve ${name}`, (r) => fmtS(r.hve.stages.find((s) => s.stage === name)?.seconds));
line('hve ingest (all extracts)', (r) => fmtS('ingest_seconds' in r.hve ? r.hve.ingest_seconds : null));
line('hve ingest + student_year', (r) => fmtS('ingest_plus_student_year_seconds' in r.hve ? r.hve.ingest_plus_student_year_seconds : null));
line('bare DuckDB (mean of 2 runs)', (r) => ('seconds' in r.bare ? r.bare.seconds.toFixed(2) : 'failed'));
line('ratio hve / bare', (r) => (r.ratio_ingest_student_year_to_bare == null ? '—' : `${r.ratio_ingest_student_year_to_bare.toFixed(1)}×`));
line('pandas (same outcomes)', (r) => (r.pandas.ran ? r.pandas.seconds.toFixed(1) : 'n/a'));
line('hve whole run', (r) => ('failed' in r.hve ? `failed ${fmtS(r.hve.seconds)}` : r.until_student_year ? 'stopped' : fmtS(r.hve.seconds)));
line('hve peak RSS MB', (r) => String(r.hve.peak_rss_mb ?? '?'));
line('bare peak RSS MB', (r) => ('peak_rss_mb' in r.bare ? String(r.bare.peak_rss_mb) : '—'));
line('load avg during hve run', (r) => ('load' in r.hve ? r.hve.load.join('→') : '—'));
line('outcomes equal to bare', (r) => (r.check == null ? '—' : r.check.equal ? 'yes' : 'NO'));
if (runs.every((r) => !r.pandas.ran)) console.log(runs[0] && !runs[0].pandas.ran ? runs[0].pandas.reason : '');

/** Write bench/results.json: this invocation's runs so far, and the earlier file's runs of other sizes × formats. */
function writeResults(): void {
  const key = (r: { students: number; format: string }) => `${r.students} ${r.format}`;
  const allRuns = [...earlier.filter((e) => e.date && !runs.some((r) => key(r) === key(e))), ...runs].sort((a, b) => a.students - b.students || a.format.localeCompare(b.format));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; dependencies: Record<string, string> };
  const results = {
    date: new Date().toISOString(),
    // the options of the latest invocation; each run has its own date and until_student_year
    params: { sizes, formats, until_student_year: untilStudentYear, max_rss_mb: maxRss, seed: SEED, outcome_year: OUTCOME_YEAR, students_per_school: 400, attendance: 'daily, 170 days × 2 years', kept: values.keep },
    machine: { cpus: cpus().length, cpu_model: cpus()[0]?.model, total_memory_mb: mb(totalmem()), platform: platform(), release: release() },
    versions: { node: process.version, duckdb: duckdbVersion, '@duckdb/node-api': pkg.dependencies['@duckdb/node-api'], 'home-visit-eval': pkg.version },
    generated: [...(before.generated ?? []).filter((g) => !sizes.includes(g.students)), ...generated].sort((a, b) => a.students - b.students),
    runs: allRuns,
    // the micro-benches of this invocation, or of the last one that ran them (--no-micro)
    matching: matching ?? before.matching ?? null,
    pooling: pooling ?? before.pooling ?? null,
  };
  writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
}

writeResults();
console.log(`\nWrote bench/results.json${values.keep ? ` (data kept in ${join(OUT, 'data')})` : ' (generated data deleted; pass --keep to keep them)'}.`);
const bad = runs.filter((r) => r.check && !r.check.equal);
if (bad.length) {
  console.error(`bench: hve's student outcomes differ from the bare baseline for ${bad.map((r) => `${r.students} ${r.format}`).join(', ')}.`);
  process.exit(1);
}
