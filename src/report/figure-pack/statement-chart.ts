import type { TopLevelSpec } from 'vega-lite';
import type { OutcomeResult } from '../../results/results-schema.js';
import type { Headline } from '../statements/headline-findings.js';
import { VISITED_COLOR, COMPARISON_COLOR } from '../render/index.js';
import { formatMean } from '../format.js';

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
function differenceChart(o: OutcomeResult, h: Headline): TopLevelSpec {
  const e = h.estimate!;
  const k = o.unit === 'percent' ? 100 : 1;
  const unit = o.unit === 'percent' ? 'percentage points' : o.unit === 'sd' ? 'SD units' : o.unit;
  const d = { label: 'Visited − similar students', estimate: k * e.estimate!, low: k * e.ci_low!, high: k * e.ci_high! };
  const reach = Math.max(Math.abs(d.low), Math.abs(d.high)) * 1.25;
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
          x: { field: 'low', type: 'quantitative', title: `Difference in ${o.label} (${unit}), with 95% CI`, scale: { domain: [-reach, reach] } },
          x2: { field: 'high' },
        },
      },
      { mark: { type: 'point', filled: true, size: 120, color: VISITED_COLOR }, encoding: { y: { field: 'label', type: 'nominal' }, x: { field: 'estimate', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}

/** The chart for one headline: two labelled bars (visited vs. similar students) for a finding on a natural scale, else the difference with its CI. */
export function statementChart(o: OutcomeResult, h: Headline): TopLevelSpec {
  // bars need both group means; a top/bottom-coded rate has none, so the difference with its CI is shown instead
  if (h.status !== 'finding' || o.unit === 'sd' || o.unit === 'value' || h.estimate!.mean_treated === null || h.estimate!.mean_comparison === null) return differenceChart(o, h);
  const e = h.estimate!;
  const k = o.unit === 'percent' ? 100 : 1;
  const values = [
    { group: 'Visited students', value: k * e.mean_treated!, label: formatMean(o, e.mean_treated) },
    { group: e.method === 'unadjusted' ? 'Comparison students' : 'Similar students, not visited', value: k * e.mean_comparison!, label: formatMean(o, e.mean_comparison) },
  ];
  const domain = values.map((v) => v.group);
  const lo = Math.min(0, ...values.map((v) => v.value));
  const hi = Math.max(...values.map((v) => v.value));
  const axis = o.unit === 'percent' ? `${o.label} (%)` : o.label;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: wrap(h.statement, 62), subtitle: wrap(`${h.numbers}.`, 90), anchor: 'start', fontSize: 16, subtitleFontSize: 12 },
    width: 520,
    height: 120,
    data: { values },
    layer: [
      {
        mark: { type: 'bar', height: 34 },
        encoding: {
          y: { field: 'group', type: 'nominal', title: null, sort: null, axis: { labelFontSize: 14 } },
          x: { field: 'value', type: 'quantitative', title: axis, scale: { domain: [lo, hi + (hi - lo) * 0.18], nice: false } },
          color: { field: 'group', type: 'nominal', scale: { domain, range: [VISITED_COLOR, COMPARISON_COLOR] }, legend: null },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 14, fontWeight: 'bold' },
        encoding: { y: { field: 'group', type: 'nominal', sort: null }, x: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  } as TopLevelSpec;
}
