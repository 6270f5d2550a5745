/** WWC improvement index (WWC Procedures Handbook; METHODS.md §3). */
import { normalCdf } from './normal.js';

/** Improvement index 100·(Φ(es) − 0.5) in percentile points, sign flipped when lower is better so that favourable is positive; NaN in, NaN out. */
export function improvementIndex(effectSize: number, lowerIsBetter: boolean): number {
  const ii = 100 * (normalCdf(effectSize) - 0.5);
  if (ii === 0) return 0; // no −0
  return lowerIsBetter ? -ii : ii;
}
