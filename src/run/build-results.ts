import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { IngestResult } from '../ingest/ingest-all.js';
import type { AnalyticOptions } from '../analytic/student-year-sql.js';
import { sampleFlow } from '../analytic/sample-flow.js';
import { OUTCOMES } from '../estimate/outcomes.js';
import { estimateAll } from '../estimate/estimate-all.js';
import { measureFidelity, fidelityOptions } from '../fidelity/index.js';
import { fidelityResults, fidelityScores } from '../fidelity/fidelity-results.js';
import { pipelineSurveys } from '../survey/pipeline-surveys.js';
import { costResults, BOOTSTRAP_REPS, COST_EFFECTIVENESS_OUTCOMES } from '../cost/index.js';
import { pipelineCovariates } from '../estimate/covariate-spec.js';
import { missingExtractDomains } from '../estimate/not-evaluated.js';
import { SCHEMA_VERSION, type Results } from '../results/results-schema.js';
import { privacyRule } from '../privacy/privacy-gate.js';
import { softwareVersion } from '../util/version.js';
import { queryOne, withOneThread, type Db } from '../util/duckdb.js';
import { relative } from 'node:path';
import type { Quality } from '../quality/quality-schema.js';
import type { ProgressFn } from '../util/progress.js';

/** The ISO date before an ISO date. */
function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** Estimate every available outcome from student_year and assemble the (not yet gated) results. */
export async function buildResults(
  db: Db,
  p: LoadedPipeline,
  ingest: IngestResult,
  quality: Quality,
  o: AnalyticOptions,
  now: Date,
  onStage?: (m: string) => void,
  onProgress?: ProgressFn,
): Promise<Results> {
  const conn = db.conn;
  const available = OUTCOMES.filter(
    (d) => d.needs === 'attendance' || (d.needs === 'discipline' && ingest.has.discipline) || (d.needs === 'assessments' && ingest.has.assessments),
  );
  const a = p.config.analysis;
  // the targeting contrasts' means and variances (avg, var_samp) and the survey means and SDs are aggregated by
  // DuckDB: on one thread, so they are the same bits for any engine.threads (tables of one row per student or respondent)
  const measures = await withOneThread(db, () => measureFidelity(conn, fidelityOptions(p.config, ingest.has.educators)));
  onStage?.(`fidelity: ${measures.schools.filter((u) => u.program_school).length} program schools, ${measures.site.reach.students_visited} students visited`);
  const survey = await withOneThread(db, () => pipelineSurveys(conn, p, onStage));
  const { parts, draws } = await estimateAll(
    conn,
    available,
    pipelineCovariates(ingest.has),
    {
      methods: a.methods,
      seed: p.config.seed,
      caliperSd: a.caliper_sd,
      exact: a.exact,
      trim: a.trim,
      cr2Below: a.cr2_below_clusters,
      subgroups: a.subgroups,
      schoolVisitThreshold: a.school_visit_threshold,
      minSchoolsPerArm: a.min_schools_per_arm,
      dose: true,
      schoolLevel: true,
      schoolFidelity: fidelityScores(measures),
      bootstrap: a.methods.includes('regression') ? { outcomes: COST_EFFECTIVENESS_OUTCOMES, reps: BOOTSTRAP_REPS } : undefined,
    },
    onStage,
    onProgress,
  );
  const duck = await queryOne<{ v: string }>(conn, 'SELECT version() AS v');
  const c = p.config;
  const [mm, dd] = c.school_year_start.split('-');
  return {
    schema_version: SCHEMA_VERSION,
    name: c.name,
    site: c.site,
    state: c.state ?? null,
    outcome_year: c.outcome_year,
    generated_at: now.toISOString(),
    provenance: {
      software: 'home-visit-eval',
      software_version: softwareVersion(),
      duckdb_version: duck?.v ?? 'unknown',
      pipeline_file: relative(process.cwd(), p.file) || p.file,
      pipeline_sha256: p.sha256,
      seed: c.seed,
      inputs: ingest.extracts.map((e) => ({
        extract: e.extract,
        ...(e.kind ? { kind: e.kind } : {}),
        path: e.path,
        files: e.files.length,
        sha256: e.sha256,
        rows_read: e.rows_read,
        rows_accepted: e.rows_accepted,
        rows_rejected: e.rows_rejected,
        rejected_by_reason: e.rejected_by_reason as Record<string, number>,
      })).concat(survey ? [survey.input] : []),
    },
    definitions: {
      source: 'pipeline',
      school_year_window: `${c.outcome_year - 1}-${mm}-${dd} to ${dayBefore(`${c.outcome_year}-${mm}-${dd}`)}`,
      chronic_threshold: c.definitions.chronic_threshold,
      min_days_enrolled: c.definitions.min_days_enrolled,
      proficient_level: c.definitions.proficient_level,
      comparison:
        c.comparison === 'program_schools'
          ? 'students in the same program schools (≥ 1 completed visit that year) who were not visited'
          : 'all enrolled students who were not visited',
      comparison_group: c.comparison,
      attendance_kind: ingest.attendanceKind,
      visited: 'at least one visit with status completed dated inside the outcome year’s window (summer visits count)',
    },
    privacy: { min_cell: c.privacy.min_cell, rule: privacyRule(c.privacy.min_cell), top_bottom_code: c.privacy.top_bottom_code },
    quality,
    sample_flow: await sampleFlow(conn, o),
    ...parts,
    not_evaluated: [...missingExtractDomains(ingest.has), ...(parts.not_evaluated ?? [])],
    fidelity: fidelityResults(measures, c.fidelity.practice_threshold),
    cost: costResults(c.costs, measures.site, parts.outcomes, draws),
    ...(survey ? { surveys: survey.surveys } : {}),
    suppression_log: [],
  };
}
