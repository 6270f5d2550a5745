/** The pipeline file of a bench run: the six extracts of one format, the default definitions, min_cell 10. */
import { EXTRACTS, OUTCOME_YEAR } from './district-sql.js';

/**
 * YAML for `hve run` on the bench district in `dir` (absolute paths, so the file may live anywhere); `analysis`
 * is an optional flow-style YAML map for the analysis block (the tests use a light one).
 */
export function benchPipelineYaml(o: { name: string; dir: string; format: 'csv' | 'parquet'; output: string; seed: number; analysis?: string }): string {
  const sources = EXTRACTS.map((x) => `  ${x}: { path: ${JSON.stringify(`${o.dir}/${x}.${o.format}`)} }`).join('\n');
  return (
    `# Written by bench/run-bench.ts\nname: ${JSON.stringify(o.name)}\nsite: bench\nstate: CA\noutcome_year: ${OUTCOME_YEAR}\nseed: ${o.seed}\n` +
    `sources:\n${sources}\ndefinitions: { chronic_threshold: 0.10, min_days_enrolled: 10, proficient_level: 3 }\n` +
    `privacy: { min_cell: 10 }\n${o.analysis ? `analysis: ${o.analysis}\n` : ''}output: ${JSON.stringify(o.output)}\n`
  );
}
