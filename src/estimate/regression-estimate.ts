import type { AnalysisFrame } from './analysis-frame.js';
import type { CovariateSpec } from './covariate-design.js';
import type { OutcomeDef } from './outcomes.js';
import { adjustedOutcome, byOutcome, type MethodEstimates, type ModelSetup } from './adjusted-outcome.js';
import { sampleBalance } from './balance-rows.js';

/** Regression adjustment of every outcome in the whole analytic sample, and that sample's covariate balance (before any adjustment). */
export function regressionEstimates(frame: AnalysisFrame, defs: readonly OutcomeDef[], spec: CovariateSpec, setup: ModelSetup): MethodEstimates {
  const sample = { method: 'regression', estimand: 'att_regression', rows: null } as const;
  return {
    estimates: byOutcome(defs, (def) => adjustedOutcome(frame, def, spec, sample, setup).estimate),
    balance: sampleBalance(frame, spec, 'analytic'),
  };
}
