/** The survey stage inside `hve run`: sources.surveys scored with the pipeline's instruments, grouped by program membership in Y. */
import { resolve } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { SurveyResults } from '../results/survey-results-schema.js';
import type { Results } from '../results/results-schema.js';
import { InputError } from '../util/input-error.js';
import { resolveSource, type ResolvedSource } from '../ingest/resolve-source.js';
import { sha256File } from '../util/sha256.js';
import { loadInstrument } from './load-instrument.js';
import { surveyStage, type SurveyStageOptions } from './survey-stage.js';

/** A pipeline's survey source resolved: its files and the survey stage's options (program grouping in Y). */
export interface PipelineSurveySource {
  found: ResolvedSource;
  path: string;
  options: SurveyStageOptions;
}

/** The survey source and instruments of a pipeline (checked: each needs the other), or null when it has neither. */
export async function pipelineSurveySource(conn: DuckDBConnection, p: LoadedPipeline): Promise<PipelineSurveySource | null> {
  const c = p.config;
  const src = c.sources.surveys;
  if (!src && !c.surveys) return null;
  if (!src) throw new InputError(`${p.file}: "surveys" names instrument files, but "sources.surveys" names no survey file.`, { file: p.file });
  if (!c.surveys) throw new InputError(`${p.file}: "sources.surveys" needs "surveys:", the instrument files that name its scales (e.g. pipelines/instruments/teacher-short.yaml).`, { file: p.file });
  const found = await resolveSource(conn, 'surveys', src, p.dir);
  const instruments = c.surveys.map((f) => loadInstrument(resolve(p.dir, f), f));
  return {
    found,
    path: src.path,
    options: {
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
    },
  };
}

/** The hash of a source's files: the file's, or for a glob the first 64 hex digits of the files' hashes joined. */
export async function surveySourceHash(found: ResolvedSource): Promise<string> {
  return found.files.length === 1 ? sha256File(found.files[0]!) : (await Promise.all(found.files.map(sha256File))).join('').slice(0, 64);
}

/** The surveys block and its row accounting (an entry of provenance.inputs), or null when the pipeline has no surveys source. */
export async function pipelineSurveys(
  conn: DuckDBConnection,
  p: LoadedPipeline,
  onStage?: (m: string) => void,
): Promise<{ surveys: SurveyResults; input: Results['provenance']['inputs'][number] } | null> {
  const source = await pipelineSurveySource(conn, p);
  if (!source) return null;
  const surveys = await surveyStage(conn, source.options);
  const r = surveys.respondents;
  onStage?.(`surveys: ${r.accepted} of ${r.read} rows accepted, ${surveys.scales.length} scale × wave rows, ${surveys.comparisons.length} comparisons`);
  const input = {
    extract: 'surveys',
    kind: r.format,
    path: source.path,
    files: source.found.files.length,
    sha256: await surveySourceHash(source.found),
    rows_read: r.read,
    rows_accepted: r.accepted,
    rows_rejected: r.rejected,
    rejected_by_reason: r.by_reason as Record<string, number>,
  };
  return { surveys, input };
}
