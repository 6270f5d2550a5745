import { describe, expect, it } from 'vitest';
import { equalSlopesWaldHc1 } from '../../../src/stats/regression/group-slopes-wald.js';
import { clusterVcov, fitLinear, waldTestP } from '../../../src/stats/regression/index.js';
import { Prng } from '../../../src/util/prng.js';

describe('equalSlopesWaldHc1', () => {
  it('equals the HC1 Wald test of the treatment × group columns of the absorbed dummy-interaction fit', () => {
    const rng = new Prng(11);
    const n = 800;
    const G = 9;
    const group = Int32Array.from({ length: n }, () => rng.int(0, G - 1));
    // group 0: everyone treated; group 1: nobody (no slope of their own)
    const t = Float64Array.from(group, (g) => (g === 0 ? 1 : g === 1 ? 0 : rng.chance(0.35) ? 1 : 0));
    const x1 = Float64Array.from({ length: n }, () => 20 + 4 * rng.normal());
    const x2 = Float64Array.from({ length: n }, () => (rng.chance(0.15) ? 1 : 0));
    const y = Float64Array.from({ length: n }, (_, i) => 1 + (0.2 + 0.05 * group[i]!) * t[i]! + 0.1 * x1[i]! + 0.5 * x2[i]! + 0.2 * group[i]! + (1 + x2[i]!) * rng.normal());
    const ones = new Float64Array(n).fill(1);
    const used = [2, 3, 4, 5, 6, 7, 8];
    const X = { n, names: ['(Intercept)', 'treatment', 'x1', 'x2'], columns: [ones, t, x1, x2] };
    const inter = used.slice(1).map((g) => Float64Array.from(t, (v, i) => (group[i] === g ? v : 0)));
    const Xi = { n, names: [...X.names, ...used.slice(1).map((g) => `t×${g}`)], columns: [...X.columns, ...inter] };
    const fit = fitLinear(Xi, y, { absorb: { codes: group } });
    const { vcov } = clusterVcov(fit, Xi, group, 'HC1');
    const expected = waldTestP(fit.coef, vcov, fit.p, used.slice(1).map((g) => fit.names.indexOf(`t×${g}`)));
    const got = equalSlopesWaldHc1({ n, names: ['(Intercept)', 'x1', 'x2'], columns: [ones, x1, x2] }, t, y, group, G, used);
    expect(expected).toBeGreaterThan(1e-6);
    expect(got).not.toBeNull();
    expect(Math.abs(got! - expected)).toBeLessThan(1e-10);
  });
});
