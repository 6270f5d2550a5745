/** Upper tail of the F distribution, for the omnibus test of a Knapp–Hartung meta-regression. */
import { regularizedIncompleteBeta } from '../incomplete-beta.js';

/** P(F(d1, d2) > f) = I_{d2/(d2 + d1 f)}(d2/2, d1/2); NaN for invalid arguments. */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const x = d2 / (d2 + d1 * f);
  const y = (d1 * f) / (d2 + d1 * f);
  return regularizedIncompleteBeta(x, d2 / 2, d1 / 2, y);
}
