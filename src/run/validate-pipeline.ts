import { join } from 'node:path';
import { loadPipeline, type LoadedPipeline } from '../config/load-pipeline.js';
import { openDb, type Db } from '../util/duckdb.js';
import { engineDbSettings } from './engine-settings.js';
import { writeFolderAtomically } from '../util/atomic-dir.js';
import { ingestPipeline } from './ingest-pipeline.js';
import type { IngestResult } from '../ingest/ingest-all.js';
import { assessQuality, type QualityAssessment } from '../quality/assess-quality.js';
import { writeValidationFiles } from '../quality/write-validation.js';
import { validateSurveys, type SurveyAccounting } from '../survey/validate-surveys.js';

/** What `hve validate` found. */
export interface ValidationResult {
  ingest: IngestResult;
  quality: QualityAssessment;
  /** the survey source's row accounting (sources.surveys), or null without one; its reject groups are in quality.rejects */
  surveys: SurveyAccounting | null;
  folder: string;
}

/** The validation folder of a pipeline: `--out`, else `<output>-validation`. */
export function validationFolder(p: LoadedPipeline, outDir?: string): string {
  return outDir ?? `${p.outputDir}-validation`;
}

/**
 * Ingest into an open database, read the survey source (sources.surveys) too, and write a validation folder
 * (rejects/ with surveys.csv, row accounting, reject summary, gates).
 */
export async function validateInto(db: Db, p: LoadedPipeline, folder: string, onStage?: (m: string) => void): Promise<Omit<ValidationResult, 'folder'>> {
  return writeFolderAtomically(folder, async (tmp) => {
    const ingest = await ingestPipeline(db, p, join(tmp, 'rejects'), onStage);
    const quality = await assessQuality(db.conn, p, ingest);
    const surveys = await validateSurveys(db.conn, p, join(tmp, 'rejects'), onStage);
    if (surveys) quality.rejects.push(...surveys.rejects);
    writeValidationFiles(tmp, ingest, quality, surveys ? [surveys.accounting] : []);
    return { ingest, quality, surveys: surveys?.accounting ?? null };
  });
}

/** Read and check every extract of a pipeline; write rejects, row accounting, the reject summary and the gates to `outDir` (default: `<output>-validation`). */
export async function validatePipeline(pipelinePath: string, outDir?: string, onStage?: (m: string) => void): Promise<ValidationResult> {
  const p = loadPipeline(pipelinePath);
  const folder = validationFolder(p, outDir);
  const db = await openDb(':memory:', engineDbSettings(p.config.engine, p.dir));
  try {
    return { ...(await validateInto(db, p, folder, onStage)), folder };
  } finally {
    db.close();
  }
}
