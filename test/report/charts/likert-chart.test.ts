/** The Likert chart: segments placed by hand (negative responses left of zero, the middle one split), hidden shares taking no space, the colours, and a rendered SVG. */
import { describe, it, expect } from 'vitest';
import { likertData, likertColors, likertChart, likertCaption } from '../../../src/report/charts/likert-chart.js';
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

  it('leaves out a hidden share, lists its rows, and names the wave when there are two', () => {
    const d = likertData([stat([1, 5], [null, 0.25, 0.4, 0.25, 0.05], 'fall'), stat([1, 5], [0.1, 0.2, 0.4, 0.2, 0.1])]);
    expect(d.rows).toEqual(['q1 · fall', 'q1 · spring', 'q2 (reversed) · fall', 'q2 (reversed) · spring']);
    expect(seg(d, 'q1 · fall', '1')).toEqual([]);
    // the visible 2 still sits next to the split middle: −20 − 25
    expect(seg(d, 'q1 · fall', '2')).toEqual([[-45, -20]]);
    expect(d.hiddenRows).toEqual(['q1 · fall', 'q2 (reversed) · fall']);
    expect(likertCaption([stat([1, 5], [null, 0.25, 0.4, 0.25, 0.05], 'fall')], 'fewer than 10')).toContain('A response given by fewer than 10 respondents is hidden (privacy rule) and takes no space in its bar: q1, q2 (reversed).');
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
    const svg = await vegaLiteToSvg(likertChart([stat([1, 5], [0.1, 0.2, 0.4, 0.2, 0.1])]));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('q2 (reversed)');
    expect(svg).toContain('Connection to students: item responses');
    expect(svg).toContain('Response');
  });
});
