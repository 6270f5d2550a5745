import type { Publishable } from '../../privacy/publishable.js';
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../results/results-schema.js';
import { OKABE_ITO } from '../render/index.js';
import { covariateLabel } from '../labels.js';

const SAMPLE_LABEL = { analytic: 'Before adjustment', matched: 'Matched sample', weighted: 'Weighted sample' } as const;

/** Vega-Lite love plot: |effect size| of each baseline covariate in each balance sample the results hold (before adjustment, matched, weighted), with the WWC 0.05 and 0.25 lines. */
export function lovePlotChart(p: Publishable<Results>): TopLevelSpec {
  const results = p.data;
  const values = (results.balance ?? []).flatMap((b) =>
    b.rows.filter((r) => r.effect_size !== null).map((r) => ({ covariate: covariateLabel(r.name, results), sample: SAMPLE_LABEL[b.sample], abs_es: Math.abs(r.effect_size!), type: r.effect_size_type === 'cox_index' ? 'Cox index' : "Hedges' g" })),
  );
  const order = (results.balance?.find((b) => b.sample === 'analytic')?.rows ?? []).map((r) => covariateLabel(r.name, results));
  const reach = Math.max(0.3, ...values.map((v) => v.abs_es * 1.08));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Baseline balance (love plot)', subtitle: 'Absolute effect size of each baseline measure; WWC: ≤ 0.05 satisfied, 0.05–0.25 needs adjustment, > 0.25 not satisfied' },
    width: 420,
    height: { step: 18 },
    data: { values },
    layer: [
      { mark: { type: 'rule', color: '#009E73', strokeDash: [4, 3] }, data: { values: [{ x: 0.05 }] }, encoding: { x: { field: 'x', type: 'quantitative' } } },
      { mark: { type: 'rule', color: '#D55E00', strokeDash: [4, 3] }, data: { values: [{ x: 0.25 }] }, encoding: { x: { field: 'x', type: 'quantitative' } } },
      {
        mark: { type: 'point', filled: true, size: 60, opacity: 0.9 },
        encoding: {
          y: { field: 'covariate', type: 'nominal', title: null, sort: order },
          x: { field: 'abs_es', type: 'quantitative', title: '|Effect size| (SD units)', scale: { domain: [0, reach] } },
          color: { field: 'sample', type: 'nominal', title: null, scale: { domain: Object.values(SAMPLE_LABEL), range: [OKABE_ITO[5], OKABE_ITO[0], OKABE_ITO[2]] }, legend: { orient: 'top' } },
          shape: { field: 'sample', type: 'nominal', title: null, scale: { domain: Object.values(SAMPLE_LABEL), range: ['circle', 'square', 'triangle-up'] }, legend: { orient: 'top' } },
          tooltip: [{ field: 'covariate' }, { field: 'sample' }, { field: 'abs_es', format: '.3f' }, { field: 'type' }],
        },
      },
    ],
  } as TopLevelSpec;
}
