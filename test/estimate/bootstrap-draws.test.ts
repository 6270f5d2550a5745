import { describe, expect, it } from 'vitest';
import { regressionBootstrapDraws } from '../../src/estimate/bootstrap-draws.js';
import { buildDesign } from '../../src/estimate/covariate-design.js';
import { OUTCOMES } from '../../src/estimate/outcomes.js';
import { clusterDrawCounts } from '../../src/stats/cluster-bootstrap.js';
import { fitLinear } from '../../src/stats/regression/index.js';
import { GENERATED_SPEC, generatedFrame } from './generated-frame.js';

describe('regressionBootstrapDraws', () => {
  it('equals the absorbed fixed-effects OLS refitted on every replicate with its schools drawn as frequency weights', () => {
    const frame = generatedFrame(15, 1200, 21);
    const def = OUTCOMES.find((d) => d.outcome === 'days_absent')!;
    const draws = regressionBootstrapDraws(frame, def, GENERATED_SPEC, 25, 4);
    // the same replicates by brute force: schools numbered in order of first appearance among the model rows
    const y = frame.numeric.days_absent!;
    const d = buildDesign(frame, GENERATED_SPEC, { rows: Uint8Array.from(y, (v) => (Number.isNaN(v) ? 0 : 1)), treatment: frame.numeric.visited! });
    const dense = new Map<number, number>();
    const school = Int32Array.from(d.index, (i) => {
      const c = frame.categorical.school_id!.codes[i]!;
      if (!dense.has(c)) dense.set(c, dense.size);
      return dense.get(c)!;
    });
    const yy = Float64Array.from(d.index, (i) => y[i]!);
    const counts = clusterDrawCounts(dense.size, 25, 4);
    expect(draws.length).toBe(25);
    counts.forEach((c, b) => {
      const fit = fitLinear(d.design, yy, { weights: Float64Array.from(school, (s) => c[s]!), absorb: d.fixedEffects! });
      const k = fit.names.indexOf('treatment');
      if (k < 0) expect(Number.isNaN(draws[b]!)).toBe(true);
      else expect(Math.abs(draws[b]! - fit.coef[k]!)).toBeLessThan(1e-9);
    });
    expect(new Set(draws).size).toBeGreaterThan(20);
  });
});
