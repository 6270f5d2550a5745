import type { Design, FixedEffects } from '../stats/regression/index.js';
import { addNote, note, type Note } from '../results/vocabulary.js';
import { modelEffect, type ModelEffect, type SeChoice } from './model-estimate.js';
import { fitNotes } from './fit-notes.js';

/** A model family of src/stats/regression. */
export type Family = 'gaussian' | 'binomial' | 'poisson';

/** The inputs of one outcome model: design, outcome, treatment and cluster per row, optional weights and the fixed effects to absorb. */
export interface ModelInputs {
  design: Design;
  y: Float64Array;
  t: Float64Array;
  cluster: Int32Array;
  weights?: Float64Array;
  fixedEffects?: FixedEffects | null;
}

/**
 * Fit the outcome model and return its treatment effect with the family that gave it. A logistic or
 * Poisson model that does not converge (e.g. separation) gives no trustworthy number, so the estimate then
 * comes from a linear (probability) model on the same design, noted `glm_fallback_linear`; a model that
 * cannot be fitted at all gives null, noted `model_not_estimable` (or `not_converged` for a linear one).
 */
export function fitWithFallback(family: Family, m: ModelInputs, se: SeChoice, notes: Note[]): { eff: ModelEffect; family: Family } | null {
  const fit = (f: Family) => modelEffect(f, m.design, m.y, m.t, m.cluster, se, m.weights, { fixedEffects: m.fixedEffects ?? null });
  let eff: ModelEffect;
  try {
    eff = fit(family);
  } catch {
    addNote(notes, note('model_not_estimable'));
    return null;
  }
  if (eff.converged) {
    for (const n of fitNotes(eff.warnings)) addNote(notes, n);
    return { eff, family };
  }
  if (family === 'gaussian') {
    addNote(notes, note('not_converged'));
    return null;
  }
  for (const n of fitNotes(eff.warnings.filter((w) => w.code !== 'not_converged'))) addNote(notes, n);
  try {
    const linear = fit('gaussian');
    addNote(notes, note('glm_fallback_linear', { model: family === 'binomial' ? 'logistic' : 'poisson' }));
    return { eff: linear, family: 'gaussian' };
  } catch {
    addNote(notes, note('model_not_estimable'));
    return null;
  }
}
