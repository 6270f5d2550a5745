/**
 * CR2 blocks when the working variance is proportional to the inverse of the regression weights
 * within every cluster (an unweighted or equally weighted lm): A_g = (I − H_gg)^{+1/2} with
 * H_gg = Z̃ B̃ Z̃′, Z̃ = W^{1/2} X̃, clubSandwich's vcovCR.lm with inverse_var = TRUE.
 *
 * Low rank (n_g > q): with U = Z̃ L V Λ^{-1/2} orthonormal (cr2-hat.ts),
 *     A_g = I + U diag(f) U′ = I + Z̃ Q Z̃′,  f = (1 − λ)^{-1/2} − 1,  Q = L V diag(f/λ) V′ L′,
 * so that with C = Z̃′Z̃
 *     Z̃′A_g r = (I + C Q) Z̃′r,   a = A_g Z̃ b:  a′a = b′Cb + 2u′Qu + u′QCQu,  Z̃′a = u + CQu,  u = Cb.
 * Small clusters (n_g ≤ q) use the n_g×n_g matrices directly. Directions with 1 − λ ≤ SINGULAR_TOL
 * (a cluster absorbed by its own fixed effect) get the pseudo-inverse square root 0, as
 * clubSandwich's matrix_power does.
 */
import { type Cr2Block, gatherActive, symMatVec } from './cr2-block.js';
import { EIG_ZERO, SINGULAR_TOL, hatSpectrum, lv } from './cr2-hat.js';
import { symmetricEigen } from './linalg.js';

/**
 * One cluster's block from its Z̃ (q columns of length n_g, column-major) and the rescaled
 * residuals rt_k = s_k / √w_k (score multiplier over the square root of the working weight).
 */
export function unweightedBlock(B: Float64Array, p: number, rows: Int32Array, active0: Int32Array, Zc: Float64Array, rt: Float64Array): Cr2Block {
  const ng = rows.length;
  if (ng > active0.length) return lowRank(B, p, rows, active0, Zc, rt);
  return dense(B, p, rows, active0, Zc, rt);
}

function lowRank(B: Float64Array, p: number, rows: Int32Array, active0: Int32Array, Zc: Float64Array, rt: Float64Array): Cr2Block {
  const ng = rows.length;
  const h = hatSpectrum(B, p, active0, Zc, ng);
  const { q, C, active } = h;
  const Q = new Float64Array(q * q);
  let singular = 0;
  for (let e = 0; e < q; e++) {
    const lam = h.values[e]!;
    if (!(lam > EIG_ZERO)) continue;
    let f: number;
    if (1 - lam > SINGULAR_TOL) f = 1 / Math.sqrt(1 - lam) - 1;
    else {
      f = -1;
      singular++;
    }
    const coef = f / lam;
    const l = lv(h, e);
    for (let a = 0; a < q; a++) {
      const ca = coef * l[a]!;
      if (ca === 0) continue;
      for (let b = 0; b < q; b++) Q[a * q + b]! += ca * l[b]!;
    }
  }
  const psi = new Float64Array(q);
  for (let a = 0; a < q; a++) {
    const z = h.cols[a]!;
    let s = 0;
    for (let k = 0; k < ng; k++) s += z[k]! * rt[k]!;
    psi[a] = s;
  }
  const CQpsi = symMatVec(C, q, symMatVec(Q, q, psi));
  const score = psi.map((v, a) => v + CQpsi[a]!);
  return {
    rows,
    active,
    score,
    singular,
    contrast(bFull) {
      const bt = gatherActive(bFull, active);
      const u = symMatVec(C, q, bt);
      const Qu = symMatVec(Q, q, u);
      const CQu = symMatVec(C, q, Qu);
      let s = 0;
      for (let a = 0; a < q; a++) s += bt[a]! * u[a]! + 2 * u[a]! * Qu[a]! + Qu[a]! * CQu[a]!;
      const x = new Float64Array(q);
      for (let a = 0; a < q; a++) x[a] = u[a]! + CQu[a]!;
      return { s, x, y: null };
    },
  };
}

function dense(B: Float64Array, p: number, rows: Int32Array, active: Int32Array, Zc: Float64Array, rt: Float64Array): Cr2Block {
  // Z (n_g×q row-major), H = Z B̃ Z′, A = (I − H)^{+1/2}.
  const ng = rows.length;
  const q = active.length;
  const Z = new Float64Array(ng * q);
  for (let k = 0; k < ng; k++) for (let a = 0; a < q; a++) Z[k * q + a] = Zc[a * ng + k]!;
  const ZB = new Float64Array(ng * q);
  for (let a = 0; a < q; a++) {
    const ro = active[a]! * p;
    for (let k = 0; k < ng; k++) {
      const z = Z[k * q + a]!;
      if (z === 0) continue;
      const o = k * q;
      for (let b = 0; b < q; b++) ZB[o + b]! += z * B[ro + active[b]!]!;
    }
  }
  const H = new Float64Array(ng * ng);
  for (let k = 0; k < ng; k++) {
    for (let l = k; l < ng; l++) {
      let s = 0;
      for (let a = 0; a < q; a++) s += ZB[k * q + a]! * Z[l * q + a]!;
      H[k * ng + l] = s;
      H[l * ng + k] = s;
    }
  }
  const { values, vectors } = symmetricEigen(H, ng);
  const A = new Float64Array(ng * ng);
  let singular = 0;
  for (let e = 0; e < ng; e++) {
    const lam = values[e]!;
    let gval: number;
    if (!(lam > EIG_ZERO)) gval = 1;
    else if (1 - lam > SINGULAR_TOL) gval = 1 / Math.sqrt(1 - lam);
    else {
      gval = 0;
      singular++;
    }
    for (let k = 0; k < ng; k++) {
      const vk = gval * vectors[k * ng + e]!;
      if (vk === 0) continue;
      for (let l = 0; l < ng; l++) A[k * ng + l]! += vk * vectors[l * ng + e]!;
    }
  }
  const Zt = (v: Float64Array): Float64Array => {
    const out = new Float64Array(q);
    for (let k = 0; k < ng; k++) {
      const x = v[k]!;
      for (let a = 0; a < q; a++) out[a]! += Z[k * q + a]! * x;
    }
    return out;
  };
  const score = Zt(symMatVec(A, ng, rt));
  return {
    rows,
    active,
    score,
    singular,
    contrast(bFull) {
      const bt = gatherActive(bFull, active);
      const t = new Float64Array(ng);
      for (let k = 0; k < ng; k++) {
        let x = 0;
        for (let a = 0; a < q; a++) x += Z[k * q + a]! * bt[a]!;
        t[k] = x;
      }
      const av = symMatVec(A, ng, t);
      let s = 0;
      for (let k = 0; k < ng; k++) s += av[k]! * av[k]!;
      return { s, x: Zt(av), y: null };
    },
  };
}
