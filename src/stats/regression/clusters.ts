/** Shared pieces of the sandwich estimators: cluster indexing, score contributions, B M B. */
import type { Design, PreparedDesign } from './design.js';
import type { GlmFit } from './glm.js';
import { matMul } from './linalg.js';

export interface ClusterIndex {
  /** Number of clusters with at least one row of positive prior weight. */
  G: number;
  /** Cluster number 0..G−1 of each row, −1 for rows with prior weight 0. */
  of: Int32Array;
  /** Rows (positive prior weight) of each cluster, ascending. */
  rows: Int32Array[];
}

/** Maps arbitrary integer cluster codes to 0..G−1 over the rows with positive prior weight. */
export function indexClusters(cluster: Int32Array, prior: Float64Array): ClusterIndex {
  const n = prior.length;
  if (cluster.length !== n) throw new RangeError(`cluster has length ${cluster.length}, design has ${n} rows`);
  const code = new Map<number, number>();
  const of = new Int32Array(n).fill(-1);
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!(prior[i]! > 0)) continue;
    const c = cluster[i]!;
    let g = code.get(c);
    if (g === undefined) {
      g = counts.length;
      code.set(c, g);
      counts.push(0);
    }
    of[i] = g;
    counts[g]!++;
  }
  const G = counts.length;
  const rows = counts.map((k) => new Int32Array(k));
  const fill = new Int32Array(G);
  for (let i = 0; i < n; i++) {
    const g = of[i]!;
    if (g >= 0) rows[g]![fill[g]!++] = i;
  }
  return { G, of, rows };
}

/**
 * Per-row score multipliers s_i such that the estimating function of row i is s_i x_i.
 * sandwich's estfun.glm is working residual × working weight × x = w_i (dμ/dη)/V(μ) (y − μ) x;
 * for the canonical links used here (identity, logit, log) that is prior weight × (y − μ).
 */
export function scoreMultipliers(fit: GlmFit): Float64Array {
  const n = fit.residuals.length;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = fit.priorWeights[i]!;
    s[i] = w > 0 ? w * fit.residuals[i]! : 0;
  }
  return s;
}

/** Throws unless X is the design `fit` was estimated on (same rows, kept columns by name). */
export function checkFitDesign(fit: GlmFit, X: Design): void {
  if (X.n !== fit.fitted.length) throw new RangeError(`design has ${X.n} rows, the fit ${fit.fitted.length}`);
  for (let a = 0; a < fit.p; a++) {
    const c = fit.columnIndex[a]!;
    if (c >= X.columns.length || X.names[c] !== fit.names[a]) {
      throw new RangeError(`design column ${c} is not the fit's coefficient ${fit.names[a]}`);
    }
  }
}

/** B M B for symmetric p×p row-major B and M, symmetrised. */
export function sandwich(B: Float64Array, M: Float64Array, p: number, scale = 1): Float64Array {
  const V = matMul(matMul(B, M, p, p, p), B, p, p, p);
  for (let a = 0; a < p; a++) {
    for (let b = a; b < p; b++) {
      const v = (0.5 * (V[a * p + b]! + V[b * p + a]!)) * scale;
      V[a * p + b] = v;
      V[b * p + a] = v;
    }
  }
  return V;
}

/**
 * Cluster sums of the estimating functions, Ψ[a][g] = Σ_{i∈g} s_i x_{i,a} for the fit's kept
 * columns a: p columns of length G, built in one sequential pass per column.
 */
export function clusterScoreColumns(
  fit: GlmFit,
  P: PreparedDesign,
  index: ClusterIndex,
  s: Float64Array,
): Float64Array[] {
  const G = index.G;
  const of = index.of;
  const psi: Float64Array[] = [];
  for (let a = 0; a < fit.p; a++) {
    const col = new Float64Array(G);
    const c = fit.columnIndex[a]!;
    const idx = P.nzIndex[c];
    if (idx === null || idx === undefined) {
      const x = P.columns[c]!;
      for (let i = 0; i < x.length; i++) {
        const g = of[i]!;
        if (g >= 0) col[g]! += s[i]! * x[i]!;
      }
    } else {
      const val = P.nzValue[c]!;
      for (let k = 0; k < idx.length; k++) {
        const i = idx[k]!;
        const g = of[i]!;
        if (g >= 0) col[g]! += s[i]! * val[k]!;
      }
    }
    psi.push(col);
  }
  return psi;
}
