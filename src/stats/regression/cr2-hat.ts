/**
 * Spectrum of one cluster's block of the (weighted) hat matrix, H_gg = Z̃ B̃ Z̃′, through a q×q
 * problem: with B̃ = B[active, active] = L L′ (Cholesky) and C = Z̃′Z̃, the non-zero eigenvalues
 * of H_gg are those of L′CL = V Λ V′, with eigenvectors Z̃ L V Λ^{-1/2}.
 */
import { columnsOf } from './cluster-columns.js';
import { denseGram } from './design.js';
import { choleskyWithDrop, matMul, mirrorUpper, principalSubmatrix, symmetricEigen } from './linalg.js';

/** Eigenvalues of H_gg at or below this are treated as 0. */
export const EIG_ZERO = 1e-12;
/** 1 − λ at or below this is treated as a singular direction of I − H_gg (pseudo-inverse). */
export const SINGULAR_TOL = 1e-8;

export interface HatSpectrum {
  /** Active positions actually used (a rounding guard may drop some of the input ones). */
  active: Int32Array;
  /** Their columns of Z̃ (length n_g each). */
  cols: Float64Array[];
  q: number;
  /** C = Z̃′Z̃ (q×q, full symmetric). */
  C: Float64Array;
  /** Lower Cholesky factor of B̃ (q×q row-major). */
  L: Float64Array;
  /** Eigenvalues of L′CL and its eigenvectors (columns of a q×q row-major matrix). */
  values: Float64Array;
  vectors: Float64Array;
}

/** H_gg's spectrum for the cluster's Z̃ (q columns of length n_g, column-major) and the bread B (p×p). */
export function hatSpectrum(B: Float64Array, p: number, active0: Int32Array, Zc: Float64Array, ng: number): HatSpectrum {
  let active = active0;
  let q = active.length;
  const ch = choleskyWithDrop(principalSubmatrix(B, p, active), q, 0);
  let cols = columnsOf(Zc, ng, q);
  if (ch.drop.length > 0) {
    // B̃ is a principal block of a positive definite matrix; this only guards rounding.
    active = Int32Array.from(ch.keep, (a) => active[a]!);
    cols = ch.keep.map((a) => cols[a]!);
    q = ch.keep.length;
  }
  const C = mirrorUpper(denseGram(cols, null, ng), q);
  const L = ch.L;
  const Lt = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b <= a; b++) Lt[b * q + a] = L[a * q + b]!;
  // L′CL (L lower triangular: the zero entries add nothing to the products)
  const { values, vectors } = symmetricEigen(matMul(Lt, matMul(C, L, q, q, q), q, q, q), q);
  return { active, cols, q, C, L, values, vectors };
}

/** L V_e for eigenvector e of L′CL (so that Z̃ (L V_e) is H_gg's eigenvector times √λ_e). */
export function lv(h: HatSpectrum, e: number): Float64Array {
  const q = h.q;
  const out = new Float64Array(q);
  for (let a = 0; a < q; a++) {
    let s = 0;
    for (let k = 0; k <= a; k++) s += h.L[a * q + k]! * h.vectors[k * q + e]!;
    out[a] = s;
  }
  return out;
}
