import type { Publishable } from '../../privacy/publishable.js';
import type { TopLevelSpec } from 'vega-lite';
import type { OutcomeResult, Results } from '../../results/results-schema.js';
import { VISITED_COLOR, COMPARISON_COLOR } from '../render/index.js';
import { groupTerms } from '../group-terms.js';
import { schoolYear } from '../format.js';

/** One point of the group-means chart. */
export interface GroupMeanDatum {
  outcome: string;
  order: number;
  /** the treated group's name ("Visited" or "Treatment") or "Comparison" */
  group: string;
  mean: number;
  low: number;
  high: number;
  n: number;
  /** a rate shown in percent: the axis stays within 0–100% and the CI is clipped to it */
  rate: boolean;
}

const scale = (o: OutcomeResult) => (o.unit === 'percent' ? 100 : 1);

/** Group means with approximate 95% CIs (normal: mean ± 1.96·SE, clipped to 0–100% for a rate) of the unadjusted comparison, for every unsuppressed outcome. */
export function groupMeanData(p: Publishable<Results>): GroupMeanDatum[] {
  const results = p.data;
  const data: GroupMeanDatum[] = [];
  const treated = groupTerms(results).Treated;
  results.outcomes.forEach((o, order) => {
    const e = o.estimates.find((x) => x.method === 'unadjusted');
    if (!e || e.suppressed) return;
    const groups = [
      { group: treated, mean: e.mean_treated, sd: e.sd_treated, n: e.n_treated },
      { group: 'Comparison', mean: e.mean_comparison, sd: e.sd_comparison, n: e.n_comparison },
    ];
    for (const g of groups) {
      if (g.mean === null || g.n === null || g.n < 1) continue;
      const sd = o.type === 'binary' ? Math.sqrt(g.mean * (1 - g.mean)) : (g.sd ?? 0);
      const half = (1.96 * sd) / Math.sqrt(g.n);
      const k = scale(o);
      const unit = o.unit === 'percent' ? ' (%)' : '';
      const rate = o.unit === 'percent';
      const clip = (v: number) => (rate ? Math.min(100, Math.max(0, v)) : v);
      data.push({ outcome: `${o.label}${unit}`, order, group: g.group, mean: k * g.mean, low: clip(k * (g.mean - half)), high: clip(k * (g.mean + half)), n: g.n, rate });
    }
  });
  return data;
}

/** A round axis step for a span: 1, 2 or 5 × 10^k, about five ticks. */
function niceStep(span: number): number {
  const raw = span / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw)!;
}

/** The x domain of a rate row: the CIs' extent rounded out to a tick step, never below 0% or above 100%. */
export function rateDomain(rows: readonly GroupMeanDatum[]): [number, number] {
  const lo = Math.min(...rows.map((d) => d.low));
  const hi = Math.max(...rows.map((d) => d.high));
  const step = niceStep(hi - lo || 1);
  const a = Math.max(0, Math.floor(lo / step) * step);
  const b = Math.min(100, Math.ceil(hi / step) * step);
  return b > a ? [a, b] : a >= 100 ? [100 - step, 100] : [a, a + step];
}

/** The data grouped by outcome, in results order. */
function outcomeOrder(data: readonly GroupMeanDatum[]): GroupMeanDatum[][] {
  const by = new Map<number, GroupMeanDatum[]>();
  for (const d of data) by.set(d.order, [...(by.get(d.order) ?? []), d]);
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([, rows]) => rows);
}

/** One outcome's row: CI rules and mean points per group, titled with the outcome; a rate's x scale is fixed within 0–100. */
function outcomeRow(rows: GroupMeanDatum[], groups: string[]) {
  const x = rows[0]!.rate ? { domain: rateDomain(rows), nice: false, clamp: true, zero: false } : { zero: false };
  return {
    title: { text: rows[0]!.outcome, fontSize: 13, fontWeight: 'bold' as const, anchor: 'start' as const, offset: 4 },
    width: 440,
    height: 44,
    data: { values: rows as unknown as Record<string, unknown>[] },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          y: { field: 'group', type: 'nominal', title: null, sort: groups },
          x: { field: 'low', type: 'quantitative', title: null, scale: x },
          x2: { field: 'high' },
          color: { field: 'group', type: 'nominal', scale: { domain: groups, range: [VISITED_COLOR, COMPARISON_COLOR] }, legend: { title: null, orient: 'top' } },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 70 },
        encoding: {
          y: { field: 'group', type: 'nominal', sort: groups },
          x: { field: 'mean', type: 'quantitative' },
          color: { field: 'group', type: 'nominal' },
          shape: { field: 'group', type: 'nominal', scale: { domain: groups, range: ['circle', 'diamond'] }, legend: { title: null, orient: 'top' } },
        },
      },
    ],
  };
}

/** Vega-Lite spec: visited vs. comparison mean per outcome with 95% CIs, one row per outcome on its own scale. */
export function groupMeansChart(p: Publishable<Results>): TopLevelSpec {
  const results = p.data;
  const groups = [groupTerms(results).Treated, 'Comparison'];
  const year = schoolYear(results.outcome_year);
  const data = groupMeanData(p);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `${groups[0]} vs. comparison students, by outcome`, subtitle: `Unadjusted group means with 95% confidence intervals${year ? `, ${year}` : ''}` },
    // one chart per outcome (not a facet), so that a rate's axis can be held within 0–100%
    vconcat: outcomeOrder(data).map((rows) => outcomeRow(rows, groups)),
    spacing: 12,
    resolve: { scale: { x: 'independent', color: 'shared', shape: 'shared' } },
  } as TopLevelSpec;
}
