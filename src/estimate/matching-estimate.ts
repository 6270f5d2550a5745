import { nearestNeighborMatch } from '../stats/matching/index.js';
import type { Estimate, Results } from '../results/results-schema.js';
import type { AnalysisFrame } from './analysis-frame.js';
import type { CovariateSpec } from './covariate-design.js';
import type { OutcomeDef } from './outcomes.js';
import type { Propensity } from './propensity.js';
import { modelEffect } from './model-estimate.js';
import { adjustedOutcome, byOutcome, type FittedOutcome, type MethodEstimates, type ModelSetup } from './adjusted-outcome.js';
import { sampleBalance } from './balance-rows.js';
import { finiteOrNone } from './finite-or-null.js';

/** The matching choices of the pipeline (`analysis.caliper_sd`, `analysis.exact`, `seed`). */
export interface MatchingOptions {
  seed: number;
  caliperSd: number;
  exact: readonly string[];
}

/** What matching did (results.json `adjustment.matching`). */
export type MatchingSummary = NonNullable<NonNullable<Results['adjustment']>['matching']>;

/** The matched-sample estimate's SE clustered by matched pair (MatchIt's advice), beside the school-clustered one; null if that model fails. */
function pairClusteredSe(m: FittedOutcome, pairId: Int32Array): NonNullable<Estimate['alternative_se']> | null {
  try {
    const eff = modelEffect(m.family, m.design, m.y, m.t, Int32Array.from(m.index, (i) => pairId[i]!), 'CR1', undefined, { fixedEffects: m.fixedEffects ?? null, fit: m.fit });
    return { se_type: 'cr1_pairs', clusters: eff.clusters, se: finiteOrNone(eff.se), ci_low: finiteOrNone(eff.ci_low), ci_high: finiteOrNone(eff.ci_high), p_value: finiteOrNone(eff.p_value) };
  } catch {
    return null;
  }
}

/**
 * Propensity-score matching: 1:1 nearest neighbour on logit(ps) without replacement within the caliper
 * (SDs of logit ps), exactly within the `exact` columns, ties broken by the seed; then the outcome regression
 * of every outcome on the matched sample, with the pair-clustered SE beside it, and the matched sample's balance.
 */
export function matchingEstimates(
  frame: AnalysisFrame,
  defs: readonly OutcomeDef[],
  spec: CovariateSpec,
  setup: ModelSetup,
  ps: Propensity,
  opts: MatchingOptions,
): MethodEstimates & { summary: MatchingSummary } {
  const treated = Uint8Array.from(frame.numeric.visited!, (v) => (v === 1 ? 1 : 0));
  const exact = opts.exact.length
    ? Int32Array.from({ length: frame.n }, (_, i) => opts.exact.reduce((acc, name) => acc * 100003 + (frame.categorical[name]!.codes[i]! + 1), 0))
    : undefined;
  const match = nearestNeighborMatch({ logitPs: ps.logitPs, treated, caliperSd: opts.caliperSd, seed: opts.seed, ...(exact ? { exact } : {}) });
  const matched = Uint8Array.from(match.pairId, (p) => (p >= 0 ? 1 : 0));
  const sample = { method: 'matching', estimand: 'att_matched', rows: matched } as const;
  const estimates = byOutcome(defs, (def) => {
    const { estimate, fitted } = adjustedOutcome(frame, def, spec, sample, setup);
    if (fitted) estimate.alternative_se = pairClusteredSe(fitted, match.pairId);
    return estimate;
  });
  return {
    estimates,
    balance: sampleBalance(frame, spec, 'matched', Float64Array.from(matched)),
    summary: {
      caliper_sd: opts.caliperSd,
      caliper: finiteOrNone(match.caliper),
      exact: [...opts.exact],
      treated: treated.reduce((a, b) => a + b, 0),
      matched_treated: match.matchedTreated,
      matched_comparison: match.matchedComparison,
      dropped_by_caliper: match.droppedByCaliper,
      no_candidates: match.noCandidates,
      outside_support: match.outsideSupport,
    },
  };
}
