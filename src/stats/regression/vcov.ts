/**
 * Heteroskedasticity- and cluster-robust covariance matrices of GLM coefficients.
 *
 * - HC1: n/(n − k) · B (Σ_i ψ_i ψ_i') B, as sandwich::vcovHC(fit, type = "HC1").
 * - CR1: G/(G − 1) · (N − 1)/(N − K) · B (Σ_g ψ_g ψ_g') B with K = every kept column, as
 *   sandwich::vcovCL(fit, cluster = ~g, type = "HC1") for lm and glm (Stata's logit/poisson
 *   apply only G/(G − 1)).
 * - CR2: B (Σ_g E_g r_g r_g′E_g′) B with E_g = X_g′W_g A_g and clubSandwich's A_g for the fit's
 *   class (lm, weighted lm, glm: see cr2.ts), no further scaling, as
 *   clubSandwich::vcovCR(fit, cluster, type = "CR2").
 *
 * B is the fit's bread (X'WX)^{-1}; ψ_i = s_i x_i is the estimating function of row i
 * (sandwich's estfun: prior weight × (y − μ) × x for these canonical links).
 *
 * A fit with absorbed fixed effects (absorb.ts) uses its demeaned design X̃ in place of X: the
 * bread and the scores of the kept coefficients are those of the dummy-variable fit, and K adds
 * the absorbed groups. CR2 needs the groups nested within the clusters (see cr2.ts).
 */
import { type Design, prepareDesign, weightedGram } from './design.js';
import type { GlmFit } from './glm.js';
import { checkFitDesign, clusterScoreColumns, indexClusters, sandwich, scoreMultipliers } from './clusters.js';
import { prepareCr2 } from './cr2.js';

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
 * (ignored for HC1). Rows with prior weight 0 are left out of N and G. With fewer than two
 * clusters (or N ≤ K for CR1/HC1) the covariance is undefined and every entry is NaN.
 */
export function clusterVcov(fit: GlmFit, X0: Design, cluster: Int32Array, type: VcovType): ClusterVcov {
  checkFitDesign(fit, X0);
  // With absorbed fixed effects every estimator works on the demeaned design (absorb.ts) and K
  // counts the absorbed groups.
  const X = fit.absorbed?.design ?? X0;
  const p = fit.p;
  const K = p + (fit.absorbed?.count ?? 0);
  const N = fit.n;
  if (p === 0) return { vcov: new Float64Array(0), clusters: type === 'HC1' ? N : 0 };
  const s = scoreMultipliers(fit);

  if (type === 'HC1') {
    if (N <= K) return { vcov: new Float64Array(p * p).fill(NaN), clusters: N };
    const P = prepareDesign(X);
    const s2 = s.map((v) => v * v);
    const meat = weightedGram(P, fit.columnIndex, s2);
    return { vcov: sandwich(fit.bread, meat, p, N / (N - K)), clusters: N };
  }

  if (type === 'CR1') {
    const P = prepareDesign(X);
    const index = indexClusters(cluster, fit.priorWeights);
    const G = index.G;
    if (G < 2 || N <= K) return { vcov: new Float64Array(p * p).fill(NaN), clusters: G };
    // Cluster-summed scores Ψ (G×p), column-major, so that sparse columns (dummies active in a
    // few clusters) keep Ψ'Ψ cheap.
    const meat = gramOf(clusterScoreColumns(fit, P, index, s), G);
    const adj = (G / (G - 1)) * ((N - 1) / (N - K));
    return { vcov: sandwich(fit.bread, meat, p, adj), clusters: G };
  }

  if (type === 'CR2') {
    const prep = prepareCr2(fit, X0, cluster);
    const G = prep.index.G;
    if (G < 2) return { vcov: new Float64Array(p * p).fill(NaN), clusters: G };
    const psi: Float64Array[] = [];
    for (let a = 0; a < p; a++) psi.push(new Float64Array(G));
    prep.blocks.forEach((bl, g) => {
      for (let a = 0; a < bl.active.length; a++) psi[bl.active[a]!]![g] = bl.score[a]!;
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
