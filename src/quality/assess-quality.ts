import type { DuckDBConnection } from '@duckdb/node-api';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { IngestResult } from '../ingest/ingest-all.js';
import type { Quality, RejectGroup } from './quality-schema.js';
import { rejectSummary } from './reject-summary.js';
import { missingValues } from './missing-values.js';
import { visitMatch } from './visit-match.js';
import { evaluateGates } from './quality-gates.js';
import { gateSentence } from './gate-messages.js';
import { surveyQualityInput } from '../survey/survey-quality.js';

/** The data-quality findings of an ingest: the results block, the reject groups behind it, and a sentence per failed gate. */
export interface QualityAssessment {
  quality: Quality;
  rejects: RejectGroup[];
  failures: string[];
}

/** Group the rejects, count missing values and the visit log's roster match, and evaluate the gates of `quality:`. */
export async function assessQuality(conn: DuckDBConnection, p: LoadedPipeline, ingest: IngestResult): Promise<QualityAssessment> {
  const rejects = await rejectSummary(conn, ingest);
  const visits = ingest.extracts.find((e) => e.extract === 'visits')!;
  // the survey file (sources.surveys) meets quality.max_reject_share like every extract; its reject groups are added
  // by the caller that writes them (hve validate), here they only name the reasons of a failed gate
  const survey = await surveyQualityInput(conn, p);
  const extracts = survey ? [...ingest.extracts, survey.extract] : ingest.extracts;
  const gates = evaluateGates({ extracts, rejects, visitMatch: await visitMatch(conn, visits.rows_read) }, p.config.quality);
  const named = survey ? [...rejects, ...survey.rejects] : rejects;
  return {
    quality: { settings: { ...p.config.quality }, gates, missing: await missingValues(conn, p, ingest) },
    rejects,
    failures: gates.filter((g) => g.status === 'failed').map((g) => gateSentence(g, named, p.config.quality.max_reject_share)),
  };
}
