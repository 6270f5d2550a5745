/**
 * CR2 blocks for a GLM as clubSandwich's vcovCR.glm (inverse_var = TRUE, Pustejovsky & Tipton
 * 2018): working variance Θ = diag(θ), θ_i = V(μ_i) / w_i (w = prior weights), model matrix
 * (dμ/dη) X, and
 *     A_g = Θ^{1/2} S^{+1/2} Θ^{1/2},   S = Θ (I − H_gg) Θ,   H_gg = Z̃ B̃ Z̃′,  Z̃ = W^{1/2} X̃
 * (W = working weights, B = (X′WX)^{-1}). In terms of Z̃ everything the estimators need is
 *     score = Z̃′ S^{+1/2} Θ^{1/2} r        (r = y − μ; V_CR2 = B Σ score score′ B)
 *     F     = Z̃′ S^{+1/2} Θ Z̃              (q×q)
 * and, for b = B c,  x = F′b̃  and  s = b̃′C b̃ − |P′Z̃ b̃|² + x′B̃ x  (C = Z̃′Z̃), because
 * S^{+1/2} Θ² S^{+1/2} = I − PP′ + S^{+1/2} Θ Z̃ B̃ Z̃′ Θ S^{+1/2}; P is an orthonormal basis of
 * the null space of S, Θ^{-1} times the null space of I − H_gg (a cluster absorbed by its own
 * fixed effect). With Θ constant in the cluster this is the unweighted (I − H_gg)^{+1/2}.
 *
 * S is diagonal minus low rank, and its inverse square root has no low-rank form, so
 *  - small clusters (n_g ≤ cr2Tuning.denseRows) form S and take its eigendecomposition;
 *  - larger ones use S^{+1/2} = r(S_γ) − r(γ) PP′ with S_γ = S + γPP′ and the rational
 *    r(λ) = Σ c_j/(λ + σ_j) ≈ λ^{-1/2} (inverse-sqrt-rational.ts) on a proven bound [m, M] of the
 *    spectrum of S_γ; each (S_γ + σ_j)^{-1} is a Woodbury solve, so a node costs two weighted
 *    q×q Gram matrices over the cluster's rows.
 * Spectrum bound: S ≼ Θ² gives M = max θ²; on the range of S (x ⊥ Θ^{-1}N0, N0 the null space
 * of I − H_gg, y = Θx), x′Sx ≥ τ |y − N0N0′y|² ≥ τ θ_min² (1 − ε²) |x|², with τ the smallest
 * non-zero eigenvalue of I − H_gg and ε² ≥ |N0′y|²/|y|² from N0′Θ^{-2}y = 0 (nullBasis); also
 * ≥ τ θ_min²/(1 + κ²), κ = θ_max/θ_min. Without a null space, m = τ θ_min².
 */
import { type Cr2Block, cr2Block, symMatVec } from './cr2-block.js';
import { EIG_ZERO, SINGULAR_TOL, hatSpectrum, lv } from './cr2-hat.js';
import { columnsOf, columnsSandwich, crossprod } from './cluster-columns.js';
import { choleskyInverse, mirrorUpper, principalSubmatrix, solveSquare, symmetricEigen, symmetricFunction } from './linalg.js';
import { evalRational, rationalInvSqrt } from './inverse-sqrt-rational.js';
import { denseGram } from './design.js';

/** Tuning of the GLM CR2 computation; mutable for tests. */
export const cr2GlmTuning = {
  /** Clusters with at most this many rows use the dense n_g×n_g eigendecomposition. */
  denseRows: 48,
  /** Relative accuracy of the rational approximation of λ^{-1/2}. */
  tol: 1e-12,
};

/** θ below this fraction of the cluster's largest θ is raised to it (rows with fitted probabilities numerically 0 or 1). */
const THETA_FLOOR = 1e-10;

/**
 * One cluster's block: Zc = Z̃ (q columns of length n_g, column-major), theta = V(μ)/w and
 * resid = y − μ on the cluster's rows.
 */
export function glmBlock(
  B: Float64Array,
  p: number,
  rows: Int32Array,
  active0: Int32Array,
  Zc: Float64Array,
  theta0: Float64Array,
  resid: Float64Array,
): Cr2Block {
  const ng = rows.length;
  let tmax = 0;
  for (let k = 0; k < ng; k++) tmax = Math.max(tmax, theta0[k]!);
  if (!(tmax > 0)) tmax = 1;
  const theta = theta0.map((t) => Math.max(t, THETA_FLOOR * tmax));
  let tmin = Infinity;
  for (let k = 0; k < ng; k++) tmin = Math.min(tmin, theta[k]!);
  const rho = new Float64Array(ng);
  for (let k = 0; k < ng; k++) rho[k] = Math.sqrt(theta[k]!) * resid[k]!;
  const small = ng <= cr2GlmTuning.denseRows;

  let active: Int32Array;
  let cols: Float64Array[];
  let C: Float64Array;
  let q: number;
  let N0: Float64Array; // null directions of I − H_gg, n_g×d row-major
  let d: number;
  let tau = 1;
  let L: Float64Array | null = null;
  let H: Float64Array | null = null;
  if (small) {
    // n_g×n_g: H_gg's eigenvectors with λ ≥ 1 − SINGULAR_TOL span the null space directly.
    active = active0;
    q = active.length;
    cols = columnsOf(Zc, ng, q);
    C = mirrorUpper(denseGram(cols, null, ng), q);
    H = columnsSandwich(cols, ng, principalSubmatrix(B, p, active));
    const { values, vectors } = symmetricEigen(H, ng);
    const nul: number[] = [];
    for (let e = 0; e < ng; e++) if (values[e]! > EIG_ZERO && 1 - values[e]! <= SINGULAR_TOL) nul.push(e);
    d = nul.length;
    N0 = new Float64Array(ng * d);
    for (let k = 0; k < ng; k++) nul.forEach((e, j) => (N0[k * d + j] = vectors[k * ng + e]!));
  } else {
    const h = hatSpectrum(B, p, active0, Zc, ng);
    ({ q, C, active, cols } = h);
    L = h.L;
    // Null directions of I − H_gg (1 − λ ≤ SINGULAR_TOL), N0 = Z̃ L V_e λ^{-1/2}, and τ.
    const nullLv: Float64Array[] = [];
    for (let e = 0; e < q; e++) {
      const lam = h.values[e]!;
      if (!(lam > EIG_ZERO)) continue;
      if (1 - lam <= SINGULAR_TOL) nullLv.push(lv(h, e).map((v) => v / Math.sqrt(lam)));
      else tau = Math.min(tau, 1 - lam);
    }
    d = nullLv.length;
    N0 = new Float64Array(ng * d);
    for (let j = 0; j < d; j++) {
      const r0 = nullLv[j]!;
      for (let k = 0; k < ng; k++) {
        let v = 0;
        for (let a = 0; a < q; a++) v += cols[a]![k]! * r0[a]!;
        N0[k * d + j] = v;
      }
    }
  }
  const { P: Pm, eps2 } = nullBasis(N0, ng, d, theta); // P: n_g×d row-major
  const Bt = principalSubmatrix(B, p, active);

  const { F, score } = H !== null ? denseParts(cols, ng, q, H, theta, rho, Pm, d) : quadratureParts(cols, ng, q, L!, theta, rho, Pm, d, tau, tmin, tmax, eps2);

  // P′Z̃ (d×q) for s.
  const Pz = new Float64Array(d * q);
  for (let j = 0; j < d; j++) {
    for (let a = 0; a < q; a++) {
      const z = cols[a]!;
      let s = 0;
      for (let k = 0; k < ng; k++) s += Pm[k * d + j]! * z[k]!;
      Pz[j * q + a] = s;
    }
  }
  return cr2Block(rows, active, score, d, (bt) => {
    const x = new Float64Array(q);
    for (let a = 0; a < q; a++) {
      let s = 0;
      for (let k = 0; k < q; k++) s += F[k * q + a]! * bt[k]!;
      x[a] = s;
    }
    const Cb = symMatVec(C, q, bt);
    const Bx = symMatVec(Bt, q, x);
    let s = 0;
    for (let a = 0; a < q; a++) s += bt[a]! * Cb[a]! + x[a]! * Bx[a]!;
    for (let j = 0; j < d; j++) {
      let t = 0;
      for (let a = 0; a < q; a++) t += Pz[j * q + a]! * bt[a]!;
      s -= t * t;
    }
    return { s, x, y: null };
  });
}

/**
 * Orthonormal basis P (n_g×d row-major) of span(Θ^{-1} N0) for the orthonormal null directions
 * N0 of I − H_gg, and ε² = d − tr(K (A′A)^{-1} K) with A = Θ^{-2}N0,
 * K = N0′Θ^{-2}N0: for y with N0′Θ^{-2}y = 0, |N0′y|² ≤ ε²|y|² (least squares of N0 on A).
 */
function nullBasis(N0: Float64Array, ng: number, d: number, theta: Float64Array): { P: Float64Array; eps2: number } {
  const Y = new Float64Array(ng * d);
  if (d === 0) return { P: Y, eps2: 0 };
  for (let k = 0; k < ng; k++) for (let j = 0; j < d; j++) Y[k * d + j] = N0[k * d + j]! / theta[k]!;
  const K = new Float64Array(d * d);
  const AA = new Float64Array(d * d);
  for (let k = 0; k < ng; k++) {
    const u = 1 / (theta[k]! * theta[k]!);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
      const nn = N0[k * d + i]! * N0[k * d + j]!;
      K[i * d + j]! += u * nn;
      AA[i * d + j]! += u * u * nn;
    }
  }
  const X = solveSquare(AA, d, K, d); // (A′A)^{-1} K
  let tr = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) tr += K[i * d + j]! * X[j * d + i]!;
  const eps2 = d - tr;
  const G = new Float64Array(d * d);
  for (let k = 0; k < ng; k++) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) G[i * d + j]! += Y[k * d + i]! * Y[k * d + j]!;
  const { values, vectors } = symmetricEigen(G, d);
  const Gis = new Float64Array(d * d);
  for (let e = 0; e < d; e++) {
    const f = values[e]! > 0 ? 1 / Math.sqrt(values[e]!) : 0;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) Gis[i * d + j]! += f * vectors[i * d + e]! * vectors[j * d + e]!;
  }
  const P = new Float64Array(ng * d);
  for (let k = 0; k < ng; k++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += Y[k * d + i]! * Gis[i * d + j]!;
    P[k * d + j] = s;
  }
  return { P, eps2 };
}

/** F and score from the dense S̃ = ΠSΠ + γPP′ (Π = I − PP′): S^{+1/2} = f(S̃) − γ^{-1/2} PP′; H = Z̃B̃Z̃′. */
function denseParts(
  cols: Float64Array[],
  ng: number,
  q: number,
  H: Float64Array,
  theta: Float64Array,
  rho: Float64Array,
  P: Float64Array,
  d: number,
): { F: Float64Array; score: Float64Array } {
  // S = Θ(I − H)Θ
  const S = new Float64Array(ng * ng);
  for (let k = 0; k < ng; k++) {
    for (let l = k; l < ng; l++) {
      const v = theta[k]! * ((k === l ? 1 : 0) - H[k * ng + l]!) * theta[l]!;
      S[k * ng + l] = v;
      S[l * ng + k] = v;
    }
  }
  let gamma = 0;
  for (let k = 0; k < ng; k++) gamma = Math.max(gamma, theta[k]! * theta[k]!);
  if (d > 0) projectOut(S, ng, P, d, gamma);
  const { values, vectors } = symmetricEigen(S, ng);
  const R = symmetricFunction(values, vectors, ng, (lam) => (lam > 0 ? 1 / Math.sqrt(lam) : 0));
  const gis = gamma > 0 ? 1 / Math.sqrt(gamma) : 0;
  for (let k = 0; k < ng; k++) for (let l = 0; l < ng; l++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += P[k * d + j]! * P[l * d + j]!;
    R[k * ng + l]! -= gis * s;
  }
  // F = Z̃′ (R Θ Z̃), column by column; score = Z̃′ R ρ
  const F = new Float64Array(q * q);
  for (let b = 0; b < q; b++) {
    const z = cols[b]!;
    const RTz = new Float64Array(ng);
    for (let k = 0; k < ng; k++) {
      let s = 0;
      for (let l = 0; l < ng; l++) s += R[k * ng + l]! * theta[l]! * z[l]!;
      RTz[k] = s;
    }
    crossprod(cols, ng, RTz).forEach((v, a) => (F[a * q + b] = v));
  }
  return { F, score: crossprod(cols, ng, symMatVec(R, ng, rho)) };
}

/** S ← ΠSΠ + γPP′ in place, Π = I − PP′ (P orthonormal n×d row-major). */
function projectOut(S: Float64Array, n: number, P: Float64Array, d: number, gamma: number): void {
  const SP = new Float64Array(n * d);
  for (let k = 0; k < n; k++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let l = 0; l < n; l++) s += S[k * n + l]! * P[l * d + j]!;
    SP[k * d + j] = s;
  }
  const PSP = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += P[k * d + i]! * SP[k * d + j]!;
    PSP[i * d + j] = s;
  }
  for (let k = 0; k < n; k++) {
    for (let l = 0; l < n; l++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        s -= SP[k * d + j]! * P[l * d + j]! + P[k * d + j]! * SP[l * d + j]!;
        let t = 0;
        for (let i = 0; i < d; i++) t += P[k * d + i]! * PSP[i * d + j]!;
        s += t * P[l * d + j]! + gamma * P[k * d + j]! * P[l * d + j]!;
      }
      S[k * n + l]! += s;
    }
  }
}

/** F and score by the rational approximation of S_γ^{-1/2}, one Woodbury solve per node. */
function quadratureParts(
  cols: Float64Array[],
  ng: number,
  q: number,
  L: Float64Array,
  theta: Float64Array,
  rho: Float64Array,
  P: Float64Array,
  d: number,
  tau: number,
  tmin: number,
  tmax: number,
  eps2: number,
): { F: Float64Array; score: Float64Array } {
  const M = tmax * tmax;
  const kappa = tmax / tmin;
  // Lower bound of S on its range: τ θ_min² (1 − ε²), or τ θ_min² / (1 + κ²) (see the header).
  const shrink = d === 0 ? 1 : Math.max(1 / (1 + kappa * kappa), eps2 < 1 ? 1 - eps2 : 0);
  const m = Math.min(M, tau * tmin * tmin * shrink);
  const gamma = M;
  const rat = rationalInvSqrt(m, M, cr2GlmTuning.tol);
  const Binv = choleskyInverse(L, q); // B̃⁻¹, B̃ = LL′
  const n2 = q + d;
  const F = new Float64Array(q * q);
  const score = new Float64Array(q);
  const phi0 = new Float64Array(ng);
  const phi1 = new Float64Array(ng);
  const phi2 = new Float64Array(ng);
  for (let j = 0; j < rat.shifts.length; j++) {
    const sigma = rat.shifts[j]!;
    const c = rat.weights[j]!;
    // D = Θ² + σ: G1 = Z̃′ΘD⁻¹Z̃, G2 = Z̃′Θ²D⁻¹Z̃, zr0 = Z̃′D⁻¹ρ, zr1 = Z̃′ΘD⁻¹ρ.
    for (let k = 0; k < ng; k++) {
      const t = theta[k]!;
      const inv = 1 / (t * t + sigma);
      phi0[k] = inv;
      phi1[k] = t * inv;
      phi2[k] = t * t * inv;
    }
    const G1 = mirrorUpper(denseGram(cols, phi1, ng), q);
    const G2 = mirrorUpper(denseGram(cols, phi2, ng), q);
    const zr0 = new Float64Array(q);
    const zr1 = new Float64Array(q);
    for (let a = 0; a < q; a++) {
      const z = cols[a]!;
      let s0 = 0;
      let s1 = 0;
      for (let k = 0; k < ng; k++) {
        const zr = z[k]! * rho[k]!;
        s0 += phi0[k]! * zr;
        s1 += phi1[k]! * zr;
      }
      zr0[a] = s0;
      zr1[a] = s1;
    }
    // ZP0 = Z̃′D⁻¹P, ZP1 = Z̃′ΘD⁻¹P (q×d), PP0 = P′D⁻¹P (d×d), Pr0 = P′D⁻¹ρ (d)
    const ZP0 = new Float64Array(q * d);
    const ZP1 = new Float64Array(q * d);
    const PP0 = new Float64Array(d * d);
    const Pr0 = new Float64Array(d);
    for (let k = 0; k < ng && d > 0; k++) {
      const f0 = phi0[k]!;
      const f1 = phi1[k]!;
      for (let i = 0; i < d; i++) {
        const pk = P[k * d + i]!;
        Pr0[i]! += f0 * pk * rho[k]!;
        for (let l = 0; l < d; l++) PP0[i * d + l]! += f0 * pk * P[k * d + l]!;
        for (let a = 0; a < q; a++) {
          const z = cols[a]![k]!;
          ZP0[a * d + i]! += f0 * z * pk;
          ZP1[a * d + i]! += f1 * z * pk;
        }
      }
    }
    // Mid = [[B̃⁻¹ − G2, −ZP1], [−ZP1′, −I/γ − PP0]]; right-hand sides [[G2, zr1], [ZP1′, Pr0]].
    const Mid = new Float64Array(n2 * n2);
    const Rhs = new Float64Array(n2 * (q + 1));
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) {
        Mid[a * n2 + b] = Binv[a * q + b]! - G2[a * q + b]!;
        Rhs[a * (q + 1) + b] = G2[a * q + b]!;
      }
      Rhs[a * (q + 1) + q] = zr1[a]!;
      for (let i = 0; i < d; i++) {
        Mid[a * n2 + q + i] = -ZP1[a * d + i]!;
        Mid[(q + i) * n2 + a] = -ZP1[a * d + i]!;
        Rhs[(q + i) * (q + 1) + a] = ZP1[a * d + i]!;
      }
    }
    for (let i = 0; i < d; i++) {
      for (let l = 0; l < d; l++) Mid[(q + i) * n2 + q + l] = -PP0[i * d + l]! - (i === l ? 1 / gamma : 0);
      Rhs[(q + i) * (q + 1) + q] = Pr0[i]!;
    }
    const Sol = solveSquare(Mid, n2, Rhs, q + 1);
    // Left = [G1 | ZP0] (q×n2); F += c (G1 + Left Sol[:, :q]); score += c (zr0 + Left Sol[:, q]).
    for (let a = 0; a < q; a++) {
      for (let b = 0; b <= q; b++) {
        let s = b < q ? G1[a * q + b]! : zr0[a]!;
        for (let k = 0; k < q; k++) s += G1[a * q + k]! * Sol[k * (q + 1) + b]!;
        for (let i = 0; i < d; i++) s += ZP0[a * d + i]! * Sol[(q + i) * (q + 1) + b]!;
        if (b < q) F[a * q + b]! += c * s;
        else score[a]! += c * s;
      }
    }
  }
  if (d > 0) {
    // − r(γ) (Z̃′P)(P′ΘZ̃) and − r(γ) (Z̃′P)(P′ρ)
    const rg = evalRational(rat, gamma);
    const ZtP = new Float64Array(q * d);
    const PtTZ = new Float64Array(d * q);
    const Ptr = new Float64Array(d);
    for (let k = 0; k < ng; k++) {
      for (let i = 0; i < d; i++) {
        const pk = P[k * d + i]!;
        Ptr[i]! += pk * rho[k]!;
        for (let a = 0; a < q; a++) {
          const z = cols[a]![k]!;
          ZtP[a * d + i]! += z * pk;
          PtTZ[i * q + a]! += pk * theta[k]! * z;
        }
      }
    }
    for (let a = 0; a < q; a++) {
      for (let i = 0; i < d; i++) {
        const za = rg * ZtP[a * d + i]!;
        for (let b = 0; b < q; b++) F[a * q + b]! -= za * PtTZ[i * q + b]!;
        score[a]! -= za * Ptr[i]!;
      }
    }
  }
  return { F, score };
}
