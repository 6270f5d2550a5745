import type { DemoSiteYear } from './demo-plan.js';

const EXTRACTS = ['students', 'visits', 'attendance', 'discipline', 'assessments', 'schools', 'educators'] as const;

/** The pipeline YAML of one demo site-year: the generated extracts beside the file, the run into `output` (relative to the file). */
export function sitePipelineYaml(s: DemoSiteYear, output: string, analysis: { methods: string[]; subgroups: boolean }): string {
  const sources = EXTRACTS.map((x) => `  ${x}: { path: ${x}.csv }`).join('\n');
  return [
    '# Written by the network demo (src/network/demo/run-network-demo.ts); regenerated on every run.',
    `name: Network demo site ${s.site} ${s.year - 1}-${String(s.year).slice(2)}`,
    `site: ${s.site}`,
    `state: ${s.state}`,
    `outcome_year: ${s.year}`,
    `seed: ${s.seed}`,
    'sources:',
    sources,
    'definitions: { chronic_threshold: 0.10, min_days_enrolled: 10, proficient_level: 3 }',
    `analysis: { methods: [${analysis.methods.join(', ')}], subgroups: ${analysis.subgroups} }`,
    'privacy: { min_cell: 10 }',
    `output: ${JSON.stringify(output)}`,
    '',
  ].join('\n');
}
