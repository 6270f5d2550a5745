import { describe, expect, it } from 'vitest';
import {
  clusterBootstrapWeights,
  clusterCount,
  clusterDrawCounts,
  clusterOlsRefitter,
  olsBootstrapDraws,
  rowWeightsFromCounts,
} from '../../src/stats/index.js';
import { fitLinear } from '../../src/stats/regression/glm.js';
import type { Design } from '../../src/stats/regression/design.js';

function design(cols: Record<string, number[]>): Design {
  const names = Object.keys(cols);
  return { n: cols[names[0]!]!.length, names, columns: names.map((k) => Float64Array.from(cols[k]!)) };
}

describe('cluster bootstrap weights', () => {
  // 3 clusters of sizes 2, 3 and 5 (n = 10)
  const clusters = Int32Array.of(0, 0, 1, 1, 1, 2, 2, 2, 2, 2);
  const sizes = [2, 3, 5];

  it('is deterministic for a seed and differs between seeds', () => {
    expect(clusterBootstrapWeights(clusters, 20, 7)).toEqual(clusterBootstrapWeights(clusters, 20, 7));
    expect(clusterDrawCounts(12, 20, 7)).toEqual(clusterDrawCounts(12, 20, 7));
    expect(clusterDrawCounts(12, 20, 7)).not.toEqual(clusterDrawCounts(12, 20, 8));
  });

  it('gives every row its cluster draw count, so a cluster weighs a multiple of its size', () => {
    const counts = clusterDrawCounts(3, 200, 1);
    const weights = clusterBootstrapWeights(clusters, 200, 1);
    for (let b = 0; b < 200; b++) {
      const k = counts[b]!;
      // G = 3 clusters are drawn in each replicate
      expect(k[0]! + k[1]! + k[2]!).toBe(3);
      const w = weights[b]!;
      for (let i = 0; i < clusters.length; i++) expect(w[i]).toBe(k[clusters[i]!]);
      // each cluster's weight total is k_g × its size, and the total is Σ k_g n_g
      const byCluster = [0, 0, 0];
      for (let i = 0; i < clusters.length; i++) byCluster[clusters[i]!]! += w[i]!;
      for (let g = 0; g < 3; g++) expect(byCluster[g]).toBe(k[g]! * sizes[g]!);
      expect(w.reduce((s, v) => s + v, 0)).toBe(2 * k[0]! + 3 * k[1]! + 5 * k[2]!);
    }
  });

  it('sums the weights to n when the clusters have equal sizes', () => {
    // 3 clusters of 4 rows: Σ_g 4·k_g = 4·3 = 12 = n in every replicate
    const equal = Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2);
    for (const w of clusterBootstrapWeights(equal, 100, 3)) expect(w.reduce((s, v) => s + v, 0)).toBe(12);
  });

  it('draws each cluster once per replicate on average (Binomial(3, 1/3) counts)', () => {
    // E k_g = 1 and Var k_g = 3 · 1/3 · 2/3 = 2/3, so the mean over 20,000 replicates has SD 0.0058
    const counts = clusterDrawCounts(3, 20000, 11);
    for (let g = 0; g < 3; g++) {
      const mean = counts.reduce((s, k) => s + k[g]!, 0) / counts.length;
      expect(mean).toBeGreaterThan(1 - 0.03);
      expect(mean).toBeLessThan(1 + 0.03);
    }
    // P(k_g = 3) = (1/3)³ = 1/27 ≈ 0.037 (SD of the share 0.0013)
    const three = counts.filter((k) => k[0] === 3).length / counts.length;
    expect(Math.abs(three - 1 / 27)).toBeLessThan(0.007);
  });

  it('refuses cluster indices that are negative or leave a cluster empty', () => {
    expect(() => clusterCount(Int32Array.of(0, 2, 2))).toThrow(/cluster 1 of 0..2 has no rows/);
    expect(() => clusterCount(Int32Array.of(0, -1))).toThrow(RangeError);
    expect(clusterCount(Int32Array.of(1, 0, 1))).toBe(2);
  });
});

describe('olsBootstrapDraws', () => {
  // 4 schools of 5 students with some noise, treatment D varying within schools
  const clusters = Int32Array.from({ length: 20 }, (_, i) => Math.floor(i / 5));
  const D = Array.from({ length: 20 }, (_, i) => (i % 5 < 2 ? 1 : 0));
  const x = Array.from({ length: 20 }, (_, i) => Math.sin(i + 1));
  const noise = Array.from({ length: 20 }, (_, i) => Math.cos(3 * i) * 0.7);
  const y = Float64Array.from(D, (d, i) => 2 + 1.5 * d + 0.8 * x[i]! + clusters[i]! * 0.3 + noise[i]!);
  const X = design({ '(Intercept)': D.map(() => 1), D, x });

  it('with every cluster drawn once equals the plain OLS fit', () => {
    const plain = fitLinear(X, y);
    const refit = clusterOlsRefitter(X, y, clusters, 'D');
    expect(refit(Int32Array.of(1, 1, 1, 1))).toBeCloseTo(plain.coef[plain.names.indexOf('D')]!, 10);
    const refitX = clusterOlsRefitter(X, y, clusters, 'x');
    expect(refitX(Int32Array.of(1, 1, 1, 1))).toBeCloseTo(plain.coef[plain.names.indexOf('x')]!, 10);
  });

  it('equals fitLinear with the replicate row weights, in both the Gram and the fallback path', () => {
    const B = 25;
    const draws = olsBootstrapDraws(X, y, clusters, 'D', B, 5);
    const weights = clusterBootstrapWeights(clusters, B, 5);
    const fallback = clusterOlsRefitter(X, y, clusters, 'D', 0);
    const counts = clusterDrawCounts(4, B, 5);
    expect(draws.length).toBe(B);
    for (let b = 0; b < B; b++) {
      const fit = fitLinear(X, y, { weights: weights[b]! });
      const k = fit.names.indexOf('D');
      const expected = k < 0 ? NaN : fit.coef[k]!;
      if (Number.isNaN(expected)) {
        expect(draws[b]).toBeNaN();
      } else {
        expect(draws[b]).toBeCloseTo(expected, 9);
        expect(fallback(counts[b]!)).toBeCloseTo(expected, 12);
      }
    }
    // the draws vary (not all the same replicate)
    expect(new Set(Array.from(draws, (d) => d.toFixed(8))).size).toBeGreaterThan(5);
    expect(olsBootstrapDraws(X, y, clusters, 'D', B, 5)).toEqual(draws);
  });

  it('recovers an exact slope in every replicate and gives NaN when the column is aliased', () => {
    // y = 1 + 4·D exactly: every replicate that has both treated and untreated rows gives 4
    const cl = Int32Array.of(0, 0, 1, 1, 2, 2);
    const d = [1, 1, 0, 1, 0, 0]; // cluster 0 all treated, cluster 2 all untreated
    const Xe = design({ '(Intercept)': [1, 1, 1, 1, 1, 1], D: d });
    const ye = Float64Array.from(d, (v) => 1 + 4 * v);
    const refit = clusterOlsRefitter(Xe, ye, cl, 'D');
    expect(refit(Int32Array.of(1, 1, 1))).toBeCloseTo(4, 12);
    expect(refit(Int32Array.of(2, 0, 1))).toBeCloseTo(4, 12);
    // only cluster 0 (all treated) or only cluster 2 (none treated): D is constant, so aliased
    expect(refit(Int32Array.of(3, 0, 0))).toBeNaN();
    expect(refit(Int32Array.of(0, 0, 3))).toBeNaN();
    for (const v of olsBootstrapDraws(Xe, ye, cl, 'D', 50, 2)) if (!Number.isNaN(v)) expect(v).toBeCloseTo(4, 10);
  });

  it('names a missing column', () => {
    expect(() => olsBootstrapDraws(X, y, clusters, 'treated', 5, 1)).toThrow(/no design column named "treated"/);
  });

  it('row weights come straight from the counts', () => {
    expect(Array.from(rowWeightsFromCounts(Int32Array.of(2, 0, 1, 2), Int32Array.of(0, 3, 1)))).toEqual([1, 0, 3, 1]);
  });
});
