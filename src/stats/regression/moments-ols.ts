/**
 * OLS with one absorbed fixed effect per cluster, clustered by the same groups (CR1), from per-group
 * centred moments (cell-moments.ts) instead of rows: what fitLinear(X, y, { absorb }) followed by
 * clusterVcov(fit, X, cluster, 'CR1') computes when the fixed-effect groups are the clusters. The same
 * steps in the same order: columns constant within every group (demeaned norm² ≤ ABSORBED_TOL × raw) are
 * absorbed, aliased columns dropped by the same pivoted Cholesky in design order, one step of iterative
 * refinement, bread (X̃′X̃)⁻¹, cluster scores u_g = X̃_g′ẽ_g = C_xy,g − C_xx,g b and
 * V = G/(G − 1) · (N − 1)/(N − K) · B (Σ u_g u_g′) B with K = kept columns + groups.
 */
import type { CellMoments } from './cell-moments.js';
import { ABSORBED_TOL } from './absorb.js';
import { RANK_TOL, choleskyInverse, choleskySolve, choleskyWithDrop } from './linalg.js';
import { sandwich } from './clusters.js';

/** An absorbed OLS fit from moments: kept design columns, coefficients, bread and CR1 covariance. */
export interface MomentsOls {
  /** the kept design columns (indices 0..q − 2 of the moments' columns), in design order */
  keep: number[];
  coef: Float64Array;
  bread: Float64Array;
  /** CR1 covariance of coef (keep order); every entry NaN when G < 2 or N ≤ K */
  vcov: Float64Array;
  /** rows, kept columns + absorbed groups, clusters */
  N: number;
  K: number;
  G: number;
}

/**
 * Regress the last of the moments' q columns on the others, each group's fixed effect absorbed and the
 * groups as clusters (CR1), from per-group centred moments (one group per cell of `m`; empty cells ignored).
 */
export function absorbedOlsCr1(m: CellMoments): MomentsOls {
  const q = m.q;
  const p = q - 1;
  const y = p;
  const groups: number[] = [];
  let N = 0;
  for (let g = 0; g < m.cells; g++) {
    if (m.n[g]! > 0) {
      groups.push(g);
      N += m.n[g]!;
    }
  }
  const G = groups.length;
  const C = new Float64Array(q * q);
  const raw = new Float64Array(q);
  for (const g of groups) {
    const o = g * q * q;
    for (let e = 0; e < q * q; e++) C[e]! += m.cross[o + e]!;
    for (let j = 0; j < q; j++) raw[j]! += m.raw[g * q + j]!;
  }
  const candidates: number[] = [];
  for (let j = 0; j < p; j++) if (C[j * q + j]! > ABSORBED_TOL * raw[j]!) candidates.push(j);
  const c = candidates.length;
  const gram = new Float64Array(c * c);
  for (let a = 0; a < c; a++) for (let b = 0; b < c; b++) gram[a * c + b] = C[candidates[a]! * q + candidates[b]!]!;
  const ch = choleskyWithDrop(gram, c, RANK_TOL);
  const keep = ch.keep.map((a) => candidates[a]!);
  const r = keep.length;
  const cxy = Float64Array.from(keep, (j) => C[j * q + y]!);
  let coef = choleskySolve(ch.L, r, cxy);
  // one step of iterative refinement, as fitLinear: b += (X̃′X̃)⁻¹ X̃′(ỹ − X̃b)
  const res = Float64Array.from(keep, (j, a) => {
    let s = cxy[a]!;
    for (let b = 0; b < r; b++) s -= C[j * q + keep[b]!]! * coef[b]!;
    return s;
  });
  const delta = choleskySolve(ch.L, r, res);
  coef = coef.map((v, a) => v + delta[a]!);
  const bread = choleskyInverse(ch.L, r);
  const K = r + G;
  if (G < 2 || N <= K) return { keep, coef, bread, vcov: new Float64Array(r * r).fill(NaN), N, K, G };
  const meat = new Float64Array(r * r);
  const u = new Float64Array(r);
  for (const g of groups) {
    const o = g * q * q;
    for (let a = 0; a < r; a++) {
      const row = o + keep[a]! * q;
      let s = m.cross[row + y]!;
      for (let b = 0; b < r; b++) s -= m.cross[row + keep[b]!]! * coef[b]!;
      u[a] = s;
    }
    for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) meat[a * r + b]! += u[a]! * u[b]!;
  }
  const adj = (G / (G - 1)) * ((N - 1) / (N - K));
  return { keep, coef, bread, vcov: sandwich(bread, meat, r, adj), N, K, G };
}
