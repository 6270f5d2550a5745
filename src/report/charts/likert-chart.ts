/**
 * The Likert chart survey readers expect: one diverging stacked bar per item (and wave) of a scale, the responses
 * below the middle of the range left of zero, those above it right, a middle response split half and half across
 * zero; bars are raw responses (before reverse keying), from the gated response shares, and the share the privacy
 * gate hid is drawn as one grey segment so that no bar looks complete when it is not.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ScaleStat } from '../../results/survey-results-schema.js';
import { wrap } from '../figure-pack/statement-chart.js';

/** One bar segment: the item row it belongs to, the response value (or the hidden label), and its extent in percent of respondents (negative = left of zero). */
export interface LikertSegment {
  row: string;
  item: string;
  order: number;
  value: string;
  x0: number;
  x1: number;
  share: number;
}

/** The segments of a scale's items (one row per item and wave), the rows with a response share the privacy gate hid, and the legend's hidden label. */
export interface LikertData {
  segments: LikertSegment[];
  rows: string[];
  hiddenRows: string[];
  values: number[];
  hiddenLabel: string;
}

/** Characters per line of an item's wording on the chart's axis. */
const LABEL_WIDTH = 38;

/** The legend entry of a hidden share: "hidden (fewer than 10 respondents)". */
export const hiddenLabel = (fewerThan: string) => `hidden (${fewerThan} respondents)`;

/** The row label of an item at a wave: its wording when the instrument gives it (else its code), "(reversed)", and the wave when there are several; lines joined by "\n". */
function rowLabel(item: { item: string; text?: string | null | undefined; reversed: boolean }, wave: string, waves: number): string {
  const tail = `${item.reversed ? ' (reversed)' : ''}${waves > 1 ? ` · ${wave}` : ''}`;
  return item.text ? wrap(`${item.text}${tail}`, LABEL_WIDTH).join('\n') : `${item.item}${tail}`;
}

/**
 * Place each response share of each item: with a range lo..hi and middle m = (lo + hi)/2, values below m stack
 * leftwards from zero (the one nearest m first), values above m rightwards, and a value equal to m is split half on
 * each side. A hidden share (null) is not placed; what the hidden shares add up to (1 − the shown shares) is one
 * segment at the outer end of the side its values are on (the right end when they are on both sides or the
 * middle), and its row is listed in hiddenRows.
 */
export function likertData(stats: readonly ScaleStat[], fewerThan = 'fewer than 10'): LikertData {
  const out: LikertData = { segments: [], rows: [], hiddenRows: [], values: [], hiddenLabel: hiddenLabel(fewerThan) };
  const first = stats[0];
  if (!first) return out;
  const [lo, hi] = first.range;
  const mid = (lo + hi) / 2;
  for (let v = lo; v <= hi; v++) out.values.push(v);
  let order = 0;
  for (const item of first.item_stats) {
    for (const s of stats) {
      const it = s.item_stats.find((x) => x.item === item.item);
      if (!it) continue;
      const row = rowLabel(it, s.wave, stats.length);
      out.rows.push(row);
      const share = (v: number) => it.response_shares.find((r) => r.value === v)?.share ?? null;
      const hiddenValues = it.response_shares.filter((r) => r.share === null).map((r) => r.value);
      const half = Number.isInteger(mid) ? 100 * (share(mid) ?? 0) / 2 : 0;
      const seg = (value: string, x0: number, x1: number, x: number) => out.segments.push({ row, item: it.item, order, value, x0, x1, share: x });
      if (Number.isInteger(mid) && share(mid) !== null) {
        seg(String(mid), -half, 0, share(mid)!);
        seg(String(mid), 0, half, share(mid)!);
      }
      let left = -half;
      for (let v = Math.ceil(mid) - 1; v >= lo; v--) {
        const x = share(v);
        if (x === null) continue;
        seg(String(v), left - 100 * x, left, x);
        left -= 100 * x;
      }
      let right = half;
      for (let v = Math.floor(mid) + 1; v <= hi; v++) {
        const x = share(v);
        if (x === null) continue;
        seg(String(v), right, right + 100 * x, x);
        right += 100 * x;
      }
      if (hiddenValues.length) {
        out.hiddenRows.push(row);
        const shown = it.response_shares.reduce((t, r) => t + (r.share ?? 0), 0);
        const hidden = Math.max(0, 1 - shown);
        // the hidden responses' side is known (the values are), their split is not: one segment, never one per value
        if (hidden > 1e-9) {
          if (hiddenValues.every((v) => v < mid)) seg(out.hiddenLabel, left - 100 * hidden, left, hidden);
          else seg(out.hiddenLabel, right, right + 100 * hidden, hidden);
        }
      }
      order++;
    }
  }
  return out;
}

const REDS = [['#d6604d'], ['#ca0020', '#f4a582'], ['#b2182b', '#ef8a62', '#fddbc7'], ['#b2182b', '#d6604d', '#f4a582', '#fddbc7']];
const BLUES = [['#4393c3'], ['#92c5de', '#0571b0'], ['#d1e5f0', '#67a9cf', '#2166ac'], ['#d1e5f0', '#92c5de', '#4393c3', '#2166ac']];

/** The colour of the hidden share: a dark grey, apart from the light grey of the middle response. */
export const HIDDEN_COLOR = '#636363';

/** Pick the k-th of n colours of one side (k = 0 at the range end for reds, at the middle for blues), from the palette of min(n, 4). */
function sideColor(palettes: string[][], n: number, k: number): string {
  const p = palettes[Math.min(n, 4) - 1]!;
  return p[Math.min(p.length - 1, Math.floor((k * p.length) / n))]!;
}

/** Diverging colours (ColorBrewer RdBu, colour-blind safe): reds below the middle, grey at it, blues above; the strongest at the ends. */
export function likertColors(values: readonly number[]): string[] {
  const mid = (values[0]! + values[values.length - 1]!) / 2;
  const below = values.filter((v) => v < mid);
  const above = values.filter((v) => v > mid);
  return values.map((v) => (v === mid ? '#bdbdbd' : v < mid ? sideColor(REDS, below.length, below.indexOf(v)) : sideColor(BLUES, above.length, above.indexOf(v))));
}

/** What reverse keying means for the reader, by the scale's direction. */
function reversedText(higherIsBetter: boolean | undefined): string {
  return higherIsBetter === false
    ? 'Responses are as given, before reverse keying: agreeing with a reversed item lowers the scale score, which on this scale (lower is better) is the favourable answer.'
    : 'Responses are as given, before reverse keying: on a reversed item, agreeing is the unfavourable answer.';
}

/** The chart's caption: what a bar is, where the middle response goes, reversed items, and the bars with a hidden share. */
export function likertCaption(stats: readonly ScaleStat[], fewerThan: string): string {
  const first = stats[0];
  if (!first) return '';
  const d = likertData(stats, fewerThan);
  const parts = [
    `Each bar is one item${stats.length > 1 ? ' in one wave' : ''}: the share of respondents giving each response from ${first.range[0]} to ${first.range[1]}, responses below the middle of the range to the left of zero and above it to the right${(first.range[0] + first.range[1]) % 2 === 0 ? ', the middle response split across zero' : ''}.`,
    reversedText(first.higher_is_better),
  ];
  if (first.item_stats.some((i) => i.text)) parts.push('Items are labelled by their wording in the instrument file.');
  if (d.hiddenRows.length) {
    const n = d.hiddenRows.length;
    parts.push(`A response given by ${fewerThan} respondents is hidden (privacy rule): in ${n} of ${d.rows.length} bars the hidden responses together are one dark grey segment, "${d.hiddenLabel}", at the end of the side they are on (the right end when they are on both sides or at the middle).`);
  }
  return parts.join(' ');
}

/** Vega-Lite spec of one scale's Likert chart (all waves given), bars placed by likertData, a rule at zero, the axis in percent of respondents either side. */
export function likertChart(stats: readonly ScaleStat[], fewerThan = 'fewer than 10'): TopLevelSpec {
  const d = likertData(stats, fewerThan);
  const first = stats[0];
  const extent = Math.max(50, ...d.segments.map((s) => Math.max(-s.x0, s.x1)));
  const max = Math.ceil(extent / 10) * 10;
  const lines = Math.max(1, ...d.rows.map((r) => r.split('\n').length));
  const domain = [...d.values.map(String), ...(d.hiddenRows.length ? [d.hiddenLabel] : [])];
  const range = [...likertColors(d.values), ...(d.hiddenRows.length ? [HIDDEN_COLOR] : [])];
  const direction = first?.higher_is_better === false ? '; lower scale scores are better' : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: first ? `${first.label}: item responses` : 'Item responses', subtitle: first ? `${first.respondent_type === 'teacher' ? 'Teachers' : 'Parents'}; % of respondents, lower responses left of zero, higher right${direction}` : '' },
    width: 420,
    height: { step: 8 + 13 * lines },
    layer: [
      {
        data: { values: d.segments },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'row', type: 'nominal', title: null, sort: d.rows, axis: { labelExpr: "split(datum.label, '\\n')", labelLimit: 320, labelFontSize: 11 } },
          x: { field: 'x0', type: 'quantitative', title: '% of respondents', scale: { domain: [-max, max] }, axis: { labelExpr: "abs(datum.value) + '%'" } },
          x2: { field: 'x1' },
          color: { field: 'value', type: 'nominal', title: 'Response', scale: { domain, range }, legend: { orient: 'bottom', direction: 'horizontal', labelLimit: 260 } },
          tooltip: [{ field: 'item', title: 'item' }, { field: 'value', title: 'response' }, { field: 'share', format: '.0%', title: 'share' }],
        },
      },
      { data: { values: [{ x: 0 }] }, mark: { type: 'rule', color: '#444' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}
