/**
 * Seeded cluster (block) bootstrap: each replicate draws G clusters with replacement, and every
 * row gets the frequency weight of its cluster (how many times that cluster was drawn), so a
 * weighted refit is the fit on the resampled data.
 *
 * For OLS the refit is done from per-cluster sufficient statistics: X′WX = Σ_g k_g X_g′X_g and
 * X′Wy = Σ_g k_g X_g′y_g, solved with the regression code's Cholesky (src/stats/regression/linalg.ts),
 * so a replicate costs O(G·p²) instead of a pass over the rows. It equals fitLinear with the row
 * weights up to rounding (and its iterative-refinement step); with very many clusters it falls back
 * to fitLinear itself.
 */
import { Prng } from '../util/prng.js';
import { type Design, prepareDesign, weightedCross, weightedGram } from './regression/design.js';
import { fitLinear } from './regression/glm.js';
import { RANK_TOL, choleskySolve, choleskyWithDrop } from './regression/linalg.js';

/** Stream of the project's Prng reserved for the cluster bootstrap ("boot"). */
const BOOTSTRAP_STREAM = 0x626f6f74;

/** Above this many stored doubles (G·p²) the OLS refit goes through fitLinear instead of per-cluster Gram matrices. */
const MAX_GRAM_DOUBLES = 2e7;

/** Checks that clusters are integers 0..G−1 with every cluster present and returns G. */
export function clusterCount(clusters: Int32Array): number {
  let G = 0;
  for (let i = 0; i < clusters.length; i++) {
    const c = clusters[i]!;
    if (c < 0) throw new RangeError(`cluster bootstrap: cluster index ${c} at row ${i} is negative`);
    if (c + 1 > G) G = c + 1;
  }
  const seen = new Uint8Array(G);
  for (let i = 0; i < clusters.length; i++) seen[clusters[i]!] = 1;
  const empty = seen.indexOf(0);
  if (empty >= 0) throw new RangeError(`cluster bootstrap: cluster ${empty} of 0..${G - 1} has no rows`);
  return G;
}

/** How many times each of G clusters is drawn in each of B replicates (B arrays of length G, each summing to G), seeded. */
export function clusterDrawCounts(G: number, B: number, seed: number): Int32Array[] {
  if (!Number.isInteger(G) || G < 1) throw new RangeError(`cluster bootstrap: G must be a positive integer, got ${G}`);
  if (!Number.isInteger(B) || B < 1) throw new RangeError(`cluster bootstrap: B must be a positive integer, got ${B}`);
  const rng = new Prng(seed, BOOTSTRAP_STREAM);
  const out: Int32Array[] = [];
  for (let b = 0; b < B; b++) {
    const counts = new Int32Array(G);
    for (let k = 0; k < G; k++) counts[rng.int(0, G - 1)]!++;
    out.push(counts);
  }
  return out;
}

/** The rows of each cluster 0..G − 1, ascending. */
function rowsByCluster(clusters: Int32Array, G: number): Int32Array[] {
  const counts = new Int32Array(G);
  for (let i = 0; i < clusters.length; i++) counts[clusters[i]!]!++;
  const rows = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(G);
  for (let i = 0; i < clusters.length; i++) rows[clusters[i]!]![fill[clusters[i]!]!++] = i;
  return rows;
}

/** v at the indices `rows`. */
function gather(v: Float64Array, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = v[rows[k]!]!;
  return out;
}

/** Row frequency weights of one replicate: row i gets counts[clusters[i]]. */
export function rowWeightsFromCounts(clusters: Int32Array, counts: Int32Array): Float64Array {
  const w = new Float64Array(clusters.length);
  for (let i = 0; i < clusters.length; i++) w[i] = counts[clusters[i]!]!;
  return w;
}

/** The B replicates' row frequency weights of a seeded cluster bootstrap (one Float64Array of length n per replicate). */
export function clusterBootstrapWeights(clusters: Int32Array, B: number, seed: number): Float64Array[] {
  const G = clusterCount(clusters);
  return clusterDrawCounts(G, B, seed).map((counts) => rowWeightsFromCounts(clusters, counts));
}

/**
 * A function giving the OLS coefficient of design column `column` when cluster g has frequency
 * weight counts[g]; NaN when that column is aliased (dropped) in the weighted fit. Above
 * maxGramDoubles stored doubles (G·p²) each call refits with fitLinear instead.
 */
export function clusterOlsRefitter(
  X: Design,
  y: Float64Array,
  clusters: Int32Array,
  column: string,
  maxGramDoubles: number = MAX_GRAM_DOUBLES,
): (counts: Int32Array) => number {
  if (y.length !== X.n) throw new RangeError(`cluster bootstrap: response has length ${y.length}, design has ${X.n} rows`);
  if (clusters.length !== X.n) throw new RangeError(`cluster bootstrap: clusters have length ${clusters.length}, design has ${X.n} rows`);
  const target = X.names.indexOf(column);
  if (target < 0) throw new RangeError(`cluster bootstrap: no design column named "${column}"`);
  const G = clusterCount(clusters);
  const p = X.names.length;

  if (G * p * p > maxGramDoubles) {
    return (counts) => {
      if (counts.length !== G) throw new RangeError(`cluster bootstrap: ${counts.length} counts for ${G} clusters`);
      const fit = fitLinear(X, y, { weights: rowWeightsFromCounts(clusters, counts) });
      const k = fit.names.indexOf(column);
      return k < 0 ? NaN : fit.coef[k]!;
    };
  }

  // per-cluster X_g′X_g and X_g′y_g, once: a replicate only weights and sums them
  const rowsOf = rowsByCluster(clusters, G);
  const all = Array.from({ length: p }, (_, j) => j);
  const grams: Float64Array[] = [];
  const crosses: Float64Array[] = [];
  for (const rows of rowsOf) {
    const sub: Design = { n: rows.length, names: X.names, columns: X.columns.map((c) => gather(c, rows)) };
    const P = prepareDesign(sub);
    grams.push(weightedGram(P, all, null));
    crosses.push(weightedCross(P, all, null, gather(y, rows)));
  }

  return (counts) => {
    if (counts.length !== G) throw new RangeError(`cluster bootstrap: ${counts.length} counts for ${G} clusters`);
    const XtX = new Float64Array(p * p);
    const Xty = new Float64Array(p);
    for (let g = 0; g < G; g++) {
      const k = counts[g]!;
      if (k === 0) continue;
      const Gg = grams[g]!;
      const cg = crosses[g]!;
      // the upper triangle (X_g′X_g is exactly symmetric), mirrored below
      for (let a = 0; a < p; a++) {
        const o = a * p;
        for (let b = a; b < p; b++) XtX[o + b]! += k * Gg[o + b]!;
      }
      for (let j = 0; j < p; j++) Xty[j]! += k * cg[j]!;
    }
    for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) XtX[b * p + a] = XtX[a * p + b]!;
    const { keep, L } = choleskyWithDrop(XtX, p, RANK_TOL);
    const pos = keep.indexOf(target);
    if (pos < 0) return NaN;
    const beta = choleskySolve(L, keep.length, keep.map((j) => Xty[j]!));
    return beta[pos]!;
  };
}

/**
 * B seeded cluster-bootstrap draws of the OLS coefficient of design column `column` (NaN in a
 * replicate where that column is aliased, e.g. every drawn cluster has the same treatment).
 */
export function olsBootstrapDraws(
  X: Design,
  y: Float64Array,
  clusters: Int32Array,
  column: string,
  B: number,
  seed: number,
): Float64Array {
  const refit = clusterOlsRefitter(X, y, clusters, column);
  const counts = clusterDrawCounts(clusterCount(clusters), B, seed);
  return Float64Array.from(counts, (c) => refit(c));
}
