/**
 * Bell–McCaffrey / clubSandwich Satterthwaite degrees of freedom for the CR2 test of c'β under
 * working independence.
 *
 * With a_g = A_g Z_g B c, s_g = a_g'a_g and v_g = Z_g'a_g, the G×G matrix
 *     M_gh = δ_gh s_g − v_g' B v_h
 * equals G_g'G_h for G_g = (I − H)'_{·g} a_g (because (I − H)(I − H)' = I − H), and
 *     df = (tr M)² / tr(M²) = (Σ λ)² / Σ λ².
 * tr(M²) = Σ_g s_g² − 2 Σ_g s_g v_g'Bv_g + tr((B V V')²), so M is never formed when G is large.
 */
import type { Design } from './design.js';
import type { GlmFit } from './glm.js';
import { adjustedContrast, prepareCr2 } from './cr2.js';
import { matMul, matVec, quadForm } from './linalg.js';

/** Above this many clusters tr(M²) is computed through p×p matrices instead of the G×G matrix. */
const DIRECT_LIMIT = 400;

/**
 * Satterthwaite df of the CR2 Wald test of c'β (contrast over the kept coefficients, length
 * fit.p). NaN when the contrast has zero CR2 variance.
 */
export function satterthwaiteDf(fit: GlmFit, X: Design, cluster: Int32Array, contrast: Float64Array): number {
  const p = fit.p;
  if (contrast.length !== p) throw new RangeError(`contrast has length ${contrast.length}, the fit has ${p} coefficients`);
  const prep = prepareCr2(fit, X, cluster);
  const B = fit.bread;
  const b = matVec(B, p, p, contrast);
  const G = prep.index.G;
  const s = new Float64Array(G);
  const vs: Float64Array[] = [];
  const Bv: Float64Array[] = [];
  prep.clusters.forEach((cl, g) => {
    const r = adjustedContrast(cl, b);
    s[g] = r.s;
    const v = new Float64Array(p);
    for (let a = 0; a < cl.active.length; a++) v[cl.active[a]!] = r.v[a]!;
    vs.push(v);
    Bv.push(matVec(B, p, p, v));
  });
  let trace = 0;
  let frob = 0;
  if (G <= DIRECT_LIMIT) {
    for (let g = 0; g < G; g++) {
      for (let h = g; h < G; h++) {
        let m = 0;
        const vg = vs[g]!;
        const bh = Bv[h]!;
        for (let a = 0; a < p; a++) m -= vg[a]! * bh[a]!;
        if (g === h) {
          m += s[g]!;
          trace += m;
          frob += m * m;
        } else {
          frob += 2 * m * m;
        }
      }
    }
  } else {
    // tr M = Σ s_g − Σ v_g'Bv_g; tr(M²) = Σ s_g² − 2 Σ s_g v_g'Bv_g + tr((B P)²), P = Σ v_g v_g'.
    const Pm = new Float64Array(p * p);
    for (let g = 0; g < G; g++) {
      const v = vs[g]!;
      const q = quadForm(B, p, v);
      trace += s[g]! - q;
      frob += s[g]! * s[g]! - 2 * s[g]! * q;
      for (let a = 0; a < p; a++) {
        const va = v[a]!;
        if (va === 0) continue;
        for (let c = 0; c < p; c++) Pm[a * p + c]! += va * v[c]!;
      }
    }
    const BP = matMul(B, Pm, p, p, p);
    for (let a = 0; a < p; a++) for (let c = 0; c < p; c++) frob += BP[a * p + c]! * BP[c * p + a]!;
  }
  if (!(frob > 0)) return NaN;
  return (trace * trace) / frob;
}
