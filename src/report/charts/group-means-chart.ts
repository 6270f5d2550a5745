import type { TopLevelSpec } from 'vega-lite';
import type { OutcomeResult, Results } from '../../results/results-schema.js';
import { VISITED_COLOR, COMPARISON_COLOR, outcomeRows } from '../render/index.js';

/** One point of the group-means chart. */
export interface GroupMeanDatum {
  outcome: string;
  order: number;
  group: 'Visited' | 'Comparison';
  mean: number;
  low: number;
  high: number;
  n: number;
}

const scale = (o: OutcomeResult) => (o.unit === 'percent' ? 100 : 1);

/** Group means with approximate 95% CIs (normal: mean ± 1.96·SE) of the unadjusted comparison, for every unsuppressed outcome. */
export function groupMeanData(results: Results): GroupMeanDatum[] {
  const data: GroupMeanDatum[] = [];
  results.outcomes.forEach((o, order) => {
    const e = o.estimates.find((x) => x.method === 'unadjusted');
    if (!e || e.suppressed) return;
    const groups = [
      { group: 'Visited' as const, mean: e.mean_treated, sd: e.sd_treated, n: e.n_treated },
      { group: 'Comparison' as const, mean: e.mean_comparison, sd: e.sd_comparison, n: e.n_comparison },
    ];
    for (const g of groups) {
      if (g.mean === null || g.n === null || g.n < 1) continue;
      const sd = o.type === 'binary' ? Math.sqrt(g.mean * (1 - g.mean)) : (g.sd ?? 0);
      const half = (1.96 * sd) / Math.sqrt(g.n);
      const k = scale(o);
      const unit = o.unit === 'percent' ? ' (%)' : '';
      data.push({ outcome: `${o.label}${unit}`, order, group: g.group, mean: k * g.mean, low: k * (g.mean - half), high: k * (g.mean + half), n: g.n });
    }
  });
  return data;
}

/** Vega-Lite spec: visited vs. comparison mean per outcome with 95% CIs, one row per outcome on its own scale. */
export function groupMeansChart(results: Results): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Visited vs. comparison students, by outcome', subtitle: `Unadjusted group means with 95% confidence intervals, ${results.outcome_year - 1}–${String(results.outcome_year).slice(2)}` },
    data: { values: groupMeanData(results) as unknown as Record<string, unknown>[] },
    ...outcomeRows(),
    spec: {
      width: 440,
      height: 44,
      layer: [
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: {
            y: { field: 'group', type: 'nominal', title: null, sort: ['Visited', 'Comparison'] },
            x: { field: 'low', type: 'quantitative', title: null, scale: { zero: false } },
            x2: { field: 'high' },
            color: { field: 'group', type: 'nominal', scale: { domain: ['Visited', 'Comparison'], range: [VISITED_COLOR, COMPARISON_COLOR] }, legend: { title: null, orient: 'top' } },
          },
        },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            y: { field: 'group', type: 'nominal', sort: ['Visited', 'Comparison'] },
            x: { field: 'mean', type: 'quantitative' },
            color: { field: 'group', type: 'nominal' },
            shape: { field: 'group', type: 'nominal', scale: { domain: ['Visited', 'Comparison'], range: ['circle', 'diamond'] }, legend: { title: null, orient: 'top' } },
          },
        },
      ],
    },
  } as TopLevelSpec;
}
