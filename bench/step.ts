/**
 * One benchmark step, run in its own process so its peak RSS (JS heap + DuckDB native memory) is its own.
 *
 *   node --import tsx bench/step.ts generate <out> <students> <schools> <seed>
 *   node --import tsx bench/step.ts run <pipeline.yaml>
 *
 * Prints one JSON line per stage message ({ t, msg, rss_mb, max_rss_mb }) and a final
 * { done, seconds, max_rss_mb } line on stdout; errors go to stderr with a non-zero exit.
 */
import { generateDistrict } from '../src/generate/generate-district.js';
import { runPipeline } from '../src/run/run-pipeline.js';

const mb = (bytes: number) => Math.round(bytes / 1048576);
const maxRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024); // maxRSS is in KiB
const emit = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');

const [step, ...args] = process.argv.slice(2);
const t0 = performance.now();
const onStage = (msg: string) =>
  emit({ t: (performance.now() - t0) / 1000, msg, rss_mb: mb(process.memoryUsage().rss), max_rss_mb: maxRssMb() });

if (step === 'generate') {
  const [out, students, schools, seed] = args;
  await generateDistrict({ out: out!, students: Number(students), schools: Number(schools), seed: Number(seed), attendance: 'daily' }, onStage);
} else if (step === 'run') {
  await runPipeline(args[0]!, { onStage });
} else {
  process.stderr.write(`step.ts: unknown step ${String(step)} (expected generate or run)\n`);
  process.exit(2);
}
emit({ done: true, seconds: (performance.now() - t0) / 1000, max_rss_mb: maxRssMb() });
