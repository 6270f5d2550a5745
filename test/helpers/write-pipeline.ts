import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** Write a pipeline YAML for a generated district folder (sources: students, visits, attendance, discipline, assessments). */
export function writePipeline(dir: string, dataDir: string, extra: Record<string, unknown> = {}, file = 'pipeline.yaml'): string {
  const sources: Record<string, unknown> = {};
  for (const x of ['students', 'visits', 'attendance', 'discipline', 'assessments']) sources[x] = { path: join(dataDir, `${x}.csv`) };
  const doc = {
    name: 'Test District',
    site: 'test',
    outcome_year: 2017,
    sources,
    output: join(dir, 'report'),
    ...extra,
  };
  const path = join(dir, file);
  writeFileSync(path, stringify(doc));
  return path;
}
