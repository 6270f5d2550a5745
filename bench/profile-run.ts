/**
 * Where `hve run` spends its DuckDB time: run a pipeline in a child (bench/step.ts profile) with every
 * statement timed, and print the slowest statements with the stage they belong to.
 *
 *   npx tsx bench/profile-run.ts <pipeline.yaml> [--top 15] [--all]

 * Stops after student_year (ingest + checks + student_year, the part compared with bare DuckDB) unless --all.
 *
 * A statement whose result is streamed (conn.run, then fetchChunk) is timed to its first chunk only.
 */
import { parseArgs } from 'node:util';
import { runStep } from './run-step.js';
import { stageOf } from './hve-stages.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '15' }, all: { type: 'boolean', default: false } } });
if (positionals.length !== 1) {
  console.error('usage: npx tsx bench/profile-run.ts <pipeline.yaml> [--top 15]');
  process.exit(2);
}
const r = await runStep('profile', ['profile', positionals[0]!, ...(values.all ? ['all'] : [])]);
const statements = r.info.statements as { sql: string; seconds: number; t: number }[];
// the stage of a statement: the first stage message after it started
const stageAt = (t: number) => stageOf(r.messages.find((m) => m.t >= t)?.msg ?? '(end)');
const total = statements.reduce((s, x) => s + x.seconds, 0);
console.log(`\n${statements.length} statements, ${total.toFixed(1)} s in DuckDB of ${r.seconds.toFixed(1)} s; peak RSS ${r.peak_rss_mb} MB. Slowest:`);
for (const s of [...statements].sort((a, b) => b.seconds - a.seconds).slice(0, Number(values.top))) {
  console.log(`${s.seconds.toFixed(2).padStart(7)} s  [${stageAt(s.t)}]  ${s.sql.slice(0, 160)}`);
}
