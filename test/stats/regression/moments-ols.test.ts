import { describe, expect, it } from 'vitest';
import { cellMoments, mergeCells, rowsByCell } from '../../../src/stats/regression/cell-moments.js';
import { absorbedOlsCr1 } from '../../../src/stats/regression/moments-ols.js';
import { clusterVcov, fitLinear } from '../../../src/stats/regression/index.js';
import { Prng } from '../../../src/util/prng.js';

describe('cellMoments and mergeCells', () => {
  it('give each cell its count, means and centred cross-products, and a merged group the within-group ones (hand values)', () => {
    // cell 0: rows 0, 2 (x = 1, 3; y = 2, 6); cell 1: rows 1, 3 (x = 5, 5; y = 1, 3); row 4 left out
    const x = Float64Array.from([1, 5, 3, 5, 100]);
    const y = Float64Array.from([2, 1, 6, 3, 100]);
    const m = cellMoments([x, y], rowsByCell(Int32Array.from([0, 1, 0, 1, -1]), 2));
    expect(Array.from(m.n)).toEqual([2, 2]);
    expect(Array.from(m.mean)).toEqual([2, 4, 5, 2]);
    // cell 0: Σ(x − 2)² = 2, Σ(x − 2)(y − 4) = 4, Σ(y − 4)² = 8; cell 1: x constant, Σ(y − 2)² = 2
    expect(Array.from(m.cross)).toEqual([2, 4, 4, 8, 0, 0, 0, 2]);
    expect(Array.from(m.raw)).toEqual([10, 40, 50, 10]);
    // both cells in one group: means (3.5, 3); Σ(x − 3.5)² = 2 + 2·2.25 + 2·2.25 = 11, Σ(x − 3.5)(y − 3) = 4 + 2·(−1.5)(1) + 2·(1.5)(−1) = −2,
    // Σ(y − 3)² = 8 + 2 + 2·1² + 2·(−1)² = 14 (= 1 + 4 + 9 + 0 over the four rows)
    const g = mergeCells(m, Int32Array.from([0, 0]), 1);
    expect(Array.from(g.mean)).toEqual([3.5, 3]);
    expect(Array.from(g.cross)).toEqual([11, -2, -2, 14]);
  });
});

describe('absorbedOlsCr1', () => {
  it('equals fitLinear with the groups absorbed and CR1 clustered by the same groups', () => {
    const rng = new Prng(3);
    const n = 600;
    const G = 12;
    const group = Int32Array.from({ length: n }, () => rng.int(0, G - 1));
    const t = Float64Array.from({ length: n }, () => (rng.chance(0.4) ? 1 : 0));
    const x1 = Float64Array.from({ length: n }, () => 50 + 10 * rng.normal());
    const x2 = Float64Array.from({ length: n }, () => (rng.chance(0.1) ? 1 : 0));
    const school = Float64Array.from(group, (g) => g * 0.5); // constant within every group: absorbed
    const dup = Float64Array.from(x1, (v, i) => 2 * v - x2[i]!); // aliased: dropped
    const y = Float64Array.from({ length: n }, (_, i) => 3 + 0.4 * t[i]! + 0.02 * x1[i]! - 0.3 * x2[i]! + group[i]! * 0.1 + rng.normal());
    const ones = new Float64Array(n).fill(1);
    const X = { n, names: ['(Intercept)', 'treatment', 'x1', 'x2', 'school', 'dup'], columns: [ones, t, x1, x2, school, dup] };
    const fit = fitLinear(X, y, { absorb: { codes: group } });
    const { vcov } = clusterVcov(fit, X, group, 'CR1');
    const m = absorbedOlsCr1(mergeCells(cellMoments([...X.columns, y], rowsByCell(group, G)), Int32Array.from({ length: G }, (_, g) => g), G));
    expect(m.keep.map((j) => X.names[j])).toEqual(fit.names);
    expect(fit.names).toEqual(['treatment', 'x1', 'x2']);
    expect([m.N, m.K, m.G]).toEqual([n, 3 + G, G]);
    m.coef.forEach((b, a) => expect(b).toBeCloseTo(fit.coef[a]!, 12));
    m.vcov.forEach((v, e) => expect(Math.abs(v - vcov[e]!)).toBeLessThan(1e-12 * Math.max(1, Math.abs(vcov[e]!))));
  });

  it('gives NaN covariances with a single cluster, as clusterVcov', () => {
    const x = Float64Array.from([0, 1, 0, 1, 1]);
    const y = Float64Array.from([1, 2, 1.5, 2.5, 3]);
    const m = absorbedOlsCr1(cellMoments([x, y], [Int32Array.from([0, 1, 2, 3, 4])]));
    expect(m.coef[0]).toBeCloseTo(2.5 - 1.25, 12); // mean of visited (2.5) − mean of the others (1.25)
    expect(Number.isNaN(m.vcov[0]!)).toBe(true);
  });
});
