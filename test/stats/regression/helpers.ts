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

/** Symmetric (pseudo-)inverse square root with clubSandwich's Sym_power rule (eigenvalues ≤ 1e-12 → 0). */
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
  /** Bell–McCaffrey df for contrast c (when given). */
  df: number;
  G: number;
}

/**
 * V = B (Σ_g X_g' A_g u_g u_g' A_g X_g) B from the definitions, with W = working weights,
 * Z = W^{1/2} X, B = (Z'Z)^{-1}, H = Z B Z' (n×n), u = W^{1/2} × working residual, the score
 * X'Wu_working = Σ prior (y − μ) x; CR1 with G/(G−1)(N−1)/(N−K); HC1 with N/(N−K);
 * CR2 with A_g = (I − H_gg)^{-1/2}; df = (tr G'G)² / tr((G'G)²) with
 * G_g = (I − H)_{·g} A_g Z_g B c (full n-vectors).
 */
export function bruteForce(fit: GlmFit, X: Design, cluster: Int32Array, contrast?: Float64Array): BruteForce {
  const n = X.n;
  const p = fit.p;
  const Xm = keptMatrix(fit, X);
  const w = fit.workingWeights;
  const Z = Xm.clone();
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) Z.set(i, a, Xm.get(i, a) * Math.sqrt(w[i]!));
  const B = inverse(Z.transpose().mmul(Z));
  const H = Z.mmul(B).mmul(Z.transpose());
  const IH = Matrix.eye(n).sub(H);
  const score = Array.from({ length: n }, (_, i) => fit.priorWeights[i]! * fit.residuals[i]!);
  const u = score.map((s, i) => s / Math.sqrt(w[i]!));

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
  const Gcols: Matrix[] = [];
  const bc = contrast ? B.mmul(Matrix.columnVector(Array.from(contrast))) : null;
  for (const rows of groups.values()) {
    const Xg = Xm.selection(rows, cols);
    const Zg = Z.selection(rows, cols);
    const sg = Matrix.columnVector(rows.map((i) => score[i]!));
    const psi = Xg.transpose().mmul(sg);
    meat1 = meat1.add(psi.mmul(psi.transpose()));
    const Ag = invSqrtPsd(IH.selection(rows, rows));
    const ug = Matrix.columnVector(rows.map((i) => u[i]!));
    const m = Zg.transpose().mmul(Ag.mmul(ug));
    meat2 = meat2.add(m.mmul(m.transpose()));
    if (bc) Gcols.push(IH.selection(all, rows).mmul(Ag).mmul(Zg).mmul(bc));
  }
  const N = n;
  const hc1 = B.mmul(meatHc).mmul(B).mul(N / (N - p));
  const cr1 = B.mmul(meat1)
    .mmul(B)
    .mul((G / (G - 1)) * ((N - 1) / (N - p)));
  const cr2 = B.mmul(meat2).mmul(B);
  let df = NaN;
  if (bc) {
    const Gm = new Matrix(n, G);
    Gcols.forEach((c, g) => {
      for (let i = 0; i < n; i++) Gm.set(i, g, c.get(i, 0));
    });
    const GtG = Gm.transpose().mmul(Gm);
    const tr = GtG.trace();
    df = (tr * tr) / GtG.mmul(GtG).trace();
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
