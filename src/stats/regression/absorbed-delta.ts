/**
 * Delta-method SE of a function of an absorbed fit's coefficients and fixed effects (an AME),
 * equal to deltaMethodSe(g, V) of the dummy-variable fit. In the parametrisation of the demeaned
 * design (β, γ_f = α_f + x̄_f′β) the bread is block diagonal, diag(B̃, M⁻¹) with M_f = Σ_f working
 * weights, so row i's influence on g′(β, γ) is e_i = s_i (g′B̃x̃_i + g_γf / M_f): CR1 and HC1 sum
 * e_i within clusters (rows). CR2 (groups nested in the clusters) sums the adjusted cluster
 * scores the same way, their group part included (it is not 0 for a GLM or a weighted lm).
 */
import type { Design } from './design.js';
import type { GlmFit } from './glm.js';
import { checkFitDesign, indexClusters, scoreMultipliers } from './clusters.js';
import type { VcovType } from './vcov.js';
import { matVec } from './linalg.js';
import { prepareCr2 } from './cr2.js';

/** CR2: Σ_g (v′score_gX + Σ_{f∈g} g_γf score_gf / M_f)², v = B̃g, from the adjusted cluster scores of cr2-absorbed.ts. */
function cr2DeltaSe(fit: GlmFit, X: Design, cluster: Int32Array, gradient: Float64Array, groupGradient: Float64Array): number {
  const ab = fit.absorbed!;
  const prep = prepareCr2(fit, X, cluster);
  if (prep.index.G < 2) return NaN;
  const v = matVec(fit.bread, fit.p, fit.p, gradient);
  let sum = 0;
  for (const bl of prep.blocks) {
    let t = 0;
    for (let a = 0; a < bl.active.length; a++) t += v[bl.active[a]!]! * bl.score[a]!;
    const gs = bl.groupScore!;
    for (let l = 0; l < gs.groups.length; l++) t += (groupGradient[gs.groups[l]!]! * gs.score[l]!) / ab.groupWeight[gs.groups[l]!]!;
    sum += t * t;
  }
  return Math.sqrt(sum);
}

/** SE of g′β + gγ′γ for an absorbed fit (gradient over fit.coef, groupGradient over its groups); CR2 needs the groups nested in the clusters. */
export function absorbedDeltaSe(fit: GlmFit, X: Design, cluster: Int32Array, type: VcovType, gradient: Float64Array, groupGradient: Float64Array): number {
  const ab = fit.absorbed;
  if (ab === undefined) throw new RangeError('absorbedDeltaSe needs a fit with absorbed fixed effects');
  if (type === 'CR2') return cr2DeltaSe(fit, X, cluster, gradient, groupGradient);
  checkFitDesign(fit, X);
  const p = fit.p;
  const N = fit.n;
  const K = p + ab.count;
  const v = matVec(fit.bread, p, p, gradient);
  const s = scoreMultipliers(fit);
  const cols = Array.from(fit.columnIndex, (c) => ab.design.columns[c]!);
  const e = new Float64Array(X.n);
  for (let i = 0; i < X.n; i++) {
    const f = ab.groups.of[i]!;
    if (f < 0) continue;
    let t = groupGradient[f]! / ab.groupWeight[f]!;
    for (let a = 0; a < p; a++) t += v[a]! * cols[a]![i]!;
    e[i] = s[i]! * t;
  }
  if (type === 'HC1') {
    if (N <= K) return NaN;
    let sum = 0;
    for (let i = 0; i < X.n; i++) sum += e[i]! * e[i]!;
    return Math.sqrt((N / (N - K)) * sum);
  }
  const index = indexClusters(cluster, fit.priorWeights);
  const G = index.G;
  if (G < 2 || N <= K) return NaN;
  const byCluster = new Float64Array(G);
  for (let i = 0; i < X.n; i++) if (index.of[i]! >= 0) byCluster[index.of[i]!]! += e[i]!;
  let sum = 0;
  for (let g = 0; g < G; g++) sum += byCluster[g]! * byCluster[g]!;
  return Math.sqrt((G / (G - 1)) * ((N - 1) / (N - K)) * sum);
}
