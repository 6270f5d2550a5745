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
import { type Design, prepareDesign, weightedGram } from './design.js';
import type { GlmFit } from './glm.js';
import { adjustedContrast, prepareCr2 } from './cr2.js';
import { matMul, matVec } from './linalg.js';

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
  if (G < 2) return NaN;
  const s = new Float64Array(G);
  const vs: Float64Array[] = []; // v_g on the cluster's active columns
  prep.clusters.forEach((cl, g) => {
    const r = adjustedContrast(cl, b);
    s[g] = r.s;
    vs.push(r.v);
  });
  let trace = 0;
  let frob = 0;
  if (G <= DIRECT_LIMIT) {
    // M_gh = δ_gh s_g − v_g'B v_h, summed directly.
    const Bv: Float64Array[] = prep.clusters.map((cl, g) => {
      const v = vs[g]!;
      const out = new Float64Array(p);
      for (let k = 0; k < cl.active.length; k++) {
        const vk = v[k]!;
        if (vk === 0) continue;
        const ro = cl.active[k]! * p;
        for (let a = 0; a < p; a++) out[a]! += B[ro + a]! * vk;
      }
      return out;
    });
    for (let g = 0; g < G; g++) {
      const act = prep.clusters[g]!.active;
      const vg = vs[g]!;
      for (let h = g; h < G; h++) {
        const bh = Bv[h]!;
        let m = 0;
        for (let k = 0; k < act.length; k++) m -= vg[k]! * bh[act[k]!]!;
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
    // With V = [v_1 … v_G] (p×G), P = V V' and P_s = V diag(s) V':
    //   tr M = Σ s_g − tr(B P),  tr(M²) = Σ s_g² − 2 tr(B P_s) + tr((B P)²),
    // where P and P_s are Gram matrices of the p rows of V (sparse rows stay cheap).
    const vcols: Float64Array[] = [];
    for (let a = 0; a < p; a++) vcols.push(new Float64Array(G));
    prep.clusters.forEach((cl, g) => {
      const v = vs[g]!;
      for (let k = 0; k < cl.active.length; k++) vcols[cl.active[k]!]![g] = v[k]!;
    });
    const V = prepareDesign({ n: G, names: vcols.map((_, a) => String(a)), columns: vcols });
    const all = vcols.map((_, a) => a);
    const Pm = weightedGram(V, all, null);
    const Ps = weightedGram(V, all, s);
    let sumS = 0;
    let sumS2 = 0;
    for (let g = 0; g < G; g++) {
      sumS += s[g]!;
      sumS2 += s[g]! * s[g]!;
    }
    const BP = matMul(B, Pm, p, p, p);
    let trBP = 0;
    let trBPs = 0;
    let trBP2 = 0;
    for (let a = 0; a < p; a++) {
      trBP += BP[a * p + a]!;
      for (let c = 0; c < p; c++) {
        trBPs += B[a * p + c]! * Ps[c * p + a]!;
        trBP2 += BP[a * p + c]! * BP[c * p + a]!;
      }
    }
    trace = sumS - trBP;
    frob = sumS2 - 2 * trBPs + trBP2;
  }
  if (!(frob > 0)) return NaN;
  return (trace * trace) / frob;
}
