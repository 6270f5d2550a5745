import type { Db } from '../util/duckdb.js';
import { queryOne, restoreThreads } from '../util/duckdb.js';
import type { ProgressFn } from '../util/progress.js';
import { InputError } from '../util/input-error.js';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { IngestResult } from '../ingest/ingest-all.js';
import type { QualityAssessment } from '../quality/assess-quality.js';
import { analyticSql, type AnalyticOptions } from '../analytic/student-year-sql.js';
import type { Results } from '../results/results-schema.js';
import { buildResults } from './build-results.js';

/**
 * From ingested extracts to the results before the privacy gate: build student_year, check that someone
 * was visited, and estimate. Not publishable: the caller passes the result through the gate.
 */
export async function estimatePipeline(db: Db, p: LoadedPipeline, ingest: IngestResult, quality: QualityAssessment, now: Date, log: (m: string) => void, onProgress?: ProgressFn): Promise<Results> {
  const c = p.config;
  const o: AnalyticOptions = {
    outcomeYear: c.outcome_year,
    yearStart: c.school_year_start,
    minDaysEnrolled: c.definitions.min_days_enrolled,
    chronicThreshold: c.definitions.chronic_threshold,
    proficientLevel: c.definitions.proficient_level,
    comparison: c.comparison,
    attendanceKind: ingest.attendanceKind,
    dailyGroups: ingest.attendanceGrouped,
    hasDiscipline: ingest.has.discipline,
    hasAssessments: ingest.has.assessments,
  };
  for (const sql of analyticSql(o)) await db.conn.run(sql);
  // a SQL step that pins one thread ends with RESET threads, DuckDB's default: set engine.threads again
  await restoreThreads(db);
  log('analytic: student_year built');
  const counts = await queryOne<{ analytic: number; visited: number; visitedAny: number }>(
    db.conn,
    `SELECT count(*) FILTER (WHERE analytic = 1)::INTEGER AS analytic, coalesce(sum(visited) FILTER (WHERE analytic = 1), 0)::INTEGER AS visited,
            coalesce(sum(visited), 0)::INTEGER AS "visitedAny" FROM student_year`,
  );
  const year = `${c.outcome_year - 1}–${String(c.outcome_year).slice(2)}`;
  if (!counts || counts.visitedAny === 0 || (counts.analytic > 0 && counts.visited === 0)) {
    const v = ingest.extracts.find((e) => e.extract === 'visits')!;
    throw new InputError(
      `No student of the analytic sample had a completed visit in ${year} (the visits extract has ${v.rows_accepted} accepted of ${v.rows_read} rows); check the visit dates, statuses and student IDs, and the rejects from \`hve validate\`.`,
    );
  }
  if (counts.analytic === 0) {
    const a = ingest.extracts.find((e) => e.extract === 'attendance')!;
    throw new InputError(
      `No student is in the analytic sample: none was enrolled at least ${c.definitions.min_days_enrolled} days in ${year} (the attendance extract has ${a.rows_accepted} accepted of ${a.rows_read} rows); check that the attendance extract covers that school year.`,
    );
  }
  return buildResults(db, p, ingest, quality.quality, o, now, log, onProgress);
}
