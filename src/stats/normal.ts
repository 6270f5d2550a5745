/**
 * Standard normal distribution: CDF and quantile, accurate to about 1e-15 relative in both tails.
 *
 * The CDF uses the Chebyshev approximation of erfc from Numerical Recipes (3rd ed., §6.2.2,
 * `Erf::erfccheb`), evaluated directly for the upper tail so small tail probabilities keep their
 * relative precision (a plain `1 − erf` loses them). The quantile is Wichura's AS 241 (PPND16),
 * good to about 1e-16.
 */

/** Chebyshev coefficients of erfc (Numerical Recipes 3rd ed., `Erf::cof`). */
const ERFC_COF = [
  -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3,
  -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5,
  -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9,
  5.059343495e-9, -9.91364156e-10, -2.27365122e-10, 9.6467911e-11, 2.394038e-12,
  -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15,
  -9.4e-17, 1.21e-16, -2.8e-17,
] as const;

/** Upper-tail probability Q(z) = 1 − Φ(z) for z ≥ 0, with full relative precision. */
function upperTail(z: number): number {
  const x = z / Math.SQRT2;
  const t = 2 / (2 + x);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = ERFC_COF.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + ERFC_COF[j]!;
    dd = tmp;
  }
  // exp(−z²/2) with z split as zr + (z − zr) so the large exponent is formed exactly (as R's pnorm).
  const zr = Math.trunc(z * 16) / 16;
  const del = (z - zr) * (z + zr);
  return 0.5 * t * Math.exp((-zr * zr) / 2) * Math.exp(-del / 2 + 0.5 * (ERFC_COF[0] + ty * d) - dd);
}

/** Standard normal cumulative distribution function Φ(z). */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  return z < 0 ? upperTail(-z) : 1 - upperTail(z);
}

/** Standard normal quantile Φ⁻¹(p) (Wichura 1988, AS 241); ±Infinity at p = 1 / 0, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    const num =
      (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r + 6.7265770927008700853e4) * r +
        4.5921953931549871457e4) * r + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r +
        1.3314166789178437745e2) * r + 3.387132872796366608) * q;
    const den =
      ((((((5.226495278852854561e3 * r + 2.8729085735721942674e4) * r + 3.9307895800092710610e4) * r +
        2.1213794301586595867e4) * r + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r +
        4.2313330701600911252e1) * r + 1;
    return num / den;
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    const num =
      ((((((7.7454501427834140764e-4 * r + 2.2723844989269184583e-2) * r + 2.4178072517745061177e-1) * r +
        1.2704582524523683826) * r + 3.64784832476320460504) * r + 5.769497221460691405) * r +
        4.6303378461565452959) * r + 1.4234371107496835773;
    const den =
      ((((((1.0507500716444168432e-9 * r + 5.475938084995344946e-4) * r + 1.5198666563616457197e-2) * r +
        1.4810397642748007459e-1) * r + 6.8976733498510000455e-1) * r + 1.6763848301838038494) * r +
        2.0531916266377588219) * r + 1;
    x = num / den;
  } else {
    r -= 5;
    const num =
      ((((((2.0103343992922881327e-7 * r + 2.7115555687434875782e-5) * r + 1.2426609473880784386e-3) * r +
        2.6532189526576123093e-2) * r + 2.9656057182850489123e-1) * r + 1.7848265399172913358) * r +
        5.4637849111641143699) * r + 6.6579046435011037772;
    const den =
      ((((((2.0442631033899397856e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
        7.868691311456132591e-4) * r + 1.4875361290850614852e-2) * r + 1.3692988092273580531e-1) * r +
        5.9983220655588793769e-1) * r + 1;
    x = num / den;
  }
  return q < 0 ? -x : x;
}
