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
  const { design } = buildDesign(frame, spec);
  const fit = fitLogistic(design, frame.numeric.visited!);
  return { logitPs: fit.linearPredictor, ps: fit.fitted, covariates: design.columns.length - 1, converged: fit.converged, warnings: fitNotes(fit.warnings) };
}
