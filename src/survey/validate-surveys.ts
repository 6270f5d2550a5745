/** `hve validate` on a pipeline's survey source: read and check it as `hve run` would, without scoring or grouping. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { RejectGroup } from '../quality/quality-schema.js';
import type { SurveyRejectReason } from '../results/survey-results-schema.js';
import { allScales } from './load-instrument.js';
import { readSurvey } from './read-survey.js';
import { orderWaves } from './order-waves.js';
import { writeSurveyRejects } from './survey-rejects.js';
import { pipelineSurveySource, surveySourceHash } from './pipeline-surveys.js';

/** The survey source's row accounting, as an entry of row_accounting.json (read = accepted + rejected). */
export interface SurveyAccounting {
  extract: 'surveys';
  kind: 'wide' | 'long';
  files: string[];
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rejected_by_reason: Partial<Record<SurveyRejectReason, number>>;
  path: string;
  sha256: string;
}

/**
 * Read and check the pipeline's survey source (rejects by reason, the wave order; unknown columns and missing items
 * are one-sentence errors, as in hve run), write its rejected rows to `<rejectsDir>/surveys.csv`, and return its row
 * accounting and its reject groups (by reason; no column or example: a survey row's values are answers). Null when
 * the pipeline has no survey source.
 */
export async function validateSurveys(
  conn: DuckDBConnection,
  p: LoadedPipeline,
  rejectsDir: string,
  onStage?: (m: string) => void,
): Promise<{ accounting: SurveyAccounting; rejects: RejectGroup[] } | null> {
  const source = await pipelineSurveySource(conn, p);
  if (!source) return null;
  const o = source.options;
  const read = await readSurvey(conn, { ...o, scales: allScales(o.instruments), keep: [] });
  await orderWaves(conn, o.waves, o.shownAs);
  await writeSurveyRejects(conn, rejectsDir, source.path);
  onStage?.(`ingest surveys: read ${read.read}, accepted ${read.accepted}, rejected ${read.rejected}`);
  const accounting: SurveyAccounting = {
    extract: 'surveys',
    kind: read.format,
    files: source.found.files,
    rows_read: read.read,
    rows_accepted: read.accepted,
    rows_rejected: read.rejected,
    rejected_by_reason: read.byReason,
    path: source.path,
    sha256: await surveySourceHash(source.found),
  };
  const rejects = Object.entries(read.byReason)
    .map(([reason, rows]) => ({ extract: 'surveys', reason, column: null, code: null, rows: rows!, example: null }))
    .sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason));
  return { accounting, rejects };
}
