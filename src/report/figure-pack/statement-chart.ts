import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import { groupTerms } from '../group-terms.js';
import type { TopLevelSpec } from 'vega-lite';
import type { OutcomeResult } from '../../results/results-schema.js';
import type { Headline } from '../statements/headline-findings.js';
import { VISITED_COLOR, COMPARISON_COLOR } from '../render/index.js';
import { formatMean, differenceUnit } from '../format.js';

/** Wrap text into lines of at most `width` characters (for chart titles). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if ((line + ' ' + word).trim().length > width) {
      lines.push(line.trim());
      line = word;
    } else line += ` ${word}`;
  }
  if (line.trim()) lines.push(line.trim());
  return lines;
}

/** The difference with its 95% CI against a zero line: for scores in SD units and for "no detectable difference", where bars of two means would exaggerate a small gap. */
function differenceChart(o: OutcomeResult, h: Headline, treated: string): TopLevelSpec {
  const e = h.estimate!;
  const k = o.unit === 'percent' ? 100 : 1;
  const unit = o.unit === 'sd' ? 'SD units' : differenceUnit(o);
  const d = { label: `${treated} − ${h.estimate!.method === 'unadjusted' ? 'comparison' : 'similar'} students`, estimate: k * e.estimate!, ci_low: k * e.ci_low!, ci_high: k * e.ci_high! };
  // a difference of two rates lies within ±100 percentage points, and so does its axis
  const reach = Math.min(o.unit === 'percent' ? 100 : Infinity, Math.max(Math.abs(d.ci_low), Math.abs(d.ci_high)) * 1.25 || 1);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: wrap(h.statement, 62), subtitle: wrap(`${h.numbers}.`, 90), anchor: 'start', fontSize: 16, subtitleFontSize: 12 },
    width: 520,
    height: 70,
    data: { values: [d] },
    layer: [
      { mark: { type: 'rule', color: '#444', strokeDash: [4, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      {
        mark: { type: 'rule', strokeWidth: 3, color: VISITED_COLOR },
        encoding: {
          y: { field: 'label', type: 'nominal', title: null, axis: { labelFontSize: 13 } },
          x: { field: 'ci_low', type: 'quantitative', title: `Difference in ${o.label}${unit ? ` (${unit})` : ''}, with 95% CI`, scale: { domain: [-reach, reach] } },
          x2: { field: 'ci_high' },
        },
      },
      { mark: { type: 'point', filled: true, size: 120, color: VISITED_COLOR }, encoding: { y: { field: 'label', type: 'nominal' }, x: { field: 'estimate', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}

/** The chart for one headline: two labelled bars (treated vs. similar students; `treated` names the group, e.g. "Visited") for a finding on a natural scale, else the difference with its CI. */
export function statementChart(p: Publishable<Results>, h: Headline): TopLevelSpec {
  const o = p.data.outcomes.find((x) => x.outcome === h.outcome)!;
  const treated = groupTerms(p.data).Treated;
  // bars need both group means; a top/bottom-coded rate has none, so the difference with its CI is shown instead
  if (h.status !== 'finding' || o.unit === 'sd' || o.unit === 'value' || h.estimate!.mean_treated === null || h.estimate!.mean_comparison === null) return differenceChart(o, h, treated);
  const e = h.estimate!;
  const k = o.unit === 'percent' ? 100 : 1;
  const values = [
    { group: `${treated} students`, value: k * e.mean_treated!, label: formatMean(o, e.mean_treated) },
    { group: e.method === 'unadjusted' ? 'Comparison students' : `Similar students, not ${treated === 'Visited' ? 'visited' : 'treated'}`, value: k * e.mean_comparison!, label: formatMean(o, e.mean_comparison) },
  ];
  const domain = values.map((v) => v.group);
  // the 95% CI of the difference, drawn on the treated bar: comparison mean + [ci_low, ci_high] (a rate clipped to 0–100%)
  const rate = o.unit === 'percent';
  const clip = (v: number) => (rate ? Math.min(100, Math.max(0, v)) : v);
  const ci = e.ci_low === null || e.ci_high === null ? [] : [{ group: values[0]!.group, ci_low: clip(k * (e.mean_comparison! + e.ci_low)), ci_high: clip(k * (e.mean_comparison! + e.ci_high)) }];
  const labelAt = (v: { group: string; value: number }) => Math.max(v.value, ...ci.filter((c) => c.group === v.group).map((c) => c.ci_high));
  const labelled = values.map((v) => ({ ...v, label_at: labelAt(v) }));
  const lo = Math.min(0, ...values.map((v) => v.value));
  const reachHi = Math.max(...labelled.map((v) => v.label_at));
  const hi = rate ? Math.min(100, reachHi + (reachHi - lo) * 0.18) : reachHi + (reachHi - lo) * 0.18;
  const axis = o.unit === 'percent' ? `${o.label} (%)` : o.label;
  const ciNote = ci.length ? [`Error bar on the ${treated.toLowerCase()} bar: 95% confidence interval of the difference.`] : [];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: wrap(h.statement, 62), subtitle: [...wrap(`${h.numbers}.`, 90), ...ciNote], anchor: 'start', fontSize: 16, subtitleFontSize: 12 },
    width: 520,
    height: 120,
    data: { values: labelled },
    layer: [
      {
        mark: { type: 'bar', height: 34 },
        encoding: {
          y: { field: 'group', type: 'nominal', title: null, sort: null, axis: { labelFontSize: 14 } },
          x: { field: 'value', type: 'quantitative', title: axis, scale: { domain: [lo, hi], nice: false, ...(rate ? { clamp: true } : {}) } },
          color: { field: 'group', type: 'nominal', scale: { domain, range: [VISITED_COLOR, COMPARISON_COLOR] }, legend: null },
        },
      },
      ...(ci.length
        ? [
            {
              data: { values: ci },
              mark: { type: 'errorbar', ticks: { size: 14 }, color: '#222', thickness: 2 },
              encoding: { y: { field: 'group', type: 'nominal', sort: null }, x: { field: 'ci_low', type: 'quantitative', title: axis }, x2: { field: 'ci_high' } },
            },
          ]
        : []),
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 14, fontWeight: 'bold' },
        encoding: { y: { field: 'group', type: 'nominal', sort: null }, x: { field: 'label_at', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}
