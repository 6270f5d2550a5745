import type { Estimate, OutcomeResult } from './results-schema.js';

/** The order in which methods are tried for a headline; the same for every outcome. */
export const HEADLINE_METHOD_ORDER: readonly Estimate['method'][] = ['regression', 'matching', 'weighting', 'unadjusted'];

/**
 * The one headline rule, for every outcome, in the report and the figure pack: the first method of
 * HEADLINE_METHOD_ORDER whose estimate meets the WWC baseline-equivalence standard (with reservations). When no
 * estimate could be assessed (no baseline measure), the first method with an estimate, marked not assessed.
 * An outcome where baseline equivalence was assessed and no estimate meets it has no headline.
 */
export function headlineEstimate(o: OutcomeResult): { estimate: Estimate; baseline: 'meets' | 'not_assessed' } | null {
  const usable = HEADLINE_METHOD_ORDER.flatMap((m) => o.estimates.filter((x) => x.method === m && !x.suppressed && x.estimate !== null && x.ci_low !== null && x.ci_high !== null && x.p_value !== null));
  const meets = usable.find((e) => e.baseline?.verdict === 'meets_with_reservations');
  if (meets) return { estimate: meets, baseline: 'meets' };
  if (usable.length && usable.every((e) => !e.baseline || e.baseline.verdict === 'not_assessed')) return { estimate: usable[0]!, baseline: 'not_assessed' };
  return null;
}

/** The estimate a headline uses (headlineEstimate), or null. */
export function preferredEstimate(o: OutcomeResult): Estimate | null {
  return headlineEstimate(o)?.estimate ?? null;
}
