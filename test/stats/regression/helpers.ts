/**
 * Test helpers: a seeded PRNG, design builders and a brute-force dense reference for the
 * sandwich estimators, written straight from the textbook formulas with n×n matrices
 * (ml-matrix inverse and eigendecomposition). Only for small n.
 */
import { EigenvalueDecomposition, Matrix, inverse } from 'ml-matrix';
import type { Design } from '../../../src/stats/regression/design.js';
import type { GlmFit } from '../../../src/stats/regression/glm.js';

/** mulberry32: small deterministic PRNG in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draw by Box–Muller. */
export function gauss(u: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

export function design(cols: Record<string, ArrayLike<number>>): Design {
  const names = Object.keys(cols);
  const columns = names.map((k) => Float64Array.from(cols[k]!));
  return { n: columns[0]!.length, names, columns };
}

/** Dense n×p matrix of the fit's kept columns. */
function keptMatrix(fit: GlmFit, X: Design): Matrix {
  const M = new Matrix(X.n, fit.p);
  for (let a = 0; a < fit.p; a++) {
    const col = X.columns[fit.columnIndex[a]!]!;
    for (let i = 0; i < X.n; i++) M.set(i, a, col[i]!);
  }
  return M;
}

/** Symmetric (pseudo-)inverse square root with clubSandwich's matrix_power rule (eigenvalues ≤ 1e-12 → 0). */
function invSqrtPsd(S: Matrix): Matrix {
  const e = new EigenvalueDecomposition(S, { assumeSymmetric: true });
  const V = e.eigenvectorMatrix;
  const d = e.realEigenvalues.map((l) => (l > 1e-12 ? 1 / Math.sqrt(l) : 0));
  return V.mmul(Matrix.diag(d)).mmul(V.transpose());
}

export interface BruteForce {
  hc1: Matrix;
  cr1: Matrix;
  cr2: Matrix;
  /** Satterthwaite df for contrast c (when given). */
  df: number;
  G: number;
}

/**
 * From the definitions, with dense n×n matrices:
 *   HC1 = N/(N−K) · B (Σ_i ψ_i ψ_i′) B, CR1 = G/(G−1)·(N−1)/(N−K) · B (Σ_g ψ_g ψ_g′) B, ψ = prior (y − μ) x;
 *   CR2 (Pustejovsky & Tipton 2018, eq. 7 and 10; clubSandwich's working models): model matrix
 *   X̄, weights W, working variance Θ, residuals r = y − μ, M = (X̄′WX̄)^{-1}, H_X = X̄ M X̄′W,
 *     G_g = [(I − H_X) Θ (I − H_X)′]_gg,  A_g = Θ_g^{1/2} (Θ_g^{1/2} G_g Θ_g^{1/2})^{+1/2} Θ_g^{1/2},
 *     V = M Σ_g X̄_g′W_g A_g r_g r_g′ A_g W_g X̄_g M,
 *   with  lm: X̄ = X, W = prior weights, Θ = I;  glm: X̄ = (dμ/dη) X, W = w/V(μ), Θ = V(μ)/w;
 *   df = (Σ_g q_g′Θq_g)² / Σ_gh (q_g′Θq_h)², q_g = (I − H_X)_{g·}′ A_g W_g X̄_g M c (the
 *   Satterthwaite approximation of c′V c = Σ_g (q_g′ε)² with Var ε = Θ).
 */
export function bruteForce(fit: GlmFit, X: Design, cluster: Int32Array, contrast?: Float64Array): BruteForce {
  const n = X.n;
  const p = fit.p;
  const Xm = keptMatrix(fit, X);
  const prior = fit.priorWeights;
  const glm = fit.family !== 'gaussian';
  // V(μ) = working weight / prior weight for the canonical links (dμ/dη = V(μ)).
  const vmu = Array.from({ length: n }, (_, i) => (glm ? fit.workingWeights[i]! / prior[i]! : 1));
  const Xb = Xm.clone();
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) Xb.set(i, a, Xm.get(i, a) * vmu[i]!);
  const Wd = Array.from({ length: n }, (_, i) => (glm ? prior[i]! / vmu[i]! : prior[i]!));
  const Th = Array.from({ length: n }, (_, i) => (glm ? vmu[i]! / prior[i]! : 1));
  const W = Matrix.diag(Wd);
  const Theta = Matrix.diag(Th);
  const B = inverse(Xb.transpose().mmul(W).mmul(Xb));
  const IH = Matrix.eye(n).sub(Xb.mmul(B).mmul(Xb.transpose()).mmul(W));
  const Gfull = IH.mmul(Theta).mmul(IH.transpose());
  const score = Array.from({ length: n }, (_, i) => prior[i]! * fit.residuals[i]!);

  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const g = groups.get(cluster[i]!) ?? [];
    g.push(i);
    groups.set(cluster[i]!, g);
  }
  const G = groups.size;
  const all = Array.from({ length: n }, (_, i) => i);
  const cols = Array.from({ length: p }, (_, a) => a);

  let meatHc = Matrix.zeros(p, p);
  for (let i = 0; i < n; i++) {
    const x = Matrix.columnVector(Xm.getRow(i)).mul(score[i]!);
    meatHc = meatHc.add(x.mmul(x.transpose()));
  }
  let meat1 = Matrix.zeros(p, p);
  let meat2 = Matrix.zeros(p, p);
  const qs: Matrix[] = [];
  const Mc = contrast ? B.mmul(Matrix.columnVector(Array.from(contrast))) : null;
  for (const rows of groups.values()) {
    const Xg = Xm.selection(rows, cols);
    const sg = Matrix.columnVector(rows.map((i) => score[i]!));
    const psi = Xg.transpose().mmul(sg);
    meat1 = meat1.add(psi.mmul(psi.transpose()));
    const D = Matrix.diag(rows.map((i) => Math.sqrt(Th[i]!)));
    const Ag = D.mmul(invSqrtPsd(D.mmul(Gfull.selection(rows, rows)).mmul(D))).mmul(D);
    const Eg = Xb.selection(rows, cols).transpose().mmul(Matrix.diag(rows.map((i) => Wd[i]!))).mmul(Ag);
    const m = Eg.mmul(Matrix.columnVector(rows.map((i) => fit.residuals[i]!)));
    meat2 = meat2.add(m.mmul(m.transpose()));
    if (Mc) qs.push(IH.selection(rows, all).transpose().mmul(Eg.transpose()).mmul(Mc));
  }
  const N = n;
  const hc1 = B.mmul(meatHc).mmul(B).mul(N / (N - p));
  const cr1 = B.mmul(meat1)
    .mmul(B)
    .mul((G / (G - 1)) * ((N - 1) / (N - p)));
  const cr2 = B.mmul(meat2).mmul(B);
  let df = NaN;
  if (Mc) {
    const Q = new Matrix(n, G);
    qs.forEach((c, g) => {
      for (let i = 0; i < n; i++) Q.set(i, g, c.get(i, 0));
    });
    const P = Q.transpose().mmul(Theta).mmul(Q);
    const tr = P.trace();
    df = (tr * tr) / P.mmul(P).trace();
  }
  return { hc1, cr1, cr2, df, G };
}

/** Max |a − b| / max(|b|, floor) over all entries of a p×p row-major array vs a Matrix. */
export function maxRelDiff(a: Float64Array, b: Matrix, floor = 1e-12): number {
  const p = b.rows;
  let m = 0;
  let scale = floor;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) scale = Math.max(scale, Math.abs(b.get(i, j)));
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) m = Math.max(m, Math.abs(a[i * p + j]! - b.get(i, j)) / scale);
  return m;
}
