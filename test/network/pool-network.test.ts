import { describe, expect, it } from 'vitest';
import { metaAnalysis, metaRegression, robustMeta } from '../../src/stats/index.js';
import { poolBundles } from '../../src/network/pool-bundles.js';
import { poolNetwork } from '../../src/network/pool-network.js';
import { NetworkResultsSchema, type PooledCell } from '../../src/network/network-schema.js';
import type { LoadedNetwork } from '../../src/network/load-bundles.js';
import type { Bundle } from '../../src/network/bundle-schema.js';
import { bundleEstimate, bundleFixture } from './bundle-fixture.js';
import { POOLED_COLUMNS, pooledRows } from '../../src/network/report/network-tables.js';
import { forestAlt, forestChart } from '../../src/network/report/forest-chart.js';

const yi = [0.1, 0.2, 0.4];
const se = [0.1, 0.1, 0.2];
const es = [0.3, 0.5, 0.9];
const esSe = [0.12, 0.1, 0.25];
const fidelity = [0.9, 0.6, 0.4];

/** Three sites (two in CA, one in OR); site c's bundle hid its unadjusted estimate. */
function network(years: number[] = [2017, 2017, 2017], sites = ['a', 'b', 'c']): LoadedNetwork {
  const bundles: Bundle[] = sites.map((site, i) =>
    bundleFixture({ site, state: i < 2 ? 'CA' : 'OR', outcome_year: years[i]!, fidelity: { score: fidelity[i]!, practice_shares: [] }, reach: { share: 0.1 * (i + 1), threshold: 0.1, schools_at_threshold: 1, program_schools: 2 } }, [
      bundleEstimate({ method: 'regression', estimate: yi[i]!, se: se[i]!, effect_size: es[i]!, effect_size_se: esSe[i]! }),
      i === 2 ? bundleEstimate({ method: 'unadjusted', suppressed: true, estimate: null, se: null, n_treated: null, n_comparison: null, effect_size: null, effect_size_se: null }) : bundleEstimate({ method: 'unadjusted', estimate: yi[i]!, se: se[i]! }),
    ]),
  );
  return { bundles: bundles.map((bundle, i) => ({ file: `/x/b${i}.json`, shown: `b${i}.json`, bundle })), excluded: [], mixed: false, notes: [] };
}

const cell = (cells: PooledCell[], method: string, scale: string) => cells.find((c) => c.outcome === 'chronic_absence' && c.method === method && c.scale === scale)!;
const fit = (c: PooledCell, estimator: string) => c.fits.find((f) => f.estimator === estimator)!;
const ci = (c: PooledCell, estimator: string, method: string) => fit(c, estimator).cis.find((x) => x.ci_method === method)!;

describe('poolNetwork from bundles', () => {
  const r = poolBundles(network(), { generatedAt: '2020-01-01T00:00:00.000Z' });

  it('validates against the network schema', () => {
    expect(NetworkResultsSchema.safeParse(r).success).toBe(true);
  });

  it('fixed effect by hand: w = 100, 100, 25; μ = 40/225; SE = 1/15; Q = Σw(y − μ)²', () => {
    const c = cell(r.pooled, 'regression', 'difference');
    expect(c.k).toBe(3);
    expect(fit(c, 'FE').estimate).toBeCloseTo(40 / 225, 12);
    expect(fit(c, 'FE').se).toBeCloseTo(1 / 15, 12);
    const mu = 40 / 225;
    expect(c.heterogeneity!.q).toBeCloseTo(100 * (0.1 - mu) ** 2 + 100 * (0.2 - mu) ** 2 + 25 * (0.4 - mu) ** 2, 12);
    expect(c.heterogeneity!.q_df).toBe(2);
    expect(c.n_total).toBe(1200);
    expect(c.studies.map((s) => s.weights.find((w) => w.estimator === 'FE')!.weight)).toEqual([100 / 225, 100 / 225, 25 / 225].map((x) => expect.closeTo(x, 12)));
  });

  it('equals metaAnalysis on the same numbers for FE, DL and REML, Wald and HKSJ', () => {
    const c = cell(r.pooled, 'regression', 'difference');
    const vi = se.map((s) => s * s);
    for (const method of ['FE', 'DL', 'REML'] as const) {
      const z = metaAnalysis({ yi, vi }, { method, test: 'z' });
      expect(fit(c, method).estimate).toBe(z.estimate);
      expect(ci(c, method, 'wald')).toMatchObject({ ci_low: z.ci_low, ci_high: z.ci_high, p_value: z.p_value });
      if (method === 'FE') continue;
      const hk = metaAnalysis({ yi, vi }, { method, test: 'knha' });
      expect(ci(c, method, 'hksj')).toMatchObject({ ci_low: hk.ci_low, ci_high: hk.ci_high, df: 2 });
      expect(fit(c, method)).toMatchObject({ tau2: z.tau2, i2: z.I2, prediction: { method: 'z', low: z.pi_low, high: z.pi_high } });
    }
  });

  it('pools the effect size with the variance from its SE', () => {
    const c = cell(r.pooled, 'regression', 'effect_size');
    expect(c.effect_size_type).toBe('cox_index');
    const z = metaAnalysis({ yi: es, vi: esSe.map((s) => s * s) }, { method: 'REML', test: 'z' });
    expect(fit(c, 'REML').estimate).toBe(z.estimate);
  });

  it("leaves out a bundle's suppressed estimate and counts it", () => {
    const c = cell(r.pooled, 'unadjusted', 'difference');
    expect(c.k).toBe(2);
    expect(c.left_out).toEqual({ suppressed: 1, sites: ['c 2017'], not_credible: [] });
    expect(c.studies.map((s) => s.site)).toEqual(['a', 'b']);
    expect(fit(c, 'FE').estimate).toBeCloseTo(0.15, 12);
  });

  it('rolls up by state: CA pooled with REML + HKSJ, OR (one site) shown as that site', () => {
    const rows = r.states.filter((s) => s.outcome === 'chronic_absence' && s.method === 'regression' && s.scale === 'difference');
    const ca = rows.find((s) => s.state === 'CA')!;
    const hk = metaAnalysis({ yi: [0.1, 0.2], vi: [0.01, 0.01] }, { method: 'REML', test: 'knha' });
    expect(ca).toMatchObject({ kind: 'state', sites: 2, estimator: 'REML', ci_method: 'hksj', estimate: expect.closeTo(hk.estimate, 12), ci_low: expect.closeTo(hk.ci_low, 12), ci_high: expect.closeTo(hk.ci_high, 12) });
    const or = rows.find((s) => s.state === 'OR')!;
    expect(or).toMatchObject({ kind: 'single_site', site: 'c', year: 2017, estimator: null, ci_method: 'wald', estimate: 0.4, n_total: 400 });
    expect(or.ci_low).toBeCloseTo(0.4 - 1.959963984540054 * 0.2, 9);
  });

  it('meta-regression on fidelity equals metaRegression REML + knha, with the low-power sentence', () => {
    const m = r.meta_regression.find((x) => x.outcome === 'chronic_absence' && x.method === 'regression' && x.scale === 'difference' && x.moderator === 'fidelity_score')!;
    const X = { n: 3, names: ['intercept', 'fidelity_score'], columns: [Float64Array.from([1, 1, 1]), Float64Array.from(fidelity)] };
    const ref = metaRegression({ yi, vi: se.map((s) => s * s), X }, { method: 'REML', test: 'knha' });
    expect(m).toMatchObject({ estimator: 'REML', test: 'knha', k: 3, low_power: true, suppressed: false });
    expect(m.coefficients[1]!.estimate).toBe(ref.coefficients[1]!.estimate);
    expect(m.coefficients[1]!.df).toBe(1);
    expect(m.notes).toContain('With fewer than 10 sites the test has little power.');
  });
});

describe('several years of one site', () => {
  it('are pooled with RVE clustered by site, never as independent studies', () => {
    const r = poolBundles(network([2016, 2017, 2017], ['a', 'a', 'b']));
    const c = cell(r.pooled, 'regression', 'difference');
    expect(c.dependence).toBe('several_years_rve');
    // RVE over every year, and beside it FE/DL/REML over one row per site (its latest year: rows 2 and 3)
    expect(c.fits.map((f) => [f.estimator, f.rows ?? 'every_study'])).toEqual([['RVE', 'every_study'], ['FE', 'latest_year_per_site'], ['DL', 'latest_year_per_site'], ['REML', 'latest_year_per_site']]);
    const fe = metaAnalysis({ yi: [yi[1]!, yi[2]!], vi: [se[1]! ** 2, se[2]! ** 2] }, { method: 'FE', test: 'z' });
    expect(fit(c, 'FE').estimate).toBeCloseTo(fe.estimate, 12);
    const ref = robustMeta({ yi, vi: se.map((s) => s * s), cluster: ['a', 'a', 'b'] }, { method: 'REML' });
    expect(fit(c, 'RVE').estimate).toBe(ref.coefficients[0]!.estimate);
    expect(ci(c, 'RVE', 'cr2_satterthwaite').df).toBe(ref.coefficients[0]!.df);
    expect(c.sites).toBe(2);
  });
});

describe('network privacy', () => {
  it('suppresses a pooled cell resting on fewer than min_cell students', () => {
    const study = (site: string, yi: number, n: number) => ({ site, state: 'CA', year: 2017, yi, se: 0.1, n_treated: null, n_comparison: null, n, df: null, reach: null, fidelity_score: null });
    const r = poolNetwork({
      source: 'pool_csv', minCell: 10, definitions: null, sites: [],
      cells: [{ outcome: 'effect', label: 'effect', outcome_type: 'reported', unit: 'reported', lower_is_better: null, method: 'reported', scale: 'reported', effect_size_type: null, studies: [study('a', 0.1, 4), study('b', 0.3, 5)], left_out: [] }],
    });
    expect(r.pooled[0]).toMatchObject({ suppressed: true, suppression_reason: 'pooled_n_below_min_cell', fits: [], studies: [], n_total: null });
    expect(r.states).toEqual([]);
    expect(r.meta_regression).toEqual([]);
  });
});

describe('several years of one site: forest plot, heterogeneity and the latest-year fits', () => {
  // a 2016 and 2017, b 2017: latest year per site = rows 2 and 3 (yi 0.2, 0.4; se 0.1, 0.2; 400 students each)
  const r = poolBundles(network([2016, 2017, 2017], ['a', 'a', 'b']));
  const c = cell(r.pooled, 'regression', 'difference');

  it('computes Q over the latest year per site, labelled so: w = 100, 25; μ = 30/125; Q = 100·0.04² + 25·0.16² = 0.8 (df 1)', () => {
    expect(c.heterogeneity).toMatchObject({ rows: 'latest_year_per_site', k: 2, q_df: 1 });
    expect(c.heterogeneity!.q).toBeCloseTo(0.8, 12);
    const reml = metaAnalysis({ yi: [0.2, 0.4], vi: [0.01, 0.04] }, { method: 'REML', test: 'z' });
    expect(c.heterogeneity!.tau2_reml).toBeCloseTo(reml.tau2!, 12);
    expect(c.heterogeneity!.i2_reml).toBeCloseTo(reml.I2!, 12);
  });

  it('gives the latest-year fits their own k and n (2 rows, 800 students), the cell every study (3, 1200)', () => {
    expect(c.k).toBe(3);
    expect(c.n_total).toBe(1200);
    for (const e of ['FE', 'DL', 'REML']) expect(fit(c, e)).toMatchObject({ rows: 'latest_year_per_site', k: 2, n_total: 800 });
    const rows = pooledRows(r).filter((x) => x[0] === 'chronic_absence' && x[2] === 'regression' && x[3] === 'difference');
    const col = (name: string) => POOLED_COLUMNS.indexOf(name);
    const feRow = rows.find((x) => x[col('estimator')] === 'FE')!;
    expect([feRow[col('rows')], feRow[col('k')], feRow[col('n_total')], feRow[col('heterogeneity_rows')], feRow[col('q_df')]]).toEqual(['latest_year_per_site', 2, 800, 'latest_year_per_site', 1]);
    expect(feRow[col('q')]).toBeCloseTo(0.8, 12);
    const rveRow = rows.find((x) => x[col('estimator')] === 'RVE')!;
    expect([rveRow[col('k')], rveRow[col('n_total')]]).toEqual([3, 1200]);
  });

  it('draws every study as a square with its RVE weight and the RVE diamond over its CR2 CI, and says so', () => {
    const spec = forestChart(c);
    const plot = (spec as unknown as { hconcat: { layer: { mark: { type: string }; data?: { values: Record<string, unknown>[] } }[] }[] }).hconcat[1]!;
    const squares = plot.layer.find((l) => l.mark.type === 'point')!.data!.values;
    const rve = fit(c, 'RVE');
    const w = [0.01, 0.01, 0.04].map((v) => 1 / (v + rve.tau2!));
    const sw = w.reduce((a, x) => a + x, 0);
    expect(squares.map((s) => s.weight)).toEqual(w.map((x) => expect.closeTo(x / sw, 12)));
    const diamond = plot.layer.find((l) => l.mark.type === 'area')!.data!.values;
    const cr2 = ci(c, 'RVE', 'cr2_satterthwaite');
    expect(diamond.map((p) => p.x)).toEqual([cr2.ci_low, rve.estimate, cr2.ci_high].map((x) => expect.closeTo(100 * x!, 10)));
    const alt = forestAlt(c);
    expect(alt).toContain('square whose area is proportional to its RVE weight');
    expect(alt).toContain('use one row per site (its latest year)');
    expect(alt).toContain('over the latest year of each site (k = 2)');
    expect(alt).toContain('Q = 0.80 (df 1)');
  });
});

describe('a study whose uncertainty is not credible', () => {
  const study = (site: string, yi: number, se: number, df: number | null) => ({ site, state: 'CA', year: 2017, yi, se, df, n_treated: null, n_comparison: null, n: 100, reach: null, fidelity_score: null });
  const r = poolNetwork({
    source: 'pool_csv', minCell: 10, definitions: null, sites: [],
    cells: [{ outcome: 'effect', label: 'effect', outcome_type: 'reported', unit: 'reported', lower_is_better: null, method: 'reported', scale: 'reported', effect_size_type: null, left_out: [],
      // c: CR2 with two clusters (df 0.9); d: an SE of 1e-15 on an estimate of 0.4 (below 1e-8·0.4 + 1e-12)
      studies: [study('a', 0.1, 0.1, null), study('b', 0.2, 0.1, 20), study('c', 0.3, 0.05, 0.9), study('d', 0.4, 1e-15, 50)] }],
  });
  const c = r.pooled[0]!;

  it('is left out of the pool, with its reason in left_out and the notes', () => {
    expect(c.k).toBe(2);
    expect(fit(c, 'FE').estimate).toBeCloseTo(0.15, 12);
    expect(c.left_out.not_credible).toEqual([{ site: 'c', year: 2017, reason: 'df_at_most_2' }, { site: 'd', year: 2017, reason: 'se_not_credible' }]);
    expect(c.notes.some((n) => n.startsWith('c 2017 is left out') && n.includes('0.9 df'))).toBe(true);
    expect(c.notes.some((n) => n.startsWith('d 2017 is left out'))).toBe(true);
    expect(c.studies.map((s) => s.site)).toEqual(['a', 'b']);
  });

  it('is left out of the state roll-up too', () => {
    expect(r.states.find((s) => s.state === 'CA')).toMatchObject({ k: 2, sites: 2 });
  });
});

describe('the prediction interval beside HKSJ', () => {
  it("uses t(k − 1) as metafor's predict() on test = 'knha' (R, metafor: yi 0.1, 0.2, 0.4, −0.1; vi 0.01, 0.01, 0.04, 0.02)", () => {
    const study = (site: string, yi: number, v: number) => ({ site, state: null, year: null, yi, se: Math.sqrt(v), df: null, n_treated: null, n_comparison: null, n: null, reach: null, fidelity_score: null });
    const r = poolNetwork({
      source: 'pool_csv', minCell: 10, definitions: null, sites: [],
      cells: [{ outcome: 'effect', label: 'effect', outcome_type: 'reported', unit: 'reported', lower_is_better: null, method: 'reported', scale: 'reported', effect_size_type: null, left_out: [],
        studies: [study('a', 0.1, 0.01), study('b', 0.2, 0.01), study('c', 0.4, 0.04), study('d', -0.1, 0.02)] }],
    });
    const c = r.pooled[0]!;
    // rma(yi, vi, method = m, test = "knha"); predict(): pi.lb, pi.ub
    const R = { DL: [-0.3034630026, 0.560326581], REML: [-0.2490845257, 0.5042034752] };
    for (const m of ['DL', 'REML'] as const) {
      const p = ci(c, m, 'hksj').prediction!;
      expect(p.method).toBe('t_k_minus_1');
      expect(p.low).toBeCloseTo(R[m][0]!, 6);
      expect(p.high).toBeCloseTo(R[m][1]!, 6);
      expect(ci(c, m, 'wald').prediction!.method).toBe('z');
    }
  });
});
