/** WWC baseline-equivalence bands (WWC Procedures Handbook v5.0; METHODS.md §3). */

/** 'satisfied' |es| ≤ 0.05; 'adjustment_required' 0.05 < |es| ≤ 0.25 (satisfied only if the covariate is adjusted for in the impact model); 'not_satisfied' |es| > 0.25; 'undefined' when the effect size is null, NaN or infinite. */
export type WwcBand = 'satisfied' | 'adjustment_required' | 'not_satisfied' | 'undefined';

/**
 * The WWC band of a baseline effect size (Hedges' g or Cox index), on |es| with closed upper
 * bounds: 0.05 → satisfied, 0.25 → adjustment_required, 0.2501 → not_satisfied. No rounding is
 * applied first: round the effect size yourself if the report compares rounded values.
 */
export function wwcBand(es: number | null | undefined): WwcBand {
  if (es === null || es === undefined || !Number.isFinite(es)) return 'undefined';
  const a = Math.abs(es);
  if (a <= 0.05) return 'satisfied';
  if (a <= 0.25) return 'adjustment_required';
  return 'not_satisfied';
}
