import type { AnalysisFrame } from './analysis-frame.js';
import type { OutcomeDef } from './outcomes.js';
import type { CovariateSpec } from './covariate-design.js';
import type { NotEvaluated } from '../results/results-schema.js';

/** The outcome domains a pipeline run cannot evaluate because their extract was not given. */
export function missingExtractDomains(has: { discipline: boolean; assessments: boolean }): NotEvaluated[] {
  const out: NotEvaluated[] = [];
  if (!has.discipline) out.push({ domain: 'behavior', outcome: null, label: null, reason: 'no_discipline_extract' });
  if (!has.assessments) out.push({ domain: 'achievement', outcome: null, label: null, reason: 'no_assessments_extract' });
  return out;
}

const observed = (v: Float64Array | undefined) => !!v && v.some((x) => !Number.isNaN(x));

/**
 * Keep the outcomes and numeric covariates that have a value for at least one row of the frame: an outcome
 * with none is listed as not evaluated (never estimated, so never "suppressed"), and a covariate with none
 * carries no information and is left out of the models and the balance table.
 */
export function keepObserved(frame: AnalysisFrame, defs: readonly OutcomeDef[], spec: CovariateSpec): { defs: OutcomeDef[]; spec: CovariateSpec; notEvaluated: NotEvaluated[] } {
  const kept = defs.filter((d) => observed(frame.numeric[d.outcome]));
  const notEvaluated = defs
    .filter((d) => !kept.includes(d))
    .map((d): NotEvaluated => ({ domain: d.domain, outcome: d.outcome, label: d.label, reason: 'no_outcome_values' }));
  return { defs: kept, spec: { ...spec, numeric: spec.numeric.filter((c) => observed(frame.numeric[c])) }, notEvaluated };
}
