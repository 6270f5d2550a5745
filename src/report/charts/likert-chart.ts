/**
 * The Likert chart survey readers expect: one diverging stacked bar per item (and wave) of a scale, the responses
 * below the middle of the range left of zero, those above it right, a middle response split half and half across
 * zero; bars are raw responses (before reverse keying), from the gated response shares.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ScaleStat } from '../../results/survey-results-schema.js';

/** One bar segment: the item row it belongs to, the response value, and its extent in percent of respondents (negative = left of zero). */
export interface LikertSegment {
  row: string;
  order: number;
  value: string;
  x0: number;
  x1: number;
  share: number;
}

/** The segments of a scale's items (one row per item and wave), and the rows with a response share the privacy gate hid. */
export interface LikertData {
  segments: LikertSegment[];
  rows: string[];
  hiddenRows: string[];
  values: number[];
}

/** The row label of an item at a wave: "t_conn4 (reversed) · spring"; a single wave is not named. */
function rowLabel(item: string, reversed: boolean, wave: string, waves: number): string {
  return `${item}${reversed ? ' (reversed)' : ''}${waves > 1 ? ` · ${wave}` : ''}`;
}

/**
 * Place each response share of each item: with a range lo..hi and middle m = (lo + hi)/2, values below m stack
 * leftwards from zero (the one nearest m first), values above m rightwards, and a value equal to m is split half on
 * each side. A hidden share (null) takes no space, and its row is listed in hiddenRows.
 */
export function likertData(stats: readonly ScaleStat[]): LikertData {
  const out: LikertData = { segments: [], rows: [], hiddenRows: [], values: [] };
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
      const row = rowLabel(it.item, it.reversed, s.wave, stats.length);
      out.rows.push(row);
      const share = (v: number) => it.response_shares.find((r) => r.value === v)?.share ?? null;
      if (it.response_shares.some((r) => r.share === null)) out.hiddenRows.push(row);
      const half = Number.isInteger(mid) ? 100 * (share(mid) ?? 0) / 2 : 0;
      if (Number.isInteger(mid) && share(mid) !== null) {
        out.segments.push({ row, order, value: String(mid), x0: -half, x1: 0, share: share(mid)! });
        out.segments.push({ row, order, value: String(mid), x0: 0, x1: half, share: share(mid)! });
      }
      let left = -half;
      for (let v = Math.ceil(mid) - 1; v >= lo; v--) {
        const x = share(v);
        if (x === null) continue;
        out.segments.push({ row, order, value: String(v), x0: left - 100 * x, x1: left, share: x });
        left -= 100 * x;
      }
      let right = half;
      for (let v = Math.floor(mid) + 1; v <= hi; v++) {
        const x = share(v);
        if (x === null) continue;
        out.segments.push({ row, order, value: String(v), x0: right, x1: right + 100 * x, share: x });
        right += 100 * x;
      }
      order++;
    }
  }
  return out;
}

const REDS = [['#d6604d'], ['#ca0020', '#f4a582'], ['#b2182b', '#ef8a62', '#fddbc7'], ['#b2182b', '#d6604d', '#f4a582', '#fddbc7']];
const BLUES = [['#4393c3'], ['#92c5de', '#0571b0'], ['#d1e5f0', '#67a9cf', '#2166ac'], ['#d1e5f0', '#92c5de', '#4393c3', '#2166ac']];

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

/** The chart's caption: what a bar is, where the middle response goes, reversed items, and rows with hidden responses. */
export function likertCaption(stats: readonly ScaleStat[], fewerThan: string): string {
  const d = likertData(stats);
  const first = stats[0];
  if (!first) return '';
  const parts = [
    `Each bar is one item${stats.length > 1 ? ' in one wave' : ''}: the share of respondents giving each response from ${first.range[0]} to ${first.range[1]}, responses below the middle of the range to the left of zero and above it to the right${(first.range[0] + first.range[1]) % 2 === 0 ? ', the middle response split across zero' : ''}.`,
    'Responses are as given, before reverse keying: on a reversed item, agreeing is the unfavourable answer.',
  ];
  if (d.hiddenRows.length) parts.push(`A response given by ${fewerThan} respondents is hidden (privacy rule) and takes no space in its bar: ${d.hiddenRows.join(', ')}.`);
  return parts.join(' ');
}

/** Vega-Lite spec of one scale's Likert chart (all waves given), bars placed by likertData, a rule at zero, the axis in percent of respondents either side. */
export function likertChart(stats: readonly ScaleStat[]): TopLevelSpec {
  const d = likertData(stats);
  const first = stats[0];
  const extent = Math.max(50, ...d.segments.map((s) => Math.max(-s.x0, s.x1)));
  const max = Math.ceil(extent / 10) * 10;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: first ? `${first.label}: item responses` : 'Item responses', subtitle: first ? `${first.respondent_type === 'teacher' ? 'Teachers' : 'Parents'}; % of respondents, lower responses left of zero, higher right` : '' },
    width: 460,
    height: { step: 22 },
    layer: [
      {
        data: { values: d.segments },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'row', type: 'nominal', title: null, sort: d.rows },
          x: { field: 'x0', type: 'quantitative', title: '% of respondents', scale: { domain: [-max, max] }, axis: { labelExpr: "abs(datum.value) + '%'" } },
          x2: { field: 'x1' },
          color: { field: 'value', type: 'nominal', title: 'Response', scale: { domain: d.values.map(String), range: likertColors(d.values) }, legend: { orient: 'bottom', direction: 'horizontal' } },
          tooltip: [{ field: 'row', title: 'item' }, { field: 'value', title: 'response' }, { field: 'share', format: '.0%', title: 'share' }],
        },
      },
      { data: { values: [{ x: 0 }] }, mark: { type: 'rule', color: '#444' }, encoding: { x: { field: 'x', type: 'quantitative' } } },
    ],
  } as TopLevelSpec;
}
