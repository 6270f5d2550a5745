import type { Publishable } from '../../privacy/publishable.js';
import type { TopLevelSpec } from 'vega-lite';
import type { Results } from '../../results/results-schema.js';
import { OKABE_ITO, outcomeRows } from '../render/index.js';
import { METHOD_LABEL } from '../labels.js';
import { groupTerms } from '../group-terms.js';

/** Vega-Lite spec: each outcome's estimate (visited − comparison, outcome scale) with 95% CI under every method, side by side. */
export function methodComparisonChart(p: Publishable<Results>): TopLevelSpec {
  const results = p.data;
  const values = results.outcomes.flatMap((o, order) =>
    o.estimates
      .filter((e) => e.estimate !== null && e.ci_low !== null && e.ci_high !== null)
      .map((e) => {
        const k = o.unit === 'percent' ? 100 : 1;
        return { outcome: `${o.label}${o.unit === 'percent' ? ' (pp)' : ''}`, order, method: METHOD_LABEL[e.method], estimate: k * e.estimate!, low: k * e.ci_low!, high: k * e.ci_high! };
      }),
  );
  const methods = Object.values(METHOD_LABEL);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'How much adjustment moves the answer', subtitle: `${groupTerms(results).Treated} − comparison with 95% CI, by method; each outcome on its own scale` },
    data: { values },
    ...outcomeRows(),
    spec: {
      width: 420,
      height: 70,
      layer: [
        { mark: { type: 'rule', color: '#888' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y: { field: 'method', type: 'nominal', title: null, sort: methods },
            x: { field: 'low', type: 'quantitative', title: null },
            x2: { field: 'high' },
            color: { field: 'method', type: 'nominal', scale: { domain: methods, range: [OKABE_ITO[7], OKABE_ITO[0], OKABE_ITO[5], OKABE_ITO[2]] }, legend: null },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 60 },
          encoding: {
            y: { field: 'method', type: 'nominal', sort: methods },
            x: { field: 'estimate', type: 'quantitative' },
            color: { field: 'method', type: 'nominal', legend: null },
          },
        },
      ],
    },
  } as TopLevelSpec;
}
