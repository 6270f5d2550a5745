import type { AnalysisFrame } from './analysis-frame.js';
import type { CovariateSpec } from './covariate-design.js';
import { buildDesign, withinDesign } from './covariate-design.js';
import type { OutcomeDef } from './outcomes.js';
import { olsBootstrapDraws } from '../stats/index.js';

/**
 * Seeded school-cluster bootstrap draws of the linear regression-adjusted visited − comparison difference of one
 * outcome (OLS with the covariates and school fixed effects; a linear probability model for a yes/no outcome):
 * schools are drawn with replacement `reps` times and the model refitted with those frequency weights. The
 * cost-effectiveness stage turns them into a percentile interval beside Fieller's.
 */
export function regressionBootstrapDraws(frame: AnalysisFrame, def: OutcomeDef, spec: CovariateSpec, reps: number, seed: number): Float64Array {
  const y = frame.numeric[def.outcome]!;
  const t = frame.numeric.visited!;
  const d = buildDesign(frame, spec, { rows: Uint8Array.from(y, (v) => (Number.isNaN(v) ? 0 : 1)), treatment: t });
  // the schools present in the model's rows, numbered 0..G − 1
  const school = frame.categorical.school_id!.codes;
  const dense = new Map<number, number>();
  const clusters = Int32Array.from(d.index, (i) => {
    const c = school[i]!;
    if (!dense.has(c)) dense.set(c, dense.size);
    return dense.get(c)!;
  });
  // school fixed effects swept out once: a school's bootstrap weight is constant within it, so every refit on the demeaned design is the fixed-effects refit
  return olsBootstrapDraws(withinDesign(d, clusters), Float64Array.from(d.index, (i) => y[i]!), clusters, 'treatment', reps, seed);
}
