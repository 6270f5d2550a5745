import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modelEffect } from '../../src/estimate/model-estimate.js';
import { satterthwaiteDf, type Design } from '../../src/stats/regression/index.js';
import { tQuantile } from '../../src/stats/index.js';

/**
 * modelEffect against clubSandwich on the fixture of test/stats/regression (see
 * r-reference/clubsandwich-cr2.R there): the AME's SE and Satterthwaite df are R's
 * linear_contrast(fit, "CR2", contrasts = AME gradient, test = "Satterthwaite"); the odds/rate
 * ratio's CI uses coef_test's df of the coefficient.
 */
const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../stats/regression/fixtures');
const ref = JSON.parse(readFileSync(join(fixtures, 'cr2-reference.json'), 'utf8'));
const [head, ...lines] = readFileSync(join(fixtures, 'cr2-fixture.csv'), 'utf8').trim().split('\n');
const names = head!.split(',');
const d: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, []]));
for (const l of lines) l.split(',').forEach((v, j) => d[names[j]!]!.push(Number(v)));
const n = d.school!.length;
const X: Design = {
  n,
  names: ['(Intercept)', 'treatment', 'x1', 'x2'],
  columns: [new Float64Array(n).fill(1), Float64Array.from(d.treatment!), Float64Array.from(d.x1!), Float64Array.from(d.x2!)],
};
const t = Float64Array.from(d.treatment!);
const cluster = Int32Array.from(d.school!);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('modelEffect with CR2', () => {
  for (const [family, key, y] of [
    ['binomial', 'logit', d.y_bin!],
    ['poisson', 'poisson', d.y_cnt!],
  ] as const) {
    it(`${family}: AME, its SE and the df of the AME's own contrast are clubSandwich's; the ratio CI uses the coefficient's df`, () => {
      const r = ref[key];
      const e = modelEffect(family, X, Float64Array.from(y), t, cluster, 'CR2');
      expect(rel(e.estimate, r.ame)).toBeLessThan(1e-8);
      expect(rel(e.se, r.contrast_se)).toBeLessThan(1e-6);
      expect(rel(e.df!, r.contrast_df)).toBeLessThan(1e-6);
      expect(Math.abs(e.df! - r.df_treatment)).toBeGreaterThan(0.1); // the two df really differ here
      const q = tQuantile(0.975, e.df!);
      expect(e.ci_high - e.estimate).toBeCloseTo(q * e.se, 12);
      expect(rel(e.ratio!, Math.exp(r.coef[1]))).toBeLessThan(1e-8);
      const qb = tQuantile(0.975, r.df_treatment);
      expect(rel(e.ratio_ci_low!, Math.exp(r.coef[1] - qb * r.se_treatment))).toBeLessThan(1e-6);
      expect(rel(e.ratio_ci_high!, Math.exp(r.coef[1] + qb * r.se_treatment))).toBeLessThan(1e-6);
      expect(e.se_type).toBe('cr2_satterthwaite');
      expect(e.clusters).toBe(8);
      expect(e.warnings).toEqual([]);
    });
  }

  it('gaussian (weighted): the coefficient with clubSandwich SE and df', () => {
    const r = ref.wls;
    const e = modelEffect('gaussian', X, Float64Array.from(d.y_cont!), t, cluster, 'CR2', Float64Array.from(d.w!));
    expect(rel(e.estimate, r.coef[1])).toBeLessThan(1e-10);
    expect(rel(e.se, r.se_treatment)).toBeLessThan(1e-6);
    expect(rel(e.df!, r.df_treatment)).toBeLessThan(1e-6);
    expect(e.ratio).toBeNull();
  });

  it('opts.effect reports another column of a gaussian model (the treated vector plays no part)', () => {
    const y = Float64Array.from(d.y_cont!);
    const e = modelEffect('gaussian', X, y, new Float64Array(n), cluster, 'CR2', undefined, { effect: 'x1' });
    expect(rel(e.estimate, ref.ols.coef[2])).toBeLessThan(1e-10);
    const again = modelEffect('gaussian', X, y, t, cluster, 'CR2', undefined, { effect: 'x1' });
    expect(again.estimate).toBe(e.estimate);
    const c = Float64Array.of(0, 0, 1, 0);
    expect(e.df).toBeCloseTo(satterthwaiteDf(e.fit, X, cluster, c), 12);
    expect(e.df).not.toBeCloseTo(ref.ols.df_treatment, 3);
    expect(() => modelEffect('gaussian', X, y, t, cluster, 'CR2', undefined, { effect: 'nope' })).toThrow(/nope/);
    expect(() => modelEffect('binomial', X, Float64Array.from(d.y_bin!), t, cluster, 'CR2', undefined, { effect: 'x1' })).toThrow(RangeError);
  });

  it('CR1: t with G − 1 df for the AME and the ratio; HC1: normal (df null)', () => {
    const e = modelEffect('binomial', X, Float64Array.from(d.y_bin!), t, cluster, 'CR1');
    expect(e.df).toBe(7);
    expect(e.se_type).toBe('cr1_t');
    expect(e.ci_high - e.estimate).toBeCloseTo(tQuantile(0.975, 7) * e.se, 12);
    const h = modelEffect('binomial', X, Float64Array.from(d.y_bin!), t, cluster, 'HC1');
    expect(h.df).toBeNull();
    expect(h.ci_high - h.estimate).toBeCloseTo(1.959963984540054 * h.se, 10);
  });

  it('passes the fit warnings through as codes (separation with its row count)', () => {
    // school 1 (rows 0..5) without any event, with a school dummy: quasi-separation.
    const y = Float64Array.from(d.y_bin!, (v, i) => (d.school![i] === 1 ? 0 : v));
    const Xs: Design = { n, names: [...X.names, 'school_1'], columns: [...X.columns, Float64Array.from(d.school!, (s) => (s === 1 ? 1 : 0))] };
    const e = modelEffect('binomial', Xs, y, t, cluster, 'CR1');
    expect(e.converged).toBe(false);
    expect(e.warnings).toEqual([{ code: 'separation', rows: 6 }]);
  });
});
