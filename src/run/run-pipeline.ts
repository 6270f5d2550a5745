import { join, relative } from 'node:path';
import { loadPipeline, type LoadedPipeline } from '../config/load-pipeline.js';
import { openDb, type Db } from '../util/duckdb.js';
import { InputError } from '../util/input-error.js';
import { lit } from '../util/sql.js';
import { writeFolderAtomically } from '../util/atomic-dir.js';
import { applyPrivacyGate, type Publishable } from '../privacy/privacy-gate.js';
import type { Results } from '../results/results-schema.js';
import { writePublishable } from './write-outputs.js';
import { estimatePipeline } from './estimate-pipeline.js';
import { ingestAll, writeRejects, type IngestResult } from '../ingest/ingest-all.js';
import { writeSurveyRejects } from '../survey/survey-rejects.js';
import { assessQuality, type QualityAssessment } from '../quality/assess-quality.js';
import { writeValidationFiles } from '../quality/write-validation.js';
import { validationFolder } from './validate-pipeline.js';
import { engineDbSettings } from './engine-settings.js';
import { watchQueryProgress } from '../util/query-progress.js';
import type { ProgressFn } from '../util/progress.js';

/** What a run produced. */
export interface RunResult {
  folder: string;
  /** the gated results (what results.json holds) */
  results: Results;
  /** the same, as the privacy gate's sealed type, for writers */
  publishable: Publishable<Results>;
  seconds: number;
}

/**
 * A data-quality gate failed: write the rejects and their summary to the validation folder, then stop with
 * one sentence per failed gate (nothing is estimated, and the previous report is left as it was).
 */
async function stopOnQuality(db: Db, p: LoadedPipeline, ingest: IngestResult, q: QualityAssessment): Promise<never> {
  const folder = validationFolder(p);
  await writeFolderAtomically(folder, async (tmp) => {
    await writeRejects(db.conn, ingest, join(tmp, 'rejects'));
    writeValidationFiles(tmp, ingest, q);
  });
  throw new InputError(
    `${q.failures.join('\n')}\nThe run stopped before estimating; the rejects and a summary by reason, column and code are in ${relative(process.cwd(), folder) || folder}/ (restricted: holds student IDs).`,
  );
}

/** What a run reports as it goes: a line per stage, and how far a long stage has come (rows read, models fitted). */
export interface RunOptions {
  now?: Date;
  onStage?: (m: string) => void;
  onProgress?: ProgressFn;
}

/**
 * Run a whole evaluation: ingest → student_year → estimates → privacy gate → outputs, written atomically
 * into the pipeline's output folder (report.html, results.json, tables/, figures/, and the restricted
 * rejects/ and analytic.duckdb), with DuckDB set up by the pipeline's `engine:` block. A SIGINT or SIGTERM
 * stops it within a second or two (RunInterrupted), leaving the previous folder as it was and no temporary files.
 */
export async function runPipeline(pipelinePath: string, opts: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const p = loadPipeline(pipelinePath);
  const log = opts.onStage ?? (() => {});
  const settings = engineDbSettings(p.config.engine, p.dir);
  const results = await writeFolderAtomically(p.outputDir, async (tmp) => {
    const db = await openDb(':memory:', settings);
    let phase = 'ingest';
    const stopWatch = watchQueryProgress(db.conn, () => phase, opts.onProgress);
    try {
      // the rejects go to the run folder, or (when a gate stops the run) to the validation folder: written once
      const ingest = await ingestAll(db.conn, p, log);
      phase = 'quality';
      const quality = await assessQuality(db.conn, p, ingest);
      if (quality.failures.length) await stopOnQuality(db, p, ingest, quality);
      phase = 'rejects';
      await writeRejects(db.conn, ingest, join(tmp, 'rejects'));
      log(`quality: ${quality.quality.gates.length} gates passed${quality.quality.gates.some((g) => g.status === 'dropped') ? ' (unknown codes dropped, as quality.unknown_codes: reject asks)' : ''}`);
      const c = p.config;
      phase = 'analytic';
      const raw = await estimatePipeline(db, p, ingest, quality, opts.now ?? new Date(), log, opts.onProgress);
      phase = 'analytic.duckdb';
      if (c.sources.surveys) await writeSurveyRejects(db.conn, join(tmp, 'rejects'), c.sources.surveys.path);
      const gated = applyPrivacyGate(raw, c.privacy.min_cell);
      log(`estimate: ${gated.data.outcomes.length} outcomes; privacy gate: ${gated.data.suppression_log.length} suppressions`);
      await db.conn.run(`ATTACH ${lit(join(tmp, 'analytic.duckdb'))} AS analytic_out`);
      await db.conn.run('CREATE TABLE analytic_out.student_year AS SELECT * FROM student_year');
      await db.conn.run('DETACH analytic_out');
      await writePublishable(tmp, gated);
      log('render: report.html, results.json, tables/, figures/');
      return gated;
    } finally {
      stopWatch();
      db.close();
    }
  });
  return { folder: p.outputDir, results: results.data, publishable: results, seconds: (Date.now() - started) / 1000 };
}
