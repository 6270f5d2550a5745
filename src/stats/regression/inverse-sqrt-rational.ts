/**
 * A rational approximation r(λ) = Σ_j c_j / (λ + σ_j) of λ^{-1/2} on an interval [m, M], so
 * that S^{-1/2} v = Σ_j c_j (S + σ_j I)^{-1} v for a symmetric S with spectrum in [m, M]
 * (each resolvent of a diagonal-plus-low-rank S is a Woodbury solve).
 *
 * Nodes: Hale, Higham & Trefethen (2008), "Computing A^α, log(A), and related matrix functions
 * by contour integrals", SIAM J. Numer. Anal. 46, method 3: S^{-1/2} = (2/π)∫_0^∞ (t² + S)^{-1} dt
 * with t = √m · sc(u | k'²), k'² = 1 − m/M, and the midpoint rule in u on [0, K(k'²)]:
 *   σ_j = m sc²(u_j),  c_j = (2 K √m / (π N)) dn(u_j) / cn²(u_j),  u_j = (j − ½) K / N.
 * The error decreases like exp(−c N / log(M/m)); N is raised until the scalar relative error,
 * checked on a fine log grid of [m, M], is below `tol`.
 */

export interface RationalInvSqrt {
  /** Shifts σ_j > 0. */
  shifts: Float64Array;
  /** Weights c_j > 0. */
  weights: Float64Array;
  /** Largest |r(λ)√λ − 1| found on the check grid. */
  error: number;
}

/**
 * Complete elliptic integral of the first kind K(m) (parameter m = k², 0 ≤ m < 1), by the AGM;
 * m1 = 1 − m may be given exactly when m is close to 1.
 */
export function ellipticK(m: number, m1: number = 1 - m): number {
  let a = 1;
  let b = Math.sqrt(m1);
  for (let i = 0; i < 60 && Math.abs(a - b) > 1e-16 * a; i++) {
    const a1 = 0.5 * (a + b);
    b = Math.sqrt(a * b);
    a = a1;
  }
  return Math.PI / (2 * a);
}

/**
 * Jacobi elliptic functions sn, cn, dn of real u with parameter m (0 ≤ m < 1), by descending
 * Landen (A&S 16.4); m1 = 1 − m may be given exactly.
 */
export function jacobiSnCnDn(u: number, m: number, m1: number = 1 - m): { sn: number; cn: number; dn: number } {
  if (m < 1e-300) return { sn: Math.sin(u), cn: Math.cos(u), dn: 1 };
  const a: number[] = [1];
  const c: number[] = [Math.sqrt(m)];
  let b = Math.sqrt(m1);
  let n = 0;
  while (Math.abs(c[n]!) > 1e-16 * a[n]! && n < 60) {
    const an = a[n]!;
    a.push(0.5 * (an + b));
    c.push(0.5 * (an - b));
    b = Math.sqrt(an * b);
    n++;
  }
  let phi = 2 ** n * a[n]! * u;
  let phiPrev = phi;
  for (let k = n; k >= 1; k--) {
    phiPrev = phi;
    phi = 0.5 * (phi + Math.asin((c[k]! / a[k]!) * Math.sin(phi)));
  }
  const sn = Math.sin(phi);
  const cn = Math.cos(phi);
  const dn = n === 0 ? 1 : cn / Math.cos(phiPrev - phi);
  return { sn, cn, dn };
}

function nodes(m: number, M: number, N: number): { shifts: Float64Array; weights: Float64Array } {
  const shifts = new Float64Array(N);
  const weights = new Float64Array(N);
  const m1 = m / M; // 1 − k'², exact
  const mp = 1 - m1; // k'²
  const K = ellipticK(mp, m1);
  const scale = (2 * K * Math.sqrt(m)) / (Math.PI * N);
  for (let j = 0; j < N; j++) {
    const u = ((j + 0.5) * K) / N;
    let sc: number;
    let dnOverCn2: number;
    if (u <= 0.5 * K) {
      const { sn, cn, dn } = jacobiSnCnDn(u, mp, m1);
      sc = sn / cn;
      dnOverCn2 = dn / (cn * cn);
    } else {
      // Near K, cn → 0: use v = K − u, sn(u) = cd(v), cn(u) = √m1 sd(v), dn(u) = √m1 nd(v).
      const { sn, cn, dn } = jacobiSnCnDn(K - u, mp, m1);
      const r1 = Math.sqrt(m1);
      sc = cn / (r1 * sn);
      dnOverCn2 = dn / (r1 * sn * sn);
    }
    shifts[j] = m * sc * sc;
    weights[j] = scale * dnOverCn2;
  }
  return { shifts, weights };
}

/** Evaluates r(λ) = Σ c_j / (λ + σ_j). */
export function evalRational(r: { shifts: Float64Array; weights: Float64Array }, lambda: number): number {
  let s = 0;
  for (let j = 0; j < r.shifts.length; j++) s += r.weights[j]! / (lambda + r.shifts[j]!);
  return s;
}

function maxError(r: { shifts: Float64Array; weights: Float64Array }, m: number, M: number): number {
  const points = 400;
  const lm = Math.log(m);
  const span = Math.log(M) - lm;
  let worst = 0;
  for (let k = 0; k <= points; k++) {
    const lam = Math.exp(lm + (span * k) / points);
    worst = Math.max(worst, Math.abs(evalRational(r, lam) * Math.sqrt(lam) - 1));
  }
  return worst;
}

const cache = new Map<string, RationalInvSqrt>();

/**
 * Shifts and weights of a rational approximation of λ^{-1/2} with relative error ≤ tol on
 * [m, M] (0 < m ≤ M). The interval is rounded outward to powers of 2^{1/4} so that results
 * can be cached; at most maxNodes nodes are used (the error is then reported, not thrown).
 */
export function rationalInvSqrt(m: number, M: number, tol = 1e-13, maxNodes = 160): RationalInvSqrt {
  if (!(m > 0) || !(M >= m) || !Number.isFinite(M)) throw new RangeError(`rationalInvSqrt: need 0 < m ≤ M, got ${m}, ${M}`);
  const q = 4;
  const lo = 2 ** (Math.floor(q * Math.log2(m)) / q);
  const hi = 2 ** (Math.ceil(q * Math.log2(M)) / q);
  const key = `${lo}|${hi}|${tol}|${maxNodes}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let best: RationalInvSqrt | null = null;
  for (let N = 4; N <= maxNodes; N += N < 32 ? 4 : 8) {
    const r = nodes(lo, hi, N);
    const error = maxError(r, lo, hi);
    best = { ...r, error };
    if (error <= tol) break;
  }
  cache.set(key, best!);
  return best!;
}
