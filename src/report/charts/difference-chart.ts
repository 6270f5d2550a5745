import type { Publishable } from '../../privacy/publishable.js';
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../results/results-schema.js';
import { VISITED_COLOR } from '../render/index.js';
import { groupTerms } from '../group-terms.js';

/** Vega-Lite spec: effect sizes (Hedges' g or Cox index) of the unadjusted comparison, with the WWC 0.25 line. */
export function effectSizeChart(p: Publishable<Results>): TopLevelSpec {
  const results = p.data;
  const treated = groupTerms(results).treated;
  const values = results.outcomes.flatMap((o) => {
    const e = o.estimates.find((x) => x.method === 'unadjusted');
    if (!e || e.suppressed || e.effect_size === null) return [];
    return [{ outcome: o.label, effect_size: e.effect_size, type: e.effect_size_type === 'cox_index' ? 'Cox index' : "Hedges' g", favourable: (e.improvement_index ?? 0) > 0 ? `favours ${treated}` : 'favours comparison' }];
  });
  const reach = Math.max(0.5, ...values.map((v) => Math.abs(v.effect_size) * 1.1));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Effect size by outcome (unadjusted)', subtitle: `Hedges' g for scores and counts, Cox index for yes/no outcomes; sign: ${treated} − comparison` },
    width: 440,
    height: { step: 26 },
    data: { values },
    layer: [
      { mark: { type: 'rule', color: '#888', strokeDash: [4, 3] }, data: { values: [{ x: -0.25 }, { x: 0.25 }] }, encoding: { x: { field: 'x', type: 'quantitative' } } },
      { mark: { type: 'rule', color: '#222' }, data: { values: [{ x: 0 }] }, encoding: { x: { field: 'x', type: 'quantitative' } } },
      {
        mark: { type: 'bar', color: VISITED_COLOR, height: 14 },
        encoding: {
          y: { field: 'outcome', type: 'nominal', title: null, sort: null },
          x: { field: 'effect_size', type: 'quantitative', title: 'Effect size (SD units)', scale: { domain: [-reach, reach] } },
          tooltip: [{ field: 'outcome' }, { field: 'type' }, { field: 'effect_size', format: '.3f' }, { field: 'favourable' }],
        },
      },
    ],
  } as TopLevelSpec;
}
