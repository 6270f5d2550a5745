/**
 * Heteroskedasticity- and cluster-robust covariance matrices of GLM coefficients.
 *
 * - HC1: n/(n − k) · B (Σ_i ψ_i ψ_i') B, as sandwich::vcovHC(fit, type = "HC1").
 * - CR1: G/(G − 1) · (N − 1)/(N − K) · B (Σ_g ψ_g ψ_g') B with K = every kept column, as
 *   sandwich::vcovCL(fit, cluster = ~g, type = "HC1") for lm and glm (Stata's logit/poisson
 *   apply only G/(G − 1)).
 * - CR2: B (Σ_g Z_g'A_g r_g r_g'A_g Z_g) B with A_g = (I − H_gg)^{-1/2} (working independence,
 *   inverse-variance weights), no further scaling, as clubSandwich::vcovCR(type = "CR2") for an
 *   unweighted lm (see cr2.ts for the computation and the README notes for weighted fits).
 *
 * B is the fit's bread (X'WX)^{-1}; ψ_i = s_i x_i is the estimating function of row i
 * (sandwich's estfun: prior weight × (y − μ) × x for these canonical links).
 */
import { type Design, prepareDesign, weightedGram } from './design.js';
import type { GlmFit } from './glm.js';
import { checkFitDesign, indexClusters, sandwich, scoreMultipliers } from './clusters.js';
import { adjustedClusterScore, prepareCr2 } from './cr2.js';

export type VcovType = 'CR1' | 'CR2' | 'HC1';

export interface ClusterVcov {
  /** p×p row-major covariance of the kept coefficients (fit.names order). */
  vcov: Float64Array;
  /** Number of clusters G (n for HC1). */
  clusters: number;
}

/**
 * Cluster-robust (CR1, CR2) or heteroskedasticity-robust (HC1) covariance of fit.coef.
 * `X` must be the design the model was fitted on; `cluster` holds one integer code per row
 * (ignored for HC1). Rows with prior weight 0 are left out of N and G.
 */
export function clusterVcov(fit: GlmFit, X: Design, cluster: Int32Array, type: VcovType): ClusterVcov {
  checkFitDesign(fit, X);
  const p = fit.p;
  const N = fit.n;
  if (p === 0) return { vcov: new Float64Array(0), clusters: type === 'HC1' ? N : 0 };
  const s = scoreMultipliers(fit);

  if (type === 'HC1') {
    const P = prepareDesign(X);
    const s2 = s.map((v) => v * v);
    const meat = weightedGram(P, fit.columnIndex, s2);
    return { vcov: sandwich(fit.bread, meat, p, N / (N - p)), clusters: N };
  }

  if (type === 'CR1') {
    const P = prepareDesign(X);
    const index = indexClusters(cluster, fit.priorWeights);
    const G = index.G;
    // Cluster-summed scores Ψ (G×p), stored column-major as a design so that sparse columns
    // (dummies active in few clusters) keep Ψ'Ψ cheap.
    const psi: Float64Array[] = [];
    for (let a = 0; a < p; a++) {
      const col = new Float64Array(G);
      const c = fit.columnIndex[a]!;
      const idx = P.nzIndex[c];
      if (idx === null || idx === undefined) {
        const x = P.columns[c]!;
        for (let i = 0; i < x.length; i++) {
          const g = index.of[i]!;
          if (g >= 0) col[g]! += s[i]! * x[i]!;
        }
      } else {
        const val = P.nzValue[c]!;
        for (let k = 0; k < idx.length; k++) {
          const i = idx[k]!;
          const g = index.of[i]!;
          if (g >= 0) col[g]! += s[i]! * val[k]!;
        }
      }
      psi.push(col);
    }
    const meat = gramOf(psi, G);
    const adj = (G / (G - 1)) * ((N - 1) / (N - p));
    return { vcov: sandwich(fit.bread, meat, p, adj), clusters: G };
  }

  if (type === 'CR2') {
    const prep = prepareCr2(fit, X, cluster);
    const G = prep.index.G;
    const psi: Float64Array[] = [];
    for (let a = 0; a < p; a++) psi.push(new Float64Array(G));
    prep.clusters.forEach((cl, g) => {
      const m = adjustedClusterScore(fit, prep.P, cl, s);
      for (let a = 0; a < cl.active.length; a++) psi[cl.active[a]!]![g] = m[a]!;
    });
    return { vcov: sandwich(fit.bread, gramOf(psi, G), p), clusters: G };
  }
  throw new RangeError(`unknown vcov type ${String(type)}`);
}

function gramOf(columns: Float64Array[], n: number): Float64Array {
  const names = columns.map((_, j) => String(j));
  const P = prepareDesign({ n, names, columns });
  return weightedGram(
    P,
    columns.map((_, j) => j),
    null,
  );
}
