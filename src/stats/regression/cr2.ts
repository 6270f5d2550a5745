/**
 * Bell–McCaffrey (CR2) adjustment matrices, as clubSandwich::vcovCR(type = "CR2") forms them
 * for the fit's class, without ever forming an n_g×n_g matrix for a large cluster:
 *  - unweighted (or equally weighted) lm: A_g = (I − H_gg)^{+1/2}, working independence
 *    (cr2-unweighted.ts; vcovCR.lm with inverse_var = TRUE);
 *  - weighted lm: A_g = [(I − H_X)(I − H_X)′]_gg^{+1/2}, weights not taken as inverse variances
 *    (cr2-weighted.ts; vcovCR.lm's default inverse_var = FALSE for weighted fits);
 *  - logistic and Poisson: A_g = Θ^{1/2}[Θ(I − H_gg)Θ]^{+1/2}Θ^{1/2}, Θ = V(μ)/w
 *    (cr2-glm.ts; vcovCR.glm, inverse_var = TRUE); also a gaussian fit flagged
 *    inverseVarianceWeights (Θ = 1/w: vcovCR.rma.uni, inverse_var = TRUE).
 * Each cluster yields a Cr2Block (cr2-block.ts): the adjusted cluster score and the pieces of
 * the Satterthwaite df. Only the columns that are non-zero in cluster g ("active", q of them)
 * enter its computations.
 */
import { type Design, type PreparedDesign, prepareDesign, weightedGram } from './design.js';
import type { GlmFit } from './glm.js';
import { type ClusterIndex, checkFitDesign, indexClusters, sandwich, scoreMultipliers } from './clusters.js';
import type { Cr2Block } from './cr2-block.js';
import { unweightedBlock } from './cr2-unweighted.js';
import { weightedBlock } from './cr2-weighted.js';
import { glmBlock } from './cr2-glm.js';
import { nestedIn } from './absorb.js';
import { type LocalBlock, absorbedBlock } from './cr2-absorbed.js';

export { SINGULAR_TOL } from './cr2-hat.js';
export { cr2GlmTuning } from './cr2-glm.js';

/** Clusters are processed in batches holding at most batchEntries Z̃ entries (8M doubles = 64 MB); mutable for tests. */
export const cr2Tuning = { batchEntries: 8_000_000 };

/** Which clubSandwich form of the adjustment a fit gets. */
export type Cr2Form = 'unweighted' | 'weighted' | 'glm';

export interface Cr2Prep {
  index: ClusterIndex;
  blocks: Cr2Block[];
  P: PreparedDesign;
  form: Cr2Form;
  /** Ω = B (X′W²X) B for the weighted-lm form (the Satterthwaite cross terms), else null. */
  omega: Float64Array | null;
  /** Number of directions treated as singular (pseudo-inverse), summed over clusters. */
  singular: number;
}

const cache = new WeakMap<GlmFit, { X: Design; cluster: Int32Array; columns: Float64Array[]; prep: Cr2Prep }>();

/** The clubSandwich form for a fit: GLMs and inverse-variance weighted fits (rma.uni) get the inverse-variance form, lm the weighted one unless its weights are all equal. */
export function cr2Form(fit: GlmFit): Cr2Form {
  if (fit.family !== 'gaussian' || fit.inverseVarianceWeights === true) return 'glm';
  let w0 = NaN;
  for (const w of fit.priorWeights) {
    if (!(w > 0)) continue;
    if (Number.isNaN(w0)) w0 = w;
    else if (w !== w0) return 'weighted';
  }
  return 'unweighted';
}

/** CR2 building blocks for (fit, X, cluster), cached per fit for the same X and cluster arrays. */
export function prepareCr2(fit: GlmFit, X0: Design, cluster: Int32Array): Cr2Prep {
  // Absorbed fixed effects: the demeaned design, exact when the groups are nested in the clusters
  // (the adjustment of the dummy-variable fit then acts on X̃ as on the absorbed design itself).
  const X = fit.absorbed?.design ?? X0;
  if (fit.absorbed !== undefined && !nestedIn(fit.absorbed.groups.of, cluster)) {
    throw new RangeError('CR2 with absorbed fixed effects needs every fixed-effect group within one cluster');
  }
  const hit = cache.get(fit);
  if (
    hit !== undefined &&
    hit.X === X &&
    hit.cluster === cluster &&
    hit.columns.length === X.columns.length &&
    hit.columns.every((c, j) => c === X.columns[j])
  ) {
    return hit.prep;
  }
  checkFitDesign(fit, X0);
  const prep = buildCr2(fit, prepareDesign(X), indexClusters(cluster, fit.priorWeights));
  cache.set(fit, { X, cluster, columns: X.columns.slice(), prep });
  return prep;
}

function buildCr2(fit: GlmFit, P: PreparedDesign, index: ClusterIndex): Cr2Prep {
  const n = P.n;
  const p = fit.p;
  const { G, of } = index;
  const form = cr2Form(fit);
  const ww = fit.workingWeights;
  const prior = fit.priorWeights;
  const s = scoreMultipliers(fit);
  // Row scale of the scattered design: Z̃ = W^{1/2} X̃ (working weights), raw X̃ for the weighted lm.
  const rowScale = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (of[i]! < 0) continue;
    rowScale[i] = form === 'weighted' ? 1 : ww[i]! > 0 ? Math.sqrt(ww[i]!) : 0;
  }
  let omega: Float64Array | null = null;
  if (form === 'weighted') {
    const w2 = new Float64Array(n);
    for (let i = 0; i < n; i++) w2[i] = of[i]! >= 0 ? prior[i]! * prior[i]! : 0;
    omega = sandwich(fit.bread, weightedGram(P, fit.columnIndex, w2), p);
  }
  // absorbed fixed effects: the kept columns of X̃ by coefficient and the squared prior weights (cr2-absorbed.ts)
  const xcols = Array.from(fit.columnIndex, (c) => P.columns[c]!);
  const wsq = form === 'weighted' && fit.absorbed !== undefined ? prior.map((w) => w * w) : null;
  const posInCluster = new Int32Array(n);
  index.rows.forEach((rows) => rows.forEach((i, k) => (posInCluster[i] = k)));

  // Active columns per cluster, and each column's position among its cluster's active ones.
  const activePos = new Int32Array(G * p).fill(-1);
  for (let a = 0; a < p; a++) {
    const c = fit.columnIndex[a]!;
    const idx = P.nzIndex[c];
    if (idx === null || idx === undefined) {
      const x = P.columns[c]!;
      for (let i = 0; i < n; i++) {
        if (x[i] !== 0) {
          const g = of[i]!;
          if (g >= 0) activePos[g * p + a] = 0;
        }
      }
    } else {
      for (let k = 0; k < idx.length; k++) {
        const g = of[idx[k]!]!;
        if (g >= 0) activePos[g * p + a] = 0;
      }
    }
  }
  const actives: Int32Array[] = [];
  for (let g = 0; g < G; g++) {
    const list: number[] = [];
    for (let a = 0; a < p; a++) {
      if (activePos[g * p + a] === 0) {
        activePos[g * p + a] = list.length;
        list.push(a);
      }
    }
    actives.push(Int32Array.from(list));
  }

  const blocks: Cr2Block[] = new Array<Cr2Block>(G);
  let singular = 0;
  // Batches of clusters: their Z̃ blocks (q_g columns of length n_g, column-major) live in one
  // flat buffer, filled by scattering each design column once in row order.
  const offset = new Int32Array(G * p);
  let g0 = 0;
  while (g0 < G) {
    let g1 = g0;
    let entries = 0;
    offset.fill(-1);
    while (g1 < G && (g1 === g0 || entries + actives[g1]!.length * index.rows[g1]!.length <= cr2Tuning.batchEntries)) {
      const ng = index.rows[g1]!.length;
      const act = actives[g1]!;
      for (let k = 0; k < act.length; k++) offset[g1 * p + act[k]!] = entries + k * ng;
      entries += act.length * ng;
      g1++;
    }
    const flat = new Float64Array(entries);
    for (let a = 0; a < p; a++) {
      const c = fit.columnIndex[a]!;
      const x = P.columns[c]!;
      const idx = P.nzIndex[c];
      if (idx === null || idx === undefined) {
        for (let i = 0; i < n; i++) {
          const g = of[i]!;
          if (g < 0) continue;
          const off = offset[g * p + a]!;
          if (off >= 0) flat[off + posInCluster[i]!] = rowScale[i]! * x[i]!;
        }
      } else {
        const val = P.nzValue[c]!;
        for (let k = 0; k < idx.length; k++) {
          const i = idx[k]!;
          const g = of[i]!;
          if (g < 0) continue;
          const off = offset[g * p + a]!;
          if (off >= 0) flat[off + posInCluster[i]!] = rowScale[i]! * val[k]!;
        }
      }
    }
    let base = 0;
    for (let g = g0; g < g1; g++) {
      const rows = index.rows[g]!;
      const len = actives[g]!.length * rows.length;
      const Zc = flat.subarray(base, base + len);
      base += len;
      const pick = (f: (i: number) => number) => Float64Array.from(rows, f);
      const make: LocalBlock = (B, Om, pp, act, Z) => {
        if (form === 'unweighted') return unweightedBlock(B, pp, rows, act, Z, pick((i) => (ww[i]! > 0 ? s[i]! / Math.sqrt(ww[i]!) : 0)));
        if (form === 'weighted') return weightedBlock(B, Om!, pp, rows, act, Z, pick((i) => prior[i]!), pick((i) => fit.residuals[i]!));
        // θ = V(μ)/w = working weight / w² for the canonical links (working weight = w V(μ)).
        return glmBlock(B, pp, rows, act, Z, pick((i) => ww[i]! / (prior[i]! * prior[i]!)), pick((i) => fit.residuals[i]!));
      };
      const b =
        fit.absorbed === undefined
          ? make(fit.bread, omega, p, actives[g]!, Zc)
          : absorbedBlock(fit.absorbed, fit.bread, omega, p, rows, actives[g]!, Zc, rowScale, xcols, wsq, make);
      blocks[g] = b;
      singular += b.singular;
    }
    g0 = g1;
  }
  return { index, blocks, P, form, omega, singular };
}
