/**
 * Satterthwaite degrees of freedom for the CR2 test of c′β, as clubSandwich's
 * coef_test / linear_contrast(test = "Satterthwaite"): df = (tr P)² / tr(P²) for the G×G matrix
 * (get_P_array)
 *     P_gh = δ_gh s_g − x_g′B x_h                               (inverse-variance forms: lm, glm)
 *     P_gh = δ_gh s_g + x_g′Ω x_h − x_g′B y_h − y_g′B x_h        (weighted lm, Ω = B X′W²X B)
 * where s_g, x_g, y_g come from each cluster's Cr2Block for b = B c (cr2-block.ts). For
 * working independence this is Bell & McCaffrey's (2002) df.
 *
 * Writing P = diag(s) + R with R = Wₓ T Wₓ′ (rows w_g = x_g or (x_g, y_g), T = −B or
 * [[Ω, −B], [−B, 0]]): tr P = Σ s + tr(T K), tr(P²) = Σ s² + 2 tr(T K_s) + tr((T K)²) with the
 * k×k Gram matrices K = Σ w_g w_g′ and K_s = Σ s_g w_g w_g′, so P is never formed when G is large.
 */
import { type Design, prepareDesign, weightedGram } from './design.js';
import type { GlmFit } from './glm.js';
import { prepareCr2 } from './cr2.js';
import { matMul, matVec } from './linalg.js';

/** Above this many clusters tr(P²) is computed through k×k matrices instead of the G×G matrix. */
const DIRECT_LIMIT = 400;

/**
 * Satterthwaite df of the CR2 Wald test of c′β (contrast over the kept coefficients, length
 * fit.p; for a fit with absorbed fixed effects, `groupContrast` adds c_γ′γ over its dense groups,
 * e.g. an AME's groupGradient). NaN when the contrast has zero CR2 variance or there are fewer than two clusters.
 */
export function satterthwaiteDf(fit: GlmFit, X: Design, cluster: Int32Array, contrast: Float64Array, groupContrast?: Float64Array): number {
  const p = fit.p;
  if (contrast.length !== p) throw new RangeError(`contrast has length ${contrast.length}, the fit has ${p} coefficients`);
  const prep = prepareCr2(fit, X, cluster);
  const B = fit.bread;
  const b = matVec(B, p, p, contrast);
  // Absorbed fixed effects: the contrast's part on the groups, b_f = c_f / M_f (the bread is diag(B̃, M⁻¹), cr2-absorbed.ts).
  const ab = fit.absorbed;
  const bGroup = ab !== undefined && groupContrast !== undefined ? groupContrast.map((c, f) => c / ab.groupWeight[f]!) : undefined;
  const G = prep.index.G;
  if (G < 2) return NaN;
  const Om = prep.omega;
  const k = Om === null ? p : 2 * p;
  // T (k×k): −B, or [[Ω, −B], [−B, 0]].
  const T = new Float64Array(k * k);
  for (let a = 0; a < p; a++) {
    for (let c = 0; c < p; c++) {
      if (Om === null) T[a * k + c] = -B[a * p + c]!;
      else {
        T[a * k + c] = Om[a * p + c]!;
        T[a * k + p + c] = -B[a * p + c]!;
        T[(p + a) * k + c] = -B[a * p + c]!;
      }
    }
  }
  const s = new Float64Array(G);
  const W: Float64Array[] = []; // w_g as full k-vectors
  prep.blocks.forEach((bl, g) => {
    const r = bl.contrast(b, bGroup);
    s[g] = r.s;
    const w = new Float64Array(k);
    for (let a = 0; a < bl.active.length; a++) {
      w[bl.active[a]!] = r.x[a]!;
      if (Om !== null) w[p + bl.active[a]!] = r.y![a]!;
    }
    W.push(w);
  });
  let trace = 0;
  let frob = 0;
  if (G <= DIRECT_LIMIT) {
    const TW = W.map((w) => matVec(T, k, k, w));
    for (let g = 0; g < G; g++) {
      const wg = W[g]!;
      for (let h = g; h < G; h++) {
        const th = TW[h]!;
        let m = 0;
        for (let a = 0; a < k; a++) m += wg[a]! * th[a]!;
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
    const wcols: Float64Array[] = [];
    for (let a = 0; a < k; a++) wcols.push(Float64Array.from(W, (w) => w[a]!));
    const V = prepareDesign({ n: G, names: wcols.map((_, a) => String(a)), columns: wcols });
    const all = wcols.map((_, a) => a);
    const K = weightedGram(V, all, null);
    const Ks = weightedGram(V, all, s);
    let sumS = 0;
    let sumS2 = 0;
    for (let g = 0; g < G; g++) {
      sumS += s[g]!;
      sumS2 += s[g]! * s[g]!;
    }
    const TK = matMul(T, K, k, k, k);
    let trTK = 0;
    let trTKs = 0;
    let trTK2 = 0;
    for (let a = 0; a < k; a++) {
      trTK += TK[a * k + a]!;
      for (let c = 0; c < k; c++) {
        trTKs += T[a * k + c]! * Ks[c * k + a]!;
        trTK2 += TK[a * k + c]! * TK[c * k + a]!;
      }
    }
    trace = sumS + trTK;
    frob = sumS2 + 2 * trTKs + trTK2;
  }
  if (!(frob > 0)) return NaN;
  return (trace * trace) / frob;
}
