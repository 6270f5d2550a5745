import { join, relative } from 'node:path';
import { loadPipeline, type LoadedPipeline } from '../config/load-pipeline.js';
import { openDb, queryOne, type Db } from '../util/duckdb.js';
import { InputError } from '../util/input-error.js';
import { lit } from '../util/sql.js';
import { writeFolderAtomically } from '../util/atomic-dir.js';
import { ingestPipeline } from './ingest-pipeline.js';
import { analyticSql, type AnalyticOptions } from '../analytic/student-year-sql.js';
import { buildResults } from './build-results.js';
import { applyPrivacyGate, type Publishable } from '../privacy/privacy-gate.js';
import type { Results } from '../results/results-schema.js';
import { writePublishable } from './write-outputs.js';
import { writeRejects, type IngestResult } from '../ingest/ingest-all.js';
import { assessQuality, type QualityAssessment } from '../quality/assess-quality.js';
import { writeValidationFiles } from '../quality/write-validation.js';
import { validationFolder } from './validate-pipeline.js';

/** What a run produced. */
export interface RunResult {
  folder: string;
  results: Publishable<Results>;
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

/**
 * Run a whole evaluation: ingest → student_year → estimates → privacy gate → outputs, written atomically
 * into the pipeline's output folder (report.html, results.json, tables/, figures/, and the restricted
 * rejects/ and analytic.duckdb).
 */
export async function runPipeline(pipelinePath: string, opts: { now?: Date; onStage?: (m: string) => void } = {}): Promise<RunResult> {
  const started = Date.now();
  const p = loadPipeline(pipelinePath);
  const log = opts.onStage ?? (() => {});
  const results = await writeFolderAtomically(p.outputDir, async (tmp) => {
    const db = await openDb();
    try {
      const ingest = await ingestPipeline(db, p, join(tmp, 'rejects'), log);
      const quality = await assessQuality(db.conn, p, ingest);
      if (quality.failures.length) await stopOnQuality(db, p, ingest, quality);
      log(`quality: ${quality.quality.gates.length} gates passed${quality.quality.gates.some((g) => g.status === 'dropped') ? ' (unknown codes dropped, as quality.unknown_codes: reject asks)' : ''}`);
      const c = p.config;
      const o: AnalyticOptions = {
        outcomeYear: c.outcome_year,
        yearStart: c.school_year_start,
        minDaysEnrolled: c.definitions.min_days_enrolled,
        chronicThreshold: c.definitions.chronic_threshold,
        proficientLevel: c.definitions.proficient_level,
        comparison: c.comparison,
        attendanceKind: ingest.attendanceKind,
        hasDiscipline: ingest.has.discipline,
        hasAssessments: ingest.has.assessments,
      };
      for (const sql of analyticSql(o)) await db.conn.run(sql);
      log('analytic: student_year built');
      const visited = await queryOne<{ n: number }>(db.conn, 'SELECT coalesce(sum(visited), 0)::INTEGER AS n FROM student_year WHERE analytic = 1');
      if (!visited || visited.n === 0) {
        const v = ingest.extracts.find((e) => e.extract === 'visits')!;
        throw new InputError(
          `No student of the analytic sample had a completed visit in ${c.outcome_year - 1}–${String(c.outcome_year).slice(2)} (the visits extract has ${v.rows_accepted} accepted of ${v.rows_read} rows); check the visit dates, statuses and student IDs, and the rejects from \`hve validate\`.`,
        );
      }
      const raw = await buildResults(db.conn, p, ingest, quality.quality, o, opts.now ?? new Date(), log);
      const gated = applyPrivacyGate(raw, c.privacy.min_cell);
      log(`estimate: ${gated.outcomes.length} outcomes; privacy gate: ${gated.suppression_log.length} suppressions`);
      await db.conn.run(`ATTACH ${lit(join(tmp, 'analytic.duckdb'))} AS analytic_out`);
      await db.conn.run('CREATE TABLE analytic_out.student_year AS SELECT * FROM student_year');
      await db.conn.run('DETACH analytic_out');
      await writePublishable(tmp, gated);
      log('render: report.html, results.json, tables/, figures/');
      return gated;
    } finally {
      db.close();
    }
  });
  return { folder: p.outputDir, results, seconds: (Date.now() - started) / 1000 };
}
