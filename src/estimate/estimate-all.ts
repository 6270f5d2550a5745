import type { DuckDBConnection } from '@duckdb/node-api';
import { loadFrame, subsetFrame, type AnalysisFrame } from './analysis-frame.js';
import type { OutcomeDef } from './outcomes.js';
import { unadjustedEstimate } from './unadjusted.js';
import { valuesWhere } from './descriptive-contrast.js';
import { adjustedEstimates, type AdjustedMethod, type AdjustmentOptions } from './adjusted-estimates.js';
import { findingBaseline } from './baseline-verdict.js';
import type { CovariateSpec } from './covariate-design.js';
import { subgroupContrasts, subgroupDimensions } from './subgroups.js';
import { doseAndTiming } from './dose-timing.js';
import { schoolLevelContrasts } from './school-level.js';
import { applyBenjaminiHochberg } from './apply-bh.js';
import { keepObserved } from './not-evaluated.js';
import { regressionBootstrapDraws } from './bootstrap-draws.js';
import type { Estimate, OutcomeResult, Results } from '../results/results-schema.js';
import { runInWorker, type WorkerReport } from '../util/run-in-worker.js';
import { progressCounter, type ProgressCounter, type ProgressFn } from '../util/progress.js';

/** Which analyses to run. */
export interface EstimateAllOptions extends AdjustmentOptions {
  methods: readonly ('unadjusted' | 'regression' | 'matching' | 'weighting')[];
  subgroups: boolean;
  schoolVisitThreshold: number;
  /** school level: fewer schools than this on either side → descriptive only (default 5) */
  minSchoolsPerArm?: number;
  dose: boolean;
  schoolLevel: boolean;
  /** school id → fidelity score (0–1): a second moderator of the school-level analysis */
  schoolFidelity?: ReadonlyMap<string, number>;
  /** school-cluster bootstrap draws of the linear regression-adjusted difference of these outcomes (cost-effectiveness) */
  bootstrap?: { outcomes: readonly string[]; reps: number };
}

/** The estimation stage's output: its share of the results, and the bootstrap draws asked for (not results: they feed cost-effectiveness). */
export interface EstimationOutput {
  parts: EstimationParts;
  draws: Map<string, Float64Array>;
}

/** The estimation stage's share of the results. */
export type EstimationParts = Pick<Results, 'outcomes' | 'covariates' | 'balance' | 'adjustment' | 'subgroups' | 'dose' | 'school_level' | 'not_evaluated'>;

/** The adjusted methods, in the order their estimates are listed. */
const ADJUSTED: readonly AdjustedMethod[] = ['regression', 'matching', 'weighting'];

const EXTRA = ['analytic', 'visited', 'visit_count', 'relationship_visit', 'academic_visit', 'summer_visit', 'school_visit_rate'];

/** Load the analysis frame of `where` rows of student_year: treatment, outcomes, covariates, visit details. */
export function loadStudentFrame(conn: DuckDBConnection, defs: readonly OutcomeDef[], spec: CovariateSpec, where: string): Promise<AnalysisFrame> {
  const numeric = [...new Set([...EXTRA, ...defs.map((d) => d.outcome), ...defs.flatMap((d) => (d.baseline ? [d.baseline] : [])), ...spec.numeric])];
  return loadFrame(conn, 'student_year', numeric, ['school_id', 'gender', 'race_ethnicity', 'grade'], where, 'student_id');
}

/** The unadjusted comparison of one outcome with its baseline-equivalence verdict (no adjustment). */
function unadjustedWithBaseline(frame: AnalysisFrame, def: OutcomeDef): Estimate {
  const y = frame.numeric[def.outcome]!;
  const t = frame.numeric.visited!;
  const e = unadjustedEstimate(def, valuesWhere(y, (i) => t[i] === 1), valuesWhere(y, (i) => t[i] === 0));
  const withOutcome = Int32Array.from({ length: frame.n }, (_, i) => i).filter((i) => !Number.isNaN(y[i]!));
  e.baseline = findingBaseline(frame, def, withOutcome, { adjusted: false });
  return e;
}

/** The buffers of a frame's columns, to move them to the estimation worker instead of copying them. */
function frameBuffers(...frames: AnalysisFrame[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const f of frames) {
    for (const v of Object.values(f.numeric)) out.add(v.buffer as ArrayBuffer);
    for (const c of Object.values(f.categorical)) out.add(c.codes.buffer as ArrayBuffer);
  }
  return [...out];
}

/**
 * Run every estimator on student_year: unadjusted, regression, matching, weighting, with BH, subgroups, dose and
 * school level. The frames are read here and the models fitted in a worker thread (`estimateLoaded`), so a
 * SIGINT or SIGTERM stops the run at once however long a fit takes; `onProgress` hears of models fitted.
 */
export async function estimateAll(
  conn: DuckDBConnection,
  defs: readonly OutcomeDef[],
  spec: CovariateSpec,
  opts: EstimateAllOptions,
  onStage?: (m: string) => void,
  onProgress?: ProgressFn,
): Promise<EstimationOutput> {
  // one read: every school's students enrolled long enough (school level); the analytic sample is a subset of them
  const all = await loadStudentFrame(conn, defs, spec, 'enrolled_min_days = 1');
  const frame = subsetFrame(all, Uint8Array.from(all.numeric.analytic!, (v) => (v === 1 ? 1 : 0)));
  const school = opts.schoolLevel ? all : null;
  return runInWorker<EstimationOutput>(import.meta.url, 'estimateLoaded', [frame, school, defs, spec, opts], {
    transfer: frameBuffers(frame, ...(school ? [school] : [])),
    ...(onStage ? { onStage } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
}

/** The estimation of `estimateAll` on frames already read (what its worker runs): every estimator, then the bootstrap draws. */
export function estimateLoaded(frame: AnalysisFrame, all: AnalysisFrame | null, defs: readonly OutcomeDef[], spec: CovariateSpec, opts: EstimateAllOptions, report?: WorkerReport): EstimationOutput {
  const onStage = report?.onStage;
  const parts = estimateFrame(frame, all, defs, spec, opts, onStage, report?.onProgress);
  const draws = new Map<string, Float64Array>();
  const evaluated = new Set(parts.outcomes.map((o) => o.outcome));
  // the covariates the models used: those with a value in this frame (as estimateFrame keeps them)
  const observed = opts.bootstrap?.outcomes.length ? keepObserved(frame, defs, spec).spec : spec;
  const wanted = (opts.bootstrap?.outcomes ?? []).filter((o) => evaluated.has(o) && defs.some((d) => d.outcome === o) && frame.categorical.school_id);
  const refits = progressCounter('bootstrap', wanted.length * (opts.bootstrap?.reps ?? 0), 'refits', report?.onProgress);
  for (const outcome of wanted) {
    draws.set(outcome, regressionBootstrapDraws(frame, defs.find((d) => d.outcome === outcome)!, observed, opts.bootstrap!.reps, opts.seed));
    refits.add(opts.bootstrap!.reps);
  }
  if (draws.size) onStage?.(`estimate: ${opts.bootstrap!.reps} school-cluster bootstrap refits of ${[...draws.keys()].join(', ')}`);
  return { parts, draws };
}

/** The models `estimateFrame` fits, for its progress count: the subgroup ones weighted by their levels (+ the interaction model). */
function plannedModels(frame: AnalysisFrame, defs: readonly OutcomeDef[], adjusted: readonly AdjustedMethod[], opts: EstimateAllOptions, all: AnalysisFrame | null): { total: number; perDimension: Map<string, number> } {
  const perDimension = new Map<string, number>();
  if (adjusted.length && opts.subgroups) for (const d of subgroupDimensions(frame)) perDimension.set(d.name, new Set(d.codes.filter((c) => c >= 0)).size + 1);
  const subgroups = [...perDimension.values()].reduce((a, v) => a + v, 0) * defs.length;
  const propensity = adjusted.some((m) => m !== 'regression') ? 1 : 0;
  const total = defs.length + defs.length * adjusted.length + propensity + subgroups + (adjusted.length && opts.schoolLevel && all ? defs.length : 0) + (opts.dose ? 1 : 0);
  return { total, perDimension };
}

/**
 * Run every estimator on an analysis frame (treatment in `visited`, cluster and fixed effects in
 * `school_id`); `all` is the frame of every school's students for the school-level analysis.
 */
export function estimateFrame(
  frame: AnalysisFrame,
  all: AnalysisFrame | null,
  givenDefs: readonly OutcomeDef[],
  givenSpec: CovariateSpec,
  opts: EstimateAllOptions,
  onStage?: (m: string) => void,
  onProgress?: ProgressFn,
): EstimationParts {
  // an outcome without any value is not evaluated (and said so), a covariate without any value is left out
  const { defs, spec, notEvaluated } = keepObserved(frame, givenDefs, givenSpec);
  const adjusted = ADJUSTED.filter((m) => opts.methods.includes(m));
  const plan = plannedModels(frame, defs, adjusted, opts, all);
  const models: ProgressCounter = progressCounter('estimate', plan.total, 'models', onProgress);
  const outcomes: OutcomeResult[] = defs.map((d) => ({
    outcome: d.outcome,
    label: d.label,
    domain: d.domain,
    type: d.type,
    lower_is_better: d.lower_is_better,
    unit: d.unit,
    estimates: [(models.add(), unadjustedWithBaseline(frame, d))],
  }));
  const t = frame.numeric.visited!;
  const nt = t.reduce((a, v) => a + (v === 1 ? 1 : 0), 0);
  const parts: EstimationParts = { outcomes, ...(notEvaluated.length ? { not_evaluated: notEvaluated } : {}) };
  if (adjusted.length && nt >= 2 && frame.n - nt >= 2) {
    const adj = adjustedEstimates(frame, defs, spec, adjusted, opts);
    models.add(defs.length * adjusted.length + (adjusted.some((m) => m !== 'regression') ? 1 : 0));
    for (const o of outcomes) o.estimates.push(...adj.estimates.get(o.outcome)!);
    parts.covariates = adj.covariates.map((c) => ({ name: c.name, kind: c.kind, missing: c.missing, fill: c.fill, columns: c.columns }));
    parts.balance = adj.balance;
    parts.adjustment = adj.adjustment;
    onStage?.(`estimate: ${adjusted.join(', ')} (${adj.adjustment.clusters} schools; ${adj.se === 'CR2' ? 'CR2 with Satterthwaite df' : 'CR1 with G − 1 df'})`);
    if (opts.subgroups) {
      parts.subgroups = subgroupContrasts(frame, defs, spec, adj.se, (dim) => models.add(plan.perDimension.get(dim.name) ?? 1));
      onStage?.(`estimate: ${parts.subgroups.length} subgroup estimates`);
    }
    if (opts.schoolLevel && all) {
      parts.school_level = schoolLevelContrasts(all, frame, defs, spec, adj.se, opts.schoolVisitThreshold, opts.minSchoolsPerArm ?? 5, opts.schoolFidelity);
      models.add(defs.length);
    }
  }
  if (opts.dose) {
    parts.dose = doseAndTiming(frame, defs);
    models.add();
  }
  applyBenjaminiHochberg(outcomes);
  return parts;
}
