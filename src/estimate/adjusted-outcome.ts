import { summarize, pooledSd, smallSampleCorrection, improvementIndex, coxIndex } from '../stats/index.js';
import type { Estimate } from '../results/results-schema.js';
import { note, type Note } from '../results/vocabulary.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { buildDesign, type CovariateSpec } from './covariate-design.js';
import type { OutcomeDef } from './outcomes.js';
import { familyFor, type SeChoice } from './model-estimate.js';
import { fitWithFallback, type Family, type ModelInputs } from './fit-with-fallback.js';
import { dropConstantGroups } from './drop-constant-groups.js';
import { finiteOrNull } from './finite-or-null.js';
import { ratioFields } from './effect-fields.js';
import { findingBaseline } from './baseline-verdict.js';
import type { SampleBalance } from './balance-rows.js';
import type { GlmFit } from '../stats/regression/index.js';

/** The sample an adjusted method analyses, and what it estimates. */
export interface AdjustedSample {
  method: 'regression' | 'matching' | 'weighting';
  estimand: Estimate['estimand'];
  /** the frame rows of the sample (null: every row) */
  rows: Uint8Array | null;
  /** one weight per frame row (ATT odds weights) */
  weights?: Float64Array;
}

/** The SE rule of the adjusted models: clustered by school, CR2 or CR1 (`seRule`). */
export interface ModelSetup {
  cluster: Int32Array;
  se: SeChoice;
}

/** The outcome model an estimate came from, for a second SE on the same model (matching's pair-clustered SE). */
export interface FittedOutcome extends ModelInputs {
  family: Family;
  /** the fit itself (of `family`, on these inputs) */
  fit: GlmFit;
  /** the frame row of each model row */
  index: Int32Array;
}

/** The estimates of one adjusted method, keyed by outcome, and the covariate balance of its sample. */
export interface MethodEstimates {
  estimates: Map<string, Estimate>;
  balance: SampleBalance;
}

/** One estimate per outcome, keyed by outcome. */
export function byOutcome(defs: readonly OutcomeDef[], estimate: (def: OutcomeDef) => Estimate): Map<string, Estimate> {
  return new Map(defs.map((def) => [def.outcome, estimate(def)]));
}

/**
 * One adjusted estimate of one outcome in a method's sample: the outcome model (OLS, or logistic or Poisson
 * with the average marginal effect on the treated) with the covariates and school fixed effects, the WWC
 * effect size (the adjusted difference over the unadjusted pooled SD; for yes/no outcomes the Cox index of
 * the adjusted odds ratio), and the baseline-equivalence verdict on the outcome's baseline measure in that sample.
 */
export function adjustedOutcome(
  frame: AnalysisFrame,
  def: OutcomeDef,
  spec: CovariateSpec,
  sample: AdjustedSample,
  setup: ModelSetup,
): { estimate: Estimate; fitted: FittedOutcome | null } {
  const y = frame.numeric[def.outcome]!;
  const treated = frame.numeric.visited!;
  const family = familyFor(def.type);
  const notes: Note[] = [];
  let rows: Uint8Array = Uint8Array.from(y, (v, i) => (Number.isNaN(v) || (sample.rows !== null && !sample.rows[i]) ? 0 : 1));
  if (family !== 'gaussian' && spec.fixedEffects) {
    // schools where the outcome never varies predict it perfectly in a GLM with school fixed effects: left out, as Stata does
    const kept = dropConstantGroups(rows, y, frame.categorical[spec.fixedEffects]!.codes, family === 'binomial');
    if (kept.droppedRows > 0) {
      notes.push(note('constant_groups_dropped', { counts: { students: kept.droppedRows, schools: kept.droppedGroups }, model: family === 'binomial' ? 'logistic' : 'poisson' }));
      rows = kept.rows;
    }
  }
  const d = buildDesign(frame, spec, { rows, treatment: treated });
  const inputs: ModelInputs = {
    design: d.design,
    y: Float64Array.from(d.index, (i) => y[i]!),
    t: Float64Array.from(d.index, (i) => treated[i]!),
    cluster: Int32Array.from(d.index, (i) => setup.cluster[i]!),
    ...(sample.weights ? { weights: Float64Array.from(d.index, (i) => sample.weights![i]!) } : {}),
    fixedEffects: d.fixedEffects,
  };
  const st = summarize(Float64Array.from(d.index.filter((_, k) => inputs.t[k] === 1), (i) => y[i]!));
  const sc = summarize(Float64Array.from(d.index.filter((_, k) => inputs.t[k] === 0), (i) => y[i]!));
  const fitted = fitWithFallback(family, inputs, setup.se, notes);
  const eff = fitted?.eff ?? null;
  const omega = smallSampleCorrection(st.n + sc.n);
  const es = !eff
    ? NaN
    : def.type === 'binary'
      ? eff.ratio !== null
        ? (omega * Math.log(eff.ratio)) / 1.65
        : coxIndex(st.mean, st.mean - eff.estimate, st.n, sc.n) // linear-model fallback: Cox index of the adjusted proportions
      : (omega * eff.estimate) / pooledSd(st, sc);
  const undefinedAs = (field: NonNullable<Note['field']>) => note('value_undefined', { field });
  const estimate: Estimate = {
    method: sample.method,
    estimand: sample.estimand,
    n_treated: st.n,
    n_comparison: sc.n,
    mean_treated: finiteOrNull(st.mean, notes, note('group_empty', { field: 'treated' })),
    mean_comparison: eff ? finiteOrNull(st.mean - eff.estimate, notes, undefinedAs('adjusted_mean')) : null,
    sd_treated: def.type === 'binary' ? null : finiteOrNull(st.sd, notes, note('sd_needs_two')),
    sd_comparison: def.type === 'binary' ? null : finiteOrNull(sc.sd, notes, note('sd_needs_two')),
    estimate: eff ? finiteOrNull(eff.estimate, notes, undefinedAs('estimate')) : null,
    se: eff ? finiteOrNull(eff.se, notes, undefinedAs('se')) : null,
    df: eff?.df != null ? finiteOrNull(eff.df, notes, undefinedAs('df')) : null,
    ci_low: eff ? finiteOrNull(eff.ci_low, notes, undefinedAs('ci')) : null,
    ci_high: eff ? finiteOrNull(eff.ci_high, notes, undefinedAs('ci')) : null,
    p_value: eff ? finiteOrNull(eff.p_value, notes, undefinedAs('p_value')) : null,
    effect_size: finiteOrNull(es, notes, undefinedAs('effect_size')),
    effect_size_type: def.type === 'binary' ? 'cox_index' : 'hedges_g',
    improvement_index: finiteOrNull(improvementIndex(es, def.lower_is_better), notes, undefinedAs('effect_size')),
    suppressed: false,
    notes,
    ...(eff ? { se_type: eff.se_type } : {}),
    clusters: eff?.clusters ?? null,
    ...ratioFields(eff, def.type, notes),
    alternative_se: null,
    baseline: findingBaseline(frame, def, d.index, { adjusted: true, ...(inputs.weights ? { weights: inputs.weights } : {}) }),
  };
  return { estimate, fitted: fitted ? { ...inputs, family: fitted.family, fit: fitted.eff.fit, index: d.index } : null };
}
