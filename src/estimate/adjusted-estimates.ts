import type { Estimate, Results } from '../results/results-schema.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { buildDesign, type CovariateSpec, type CovariateInfo } from './covariate-design.js';
import type { OutcomeDef } from './outcomes.js';
import type { SeChoice } from './model-estimate.js';
import { seRule } from './se-rule.js';
import type { MethodEstimates, ModelSetup } from './adjusted-outcome.js';
import { sampleBalance } from './balance-rows.js';
import { fitPropensity } from './propensity.js';
import { regressionEstimates } from './regression-estimate.js';
import { matchingEstimates } from './matching-estimate.js';
import { weightingEstimates } from './weighting-estimate.js';

/** An adjusted method of `analysis.methods`. */
export type AdjustedMethod = 'regression' | 'matching' | 'weighting';

/** The choices of the adjusted analyses (all written in the pipeline schema with defaults). */
export interface AdjustmentOptions {
  seed: number;
  caliperSd: number;
  exact: string[];
  trim: number | null;
  /** CR2 + Satterthwaite when there are fewer clusters than this; CR1 otherwise */
  cr2Below: number;
}

/** What the adjusted analyses produced: only the methods that were asked for. */
export interface AdjustedResults {
  /** per outcome, one estimate per method run, in the order regression, matching, weighting */
  estimates: Map<string, Estimate[]>;
  covariates: CovariateInfo[];
  balance: NonNullable<Results['balance']>;
  adjustment: NonNullable<Results['adjustment']>;
  /** the SE rule of every adjusted model (also used by the subgroup and school-level models) */
  se: SeChoice;
}

/**
 * The adjusted estimates of the methods asked for: regression adjustment, and, only when matching or
 * weighting is asked for, the propensity score model and those methods; with the covariate balance of each
 * sample analysed (the analytic sample first, as "before adjustment") and what each step did.
 */
export function adjustedEstimates(frame: AnalysisFrame, defs: readonly OutcomeDef[], spec: CovariateSpec, methods: readonly AdjustedMethod[], opts: AdjustmentOptions): AdjustedResults {
  const cluster = frame.categorical.school_id!.codes;
  const clusters = new Set(cluster).size;
  const setup: ModelSetup = { cluster, se: seRule(clusters, opts.cr2Below) };
  const adjustment: AdjustedResults['adjustment'] = { clusters, se_type: setup.se === 'CR2' ? 'cr2_satterthwaite' : 'cr1_t', cr2_below_clusters: opts.cr2Below };
  const runs: MethodEstimates[] = [];
  if (methods.includes('regression')) runs.push(regressionEstimates(frame, defs, spec, setup));
  if (methods.includes('matching') || methods.includes('weighting')) {
    const ps = fitPropensity(frame, spec);
    adjustment.propensity = { covariates: ps.covariates, converged: ps.converged, warnings: ps.warnings };
    if (methods.includes('matching')) {
      const m = matchingEstimates(frame, defs, spec, setup, ps, opts);
      runs.push(m);
      adjustment.matching = m.summary;
    }
    if (methods.includes('weighting')) {
      const w = weightingEstimates(frame, defs, spec, setup, ps, opts.trim);
      runs.push(w);
      adjustment.weighting = w.summary;
    }
  }
  const balance = runs.map((r) => r.balance);
  if (balance[0]?.sample !== 'analytic') balance.unshift(sampleBalance(frame, spec, 'analytic'));
  return {
    estimates: new Map(defs.map((d) => [d.outcome, runs.map((r) => r.estimates.get(d.outcome)!)])),
    // how each covariate enters the models (missing values and their fill), over the whole analytic sample
    covariates: buildDesign(frame, spec).info,
    balance,
    adjustment,
    se: setup.se,
  };
}
