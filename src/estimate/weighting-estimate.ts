import { attOddsWeights } from '../stats/matching/index.js';
import type { Results } from '../results/results-schema.js';
import type { AnalysisFrame } from './analysis-frame.js';
import type { CovariateSpec } from './covariate-design.js';
import type { OutcomeDef } from './outcomes.js';
import type { Propensity } from './propensity.js';
import { adjustedOutcome, byOutcome, type MethodEstimates, type ModelSetup } from './adjusted-outcome.js';
import { sampleBalance } from './balance-rows.js';
import { finiteOrNone } from './finite-or-null.js';

/** What weighting did (results.json `adjustment.weighting`). */
export type WeightingSummary = NonNullable<NonNullable<Results['adjustment']>['weighting']>;

/**
 * ATT odds weighting: visited students weight 1, comparison students ps/(1 − ps) normalised, with the
 * scores optionally truncated to [trim, 1 − trim]; then the weighted outcome regression with the covariates
 * (doubly robust) of every outcome, and the weighted sample's balance.
 */
export function weightingEstimates(
  frame: AnalysisFrame,
  defs: readonly OutcomeDef[],
  spec: CovariateSpec,
  setup: ModelSetup,
  ps: Propensity,
  trim: number | null,
): MethodEstimates & { summary: WeightingSummary } {
  const treated = Uint8Array.from(frame.numeric.visited!, (v) => (v === 1 ? 1 : 0));
  const w = attOddsWeights(ps.ps, treated, trim === null ? {} : { trimAt: trim });
  const sample = { method: 'weighting', estimand: 'att_weighted', rows: null, weights: w.weights } as const;
  return {
    estimates: byOutcome(defs, (def) => adjustedOutcome(frame, def, spec, sample, setup).estimate),
    balance: sampleBalance(frame, spec, 'weighted', w.weights),
    summary: { ess_treated: finiteOrNone(w.ess.treated), ess_comparison: finiteOrNone(w.ess.comparison), trimmed: w.trimmed, trim },
  };
}
