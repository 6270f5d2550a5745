/**
 * CR2 blocks for a weighted lm as clubSandwich's vcovCR.lm default for weighted fits
 * (inverse_var = FALSE, target = I: the weights are not taken as inverse variances):
 *     A_g = G_g^{+1/2},  G_g = [(I − H_X)(I − H_X)′]_gg = I − H_gg − H_gg′ + X̃ Ω̃ X̃′,
 * with H_gg = X̃ B̃ X̃′ W_g (not symmetric), B = (X′WX)^{-1}, Ω = B (X′W²X) B (all rows), and
 * the adjusted score X̃′W_g A_g r_g (r = y − ŷ). Pustejovsky & Tipton (2018), eq. for a general
 * working model Φ = I.
 *
 * G_g = I + V T V′ with V = [X̃, W X̃] (n_g × 2q) and T = [[Ω̃, −B̃], [−B̃, 0]], so with the
 * Gram matrix C_V = V′V = E_c Λ_c E_c′ and the eigendecomposition C_V^{1/2} T C_V^{1/2} = E Λ E′,
 *     A_g = I + V Q V′,  Q = C_V^{+1/2} E diag(f) E′ C_V^{+1/2},  f = (1 + λ)^{-1/2} − 1
 * (f = −1, the pseudo-inverse, when 1 + λ ≤ SINGULAR_TOL: a cluster absorbed by its own fixed
 * effect). Only q×q cross-products of the cluster enter: C0 = X̃′X̃, C1 = X̃′WX̃, C2 = X̃′W²X̃.
 * Clusters with n_g ≤ 2q form G_g (n_g×n_g) and take its eigendecomposition instead.
 */
import { type Cr2Block, cr2Block, symMatVec } from './cr2-block.js';
import { SINGULAR_TOL } from './cr2-hat.js';
import { columnsOf, columnsSandwich, columnsTimes, crossprod } from './cluster-columns.js';
import { denseGram } from './design.js';
import { matMul, mirrorUpper, principalSubmatrix, symmetricEigen, symmetricFunction } from './linalg.js';

/** Eigenvalues of C_V below this fraction of the largest are treated as 0 (V rank-deficient). */
const GRAM_ZERO = 1e-13;

/**
 * One cluster's block from its raw X̃ (q columns of length n_g, column-major), prior weights w,
 * residuals r = y − ŷ, the bread B and Ω = B X′W²X B (both p×p).
 */
export function weightedBlock(
  B: Float64Array,
  Omega: Float64Array,
  p: number,
  rows: Int32Array,
  active: Int32Array,
  Xc: Float64Array,
  w: Float64Array,
  r: Float64Array,
): Cr2Block {
  const ng = rows.length;
  const q = active.length;
  const cols = columnsOf(Xc, ng, q);
  if (ng <= 2 * q) return denseBlock(B, Omega, p, rows, active, cols, w, r);
  const w2 = w.map((v) => v * v);
  const C0 = mirrorUpper(denseGram(cols, null, ng), q);
  const C1 = mirrorUpper(denseGram(cols, w, ng), q);
  const C2 = mirrorUpper(denseGram(cols, w2, ng), q);
  const xr = crossprod(cols, ng, r);
  const psi = crossprod(cols, ng, r, w);
  const q2 = 2 * q;
  const CV = new Float64Array(q2 * q2);
  const T = new Float64Array(q2 * q2);
  for (let a = 0; a < q; a++) {
    for (let b = 0; b < q; b++) {
      CV[a * q2 + b] = C0[a * q + b]!;
      CV[a * q2 + q + b] = C1[a * q + b]!;
      CV[(q + a) * q2 + b] = C1[a * q + b]!;
      CV[(q + a) * q2 + q + b] = C2[a * q + b]!;
      const Bab = B[active[a]! * p + active[b]!]!;
      T[a * q2 + b] = Omega[active[a]! * p + active[b]!]!;
      T[a * q2 + q + b] = -Bab;
      T[(q + a) * q2 + b] = -Bab;
    }
  }
  const ec = symmetricEigen(CV, q2);
  let cmax = 0;
  for (let e = 0; e < q2; e++) cmax = Math.max(cmax, ec.values[e]!);
  const half = new Float64Array(q2 * q2);
  const ihalf = new Float64Array(q2 * q2);
  for (let e = 0; e < q2; e++) {
    const mu = ec.values[e]!;
    if (!(mu > GRAM_ZERO * cmax)) continue;
    const sq = Math.sqrt(mu);
    for (let i = 0; i < q2; i++) {
      const vi = ec.vectors[i * q2 + e]!;
      if (vi === 0) continue;
      for (let j = 0; j < q2; j++) {
        const vv = vi * ec.vectors[j * q2 + e]!;
        half[i * q2 + j]! += sq * vv;
        ihalf[i * q2 + j]! += vv / sq;
      }
    }
  }
  const K = matMul(matMul(half, T, q2, q2, q2), half, q2, q2, q2);
  const ek = symmetricEigen(K, q2);
  let singular = 0;
  const mid = symmetricFunction(ek.values, ek.vectors, q2, (lam) => {
    if (1 + lam > SINGULAR_TOL) return 1 / Math.sqrt(1 + lam) - 1;
    singular++;
    return -1;
  });
  const Q = matMul(matMul(ihalf, mid, q2, q2, q2), ihalf, q2, q2, q2);
  // [C1, C2] κ and [C0, C1] κ for a 2q-vector κ.
  const right = (kap: Float64Array, A1: Float64Array, A2: Float64Array): Float64Array => {
    const out = new Float64Array(q);
    for (let a = 0; a < q; a++) {
      let s = 0;
      for (let b = 0; b < q; b++) s += A1[a * q + b]! * kap[b]! + A2[a * q + b]! * kap[q + b]!;
      out[a] = s;
    }
    return out;
  };
  const vr = new Float64Array(q2);
  vr.set(xr, 0);
  vr.set(psi, q);
  const adj = right(symMatVec(Q, q2, vr), C1, C2);
  const score = psi.map((v, a) => v + adj[a]!);
  return cr2Block(rows, active, score, singular, (bt) => {
    const c1b = symMatVec(C1, q, bt);
    const c2b = symMatVec(C2, q, bt);
    const tau = new Float64Array(q2);
    tau.set(c1b, 0);
    tau.set(c2b, q);
    const kap = symMatVec(Q, q2, tau);
    const cvk = symMatVec(CV, q2, kap);
    let s = 0;
    for (let a = 0; a < q; a++) s += bt[a]! * c2b[a]!;
    for (let i = 0; i < q2; i++) s += 2 * tau[i]! * kap[i]! + kap[i]! * cvk[i]!;
    const xa = right(kap, C0, C1);
    const ya = right(kap, C1, C2);
    return { s, x: c1b.map((v, a) => v + xa[a]!), y: c2b.map((v, a) => v + ya[a]!) };
  });
}

/** Small clusters: G_g = I − H − H′ + X̃Ω̃X̃′ formed densely, A_g = G_g^{+1/2}. */
function denseBlock(
  B: Float64Array,
  Omega: Float64Array,
  p: number,
  rows: Int32Array,
  active: Int32Array,
  cols: Float64Array[],
  w: Float64Array,
  r: Float64Array,
): Cr2Block {
  const ng = rows.length;
  // H_kl = (X̃B̃X̃′)_kl w_l, so (H + H′)_kl = (X̃B̃X̃′)_kl (w_l + w_k)
  const G = columnsSandwich(cols, ng, principalSubmatrix(B, p, active));
  const XOX = columnsSandwich(cols, ng, principalSubmatrix(Omega, p, active));
  for (let k = 0; k < ng; k++) {
    for (let l = 0; l < ng; l++) G[k * ng + l] = (k === l ? 1 : 0) - G[k * ng + l]! * (w[l]! + w[k]!) + XOX[k * ng + l]!;
  }
  const { values, vectors } = symmetricEigen(G, ng);
  let singular = 0;
  const A = symmetricFunction(values, vectors, ng, (lam) => {
    if (lam > SINGULAR_TOL) return 1 / Math.sqrt(lam);
    singular++;
    return 0;
  });
  const score = crossprod(cols, ng, symMatVec(A, ng, r), w);
  return cr2Block(rows, active, score, singular, (bt) => {
    const a = symMatVec(A, ng, columnsTimes(cols, ng, bt).map((v, k) => w[k]! * v));
    let s = 0;
    for (let k = 0; k < ng; k++) s += a[k]! * a[k]!;
    return { s, x: crossprod(cols, ng, a), y: crossprod(cols, ng, a, w) };
  });
}
