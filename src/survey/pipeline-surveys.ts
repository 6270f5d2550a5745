/** The survey stage inside `hve run`: sources.surveys scored with the pipeline's instruments, grouped by program membership in Y. */
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { SurveyResults } from '../results/survey-results-schema.js';
import type { Results } from '../results/results-schema.js';
import { InputError } from '../util/input-error.js';
import { resolveSource } from '../ingest/resolve-source.js';
import { sha256File } from '../util/sha256.js';
import { loadInstrument } from './load-instrument.js';
import { surveyStage } from './survey-stage.js';

/** The surveys block and its row accounting (an entry of provenance.inputs), or null when the pipeline has no surveys source. */
export async function pipelineSurveys(
  conn: DuckDBConnection,
  p: LoadedPipeline,
  onStage?: (m: string) => void,
): Promise<{ surveys: SurveyResults; input: Results['provenance']['inputs'][number] } | null> {
  const c = p.config;
  const src = c.sources.surveys;
  if (!src && !c.surveys) return null;
  if (!src) throw new InputError(`${p.file}: "surveys" names instrument files, but "sources.surveys" names no survey file.`, { file: p.file });
  if (!c.surveys) throw new InputError(`${p.file}: "sources.surveys" needs "surveys:", the instrument files that name its scales (e.g. pipelines/instruments/teacher-short.yaml).`, { file: p.file });
  const found = await resolveSource(conn, 'surveys', src, p.dir);
  const instruments = c.surveys.map((f) => loadInstrument(resolve(p.dir, f), f));
  const surveys = await surveyStage(conn, {
    file: found.pattern,
    shownAs: src.path,
    layout: src.layout,
    columns: src.columns,
    values: src.values,
    ...(src.delimiter ? { delimiter: src.delimiter } : {}),
    fill: {},
    freeText: src.free_text ?? null,
    waves: src.waves ?? null,
    minCell: c.privacy.min_cell,
    instruments,
    grouping: { kind: 'program', outcomeYear: c.outcome_year, yearStart: c.school_year_start },
    rule: { clustered: true, minClustersPerArm: c.analysis.min_schools_per_arm, cr2Below: c.analysis.cr2_below_clusters },
  });
  const r = surveys.respondents;
  onStage?.(`surveys: ${r.accepted} of ${r.read} rows accepted, ${surveys.scales.length} scale × wave rows, ${surveys.comparisons.length} comparisons`);
  const input = {
    extract: 'surveys',
    kind: r.format,
    path: src.path,
    files: found.files.length,
    sha256: found.files.length === 1 ? await sha256File(found.files[0]!) : (await Promise.all(found.files.map(sha256File))).join('').slice(0, 64),
    rows_read: r.read,
    rows_accepted: r.accepted,
    rows_rejected: r.rejected,
    rejected_by_reason: r.by_reason as Record<string, number>,
  };
  return { surveys, input };
}
