import { describe, expect, it } from 'vitest';
import { forestChart, forestId, hasForest } from '../../../src/network/report/forest-chart.js';
import { vegaLiteToSvg } from '../../../src/report/render/index.js';
import { networkFixture, TAG_SITE } from './network-fixture.js';

type Layer = { data?: { values: Record<string, unknown>[] }; mark: { type: string } };

/** The data of the plot panel's layers with the given mark type. */
function layerData(spec: unknown, type: string): Record<string, unknown>[][] {
  const plot = (spec as { hconcat: { layer: Layer[] }[] }).hconcat[1]!;
  return plot.layer.filter((l) => l.mark.type === type && l.data).map((l) => l.data!.values);
}

describe('forestChart', () => {
  const r = networkFixture();
  const [chronic, ela, suppressed] = r.pooled as [typeof r.pooled[0], typeof r.pooled[0], typeof r.pooled[0]];

  it('names figures forest-<outcome>-<method> and draws none for a suppressed cell', () => {
    expect(forestId(chronic)).toBe('forest-chronic_absence-regression');
    expect(forestId({ ...chronic, scale: 'effect_size' })).toBe('forest-chronic_absence-regression-effect-size');
    expect(hasForest(chronic)).toBe(true);
    expect(hasForest(suppressed)).toBe(false);
  });

  it('draws the REML diamond over its HKSJ CI and the prediction interval, in percentage points', () => {
    const spec = forestChart(chronic);
    const [diamond] = layerData(spec, 'area');
    expect(diamond!.map((p) => p.x)).toEqual([-8, -4.5, -1].map((x) => expect.closeTo(x, 10)));
    const rules = layerData(spec, 'rule');
    const pi = rules.find((d) => d.length === 1 && 'low' in d[0]!)!;
    expect(pi[0]).toMatchObject({ low: expect.closeTo(-8.5, 10), high: expect.closeTo(-0.5, 10) });
    const squares = layerData(spec, 'point')[0]!;
    expect(squares.map((s) => s.weight)).toEqual([0.37, 0.37, 0.26]);
  });

  it('prints τ², I² and Q (p) and the pooled row on the SVG, and escapes site names', async () => {
    const svg = await vegaLiteToSvg(forestChart(chronic));
    expect(svg).toContain('REML τ² = 2.5000 pp² (τ = 1.58 pp), I² = 40.0%, Q = 3.50 (df 2), p = .174');
    expect(svg).toContain('Pooled, REML (HKSJ CI)');
    expect(svg).toContain('−4.5 [−8.0, −1.0]');
    expect(svg).toContain('37.0%');
    expect(svg).not.toContain(TAG_SITE);
    expect(svg).toContain('a&lt;b&gt;&amp;co (2017)');
  });

  it('draws an RVE cell with its CR2 CI and says Q and I² are not computed for dependent years', async () => {
    const svg = await vegaLiteToSvg(forestChart(ela));
    expect(svg).toContain('Pooled, RVE (CR2 CI)');
    expect(svg).toContain('0.061 [−0.030, 0.152]');
    expect(svg).toContain('RVE τ² = 9.00e−4 (τ = 0.030), Q and I² not computed: several years of a site are dependent');
    expect(svg).toContain('siteC (2016)');
  });
});
