/** The survey file's row accounting for the data-quality gates (quality.max_reject_share), as for every other extract. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { RejectGroup } from '../quality/quality-schema.js';
import { allScales } from './load-instrument.js';
import { readSurvey } from './read-survey.js';
import { pipelineSurveySource } from './pipeline-surveys.js';

/**
 * Read and check the pipeline's survey source (as hve run and hve validate do) and return its rows read and rejected
 * and its reject groups by reason (no column or example: a survey row's values are answers); null without one.
 */
export async function surveyQualityInput(conn: DuckDBConnection, p: LoadedPipeline): Promise<{ extract: { extract: string; rows_read: number; rows_rejected: number }; rejects: RejectGroup[] } | null> {
  const source = await pipelineSurveySource(conn, p);
  if (!source) return null;
  const o = source.options;
  const read = await readSurvey(conn, { ...o, scales: allScales(o.instruments), keep: [] });
  const rejects = Object.entries(read.byReason)
    .map(([reason, rows]) => ({ extract: 'surveys', reason, column: null, code: null, rows: rows!, example: null }))
    .sort((a, b) => b.rows - a.rows || a.reason.localeCompare(b.reason));
  return { extract: { extract: 'surveys', rows_read: read.read, rows_rejected: read.rejected }, rejects };
}
