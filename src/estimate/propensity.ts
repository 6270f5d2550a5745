import { fitLogistic } from '../stats/regression/index.js';
import type { Note } from '../results/vocabulary.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { buildDesign, type CovariateSpec } from './covariate-design.js';
import { fitNotes } from './fit-notes.js';

/** A fitted propensity score model: logit(ps) and ps per frame row, and how the fit went. */
export interface Propensity {
  logitPs: Float64Array;
  ps: Float64Array;
  /** model columns besides the intercept */
  covariates: number;
  converged: boolean;
  warnings: Note[];
}

/** The propensity score model: a logistic regression of being visited on the baseline covariates and school (fixed effects). */
export function fitPropensity(frame: AnalysisFrame, spec: CovariateSpec): Propensity {
  const { design, fixedEffects, info } = buildDesign(frame, spec);
  // the absorbed fixed effects count as the columns a dummy coding would have made
  const absorbed = info.filter((c) => c.kind === 'fixed_effects').reduce((a, c) => a + c.columns, 0);
  const fit = fitLogistic(design, frame.numeric.visited!, fixedEffects ? { absorb: fixedEffects } : {});
  return { logitPs: fit.linearPredictor, ps: fit.fitted, covariates: design.columns.length - 1 + absorbed, converged: fit.converged, warnings: fitNotes(fit.warnings) };
}
