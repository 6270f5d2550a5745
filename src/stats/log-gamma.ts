/**
 * Log-gamma and log-beta for positive arguments, accurate to about 1e-14 absolute.
 *
 * Stirling's series with the remainder ("lgammacor") summed to the x⁻¹³ term for x ≥ 10, upward
 * recurrence below 10; log-beta follows R's `lbeta`, which cancels the large Stirling terms
 * analytically so that, e.g., lbeta(5e6, 0.5) keeps its precision.
 */

const LN_SQRT_2PI = 0.9189385332046727417803297364056176;

/** Stirling remainder lgamma(x) − [(x − ½)ln x − x + ln√(2π)] for x ≥ 10 (Bernoulli-number series). */
function stirlingRemainder(x: number): number {
  const x2 = 1 / (x * x);
  // B_{2k} / (2k(2k−1) x^{2k−1}), k = 1..7.
  return (
    (1 / 12 -
      x2 * (1 / 360 - x2 * (1 / 1260 - x2 * (1 / 1680 - x2 * (1 / 1188 - x2 * (691 / 360360 - x2 / 156)))))) /
    x
  );
}

/** Natural log of the gamma function for x > 0 (NaN for x ≤ 0 or NaN). */
export function logGamma(x: number): number {
  if (!(x > 0)) return NaN;
  if (x === Infinity) return Infinity;
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + LN_SQRT_2PI + stirlingRemainder(x);
  // Γ(x) = Γ(x + k) / (x (x+1) … (x+k−1)), shifting up to ≥ 10.
  let prod = 1;
  let y = x;
  while (y < 10) {
    prod *= y;
    y += 1;
  }
  return (y - 0.5) * Math.log(y) - y + LN_SQRT_2PI + stirlingRemainder(y) - Math.log(prod);
}

/** Natural log of the beta function B(a, b) for a, b > 0, as R's `lbeta`. */
export function logBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) return NaN;
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (q === Infinity) return -Infinity;
  if (p >= 10) {
    const corr = stirlingRemainder(p) + stirlingRemainder(q) - stirlingRemainder(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + corr + (p - 0.5) * Math.log(p / (p + q)) + q * Math.log1p(-p / (p + q));
  }
  if (q >= 10) {
    const corr = stirlingRemainder(q) - stirlingRemainder(p + q);
    return logGamma(p) + corr + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-p / (p + q));
  }
  return logGamma(p) + logGamma(q) - logGamma(p + q);
}
