/** The Likert chart: segments placed by hand (negative responses left of zero, the middle one split), the hidden share as one grey segment at its side's end, items labelled by wording, the colours, and a rendered SVG. */
import { describe, it, expect } from 'vitest';
import { likertData, likertColors, likertChart, likertCaption, HIDDEN_COLOR } from '../../../src/report/charts/likert-chart.js';
import { vegaLiteToSvg } from '../../../src/report/render/index.js';
import type { ScaleStat } from '../../../src/results/survey-results-schema.js';

function stat(range: [number, number], shares: (number | null)[], wave = 'spring'): ScaleStat {
  return {
    instrument: 'T', scale: 'connection', label: 'Connection to students', respondent_type: 'teacher', wave, range, n: 100, n_complete: 100, items: 2,
    alpha: 0.8, alpha_ci_low: 0.7, alpha_ci_high: 0.85, low_alpha: false, mean: 3, sd: 1, favourable: 0.3, favourable_threshold: range[1] - 1,
    item_stats: [
      { item: 'q1', reversed: false, n: 100, mean: 3, item_rest_r: 0.6, alpha_if_dropped: null, response_shares: shares.map((share, i) => ({ value: range[0] + i, share })) },
      { item: 'q2', reversed: true, n: 100, mean: 3, item_rest_r: 0.6, alpha_if_dropped: null, response_shares: shares.map((share, i) => ({ value: range[0] + i, share })) },
    ],
  };
}

const seg = (d: ReturnType<typeof likertData>, row: string, value: string) => d.segments.filter((s) => s.row === row && s.value === value).map((s) => [Number(s.x0.toFixed(6)), Number(s.x1.toFixed(6))]);

describe('likertData', () => {
  it('places 10/20/40/20/10% of a 1–5 item: 3 split at ±20, 2 from −40 to −20, 1 from −50 to −40, 4 from 20 to 40, 5 from 40 to 50', () => {
    const d = likertData([stat([1, 5], [0.1, 0.2, 0.4, 0.2, 0.1])]);
    expect(d.rows).toEqual(['q1', 'q2 (reversed)']);
    expect(seg(d, 'q1', '3')).toEqual([[-20, 0], [0, 20]]);
    expect(seg(d, 'q1', '2')).toEqual([[-40, -20]]);
    expect(seg(d, 'q1', '1')).toEqual([[-50, -40]]);
    expect(seg(d, 'q1', '4')).toEqual([[20, 40]]);
    expect(seg(d, 'q1', '5')).toEqual([[40, 50]]);
    expect(d.hiddenRows).toEqual([]);
  });

  it('splits nothing on an even range (1–6): 1–3 stack leftwards from zero, 4–6 rightwards', () => {
    const d = likertData([stat([1, 6], [0.1, 0.1, 0.3, 0.2, 0.2, 0.1])]);
    expect(seg(d, 'q1', '3')).toEqual([[-30, 0]]);
    expect(seg(d, 'q1', '1')).toEqual([[-50, -40]]);
    expect(seg(d, 'q1', '4')).toEqual([[0, 20]]);
    expect(seg(d, 'q1', '6')).toEqual([[40, 50]]);
  });

  it('draws the hidden share (1 − the shown shares) as one segment at the end of its side, lists its rows, and names the wave when there are two', () => {
    const d = likertData([stat([1, 5], [null, 0.25, 0.4, 0.25, 0.05], 'fall'), stat([1, 5], [0.1, 0.2, 0.4, 0.2, 0.1])], 'fewer than 10');
    expect(d.rows).toEqual(['q1 · fall', 'q1 · spring', 'q2 (reversed) · fall', 'q2 (reversed) · spring']);
    expect(seg(d, 'q1 · fall', '1')).toEqual([]);
    // the visible 2 still sits next to the split middle: −20 − 25; the hidden 1 (1 − 0.95 = 5%) is beyond it, −50 to −45
    expect(seg(d, 'q1 · fall', '2')).toEqual([[-45, -20]]);
    expect(seg(d, 'q1 · fall', 'hidden (fewer than 10 respondents)')).toEqual([[-50, -45]]);
    expect(seg(d, 'q1 · spring', 'hidden (fewer than 10 respondents)')).toEqual([]);
    expect(d.hiddenRows).toEqual(['q1 · fall', 'q2 (reversed) · fall']);
    // the bar reaches 50% on each side again: hidden responses no longer shorten it
    expect(Math.min(...d.segments.filter((s) => s.row === 'q1 · fall').map((s) => s.x0))).toBeCloseTo(-50, 9);
    expect(likertCaption([stat([1, 5], [null, 0.25, 0.4, 0.25, 0.05], 'fall')], 'fewer than 5')).toContain('A response given by fewer than 5 respondents is hidden (privacy rule): in 2 of 2 bars the hidden responses together are one dark grey segment, "hidden (fewer than 5 respondents)"');
  });

  it('puts the hidden share at the right end when hidden responses are on both sides: 1 and 5 hidden, 25/40/25 shown', () => {
    const d = likertData([stat([1, 5], [null, 0.25, 0.4, 0.25, null])], 'fewer than 10');
    // 4 runs from 20 to 45; the hidden 10% from 45 to 55; nothing left of the 2 (−45)
    expect(seg(d, 'q1', '4')).toEqual([[20, 45]]);
    expect(seg(d, 'q1', 'hidden (fewer than 10 respondents)')).toEqual([[45, 55]]);
    expect(Math.min(...d.segments.filter((s) => s.row === 'q1').map((s) => s.x0))).toBeCloseTo(-45, 9);
  });

  it('labels an item by its wording when the instrument gives it (wrapped, with reversed and wave), else by its code', () => {
    const s = stat([1, 5], [0.1, 0.2, 0.4, 0.2, 0.1]);
    s.item_stats[1] = { ...s.item_stats[1]!, text: 'I find it hard to relate to some of my students.' };
    const d = likertData([s]);
    expect(d.rows).toEqual(['q1', 'I find it hard to relate to some of my\nstudents. (reversed)']);
    expect(likertCaption([s], 'fewer than 10')).toContain('Items are labelled by their wording in the instrument file.');
  });
});

describe('likertColors', () => {
  it('is ColorBrewer RdBu: five points red, light red, grey, light blue, blue; six points three reds and three blues', () => {
    expect(likertColors([1, 2, 3, 4, 5])).toEqual(['#ca0020', '#f4a582', '#bdbdbd', '#92c5de', '#0571b0']);
    expect(likertColors([1, 2, 3, 4, 5, 6])).toEqual(['#b2182b', '#ef8a62', '#fddbc7', '#d1e5f0', '#67a9cf', '#2166ac']);
  });
});

describe('likertChart', () => {
  it('renders an SVG with each item row and the response legend', async () => {
    const svg = await vegaLiteToSvg(likertChart([stat([1, 5], [0.1, 0.2, 0.4, 0.2, 0.1])], 'fewer than 10'));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('q2 (reversed)');
    expect(svg).toContain('Connection to students: item responses');
    expect(svg).toContain('Response');
    expect(svg).not.toContain('hidden (');
  });

  it('adds the hidden share to the legend in dark grey when a share is hidden', async () => {
    const spec = likertChart([stat([1, 5], [null, 0.25, 0.4, 0.25, 0.05])], 'fewer than 10') as { layer: { encoding?: { color?: { scale: { domain: string[]; range: string[] } } } }[] };
    const scale = spec.layer[0]!.encoding!.color!.scale;
    expect(scale.domain).toEqual(['1', '2', '3', '4', '5', 'hidden (fewer than 10 respondents)']);
    expect(scale.range[5]).toBe(HIDDEN_COLOR);
    const svg = await vegaLiteToSvg(likertChart([stat([1, 5], [null, 0.25, 0.4, 0.25, 0.05])], 'fewer than 10'));
    expect(svg).toContain('hidden (fewer than 10 respondents)');
  });
});
