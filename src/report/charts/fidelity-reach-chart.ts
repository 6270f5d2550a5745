import type { TopLevelSpec } from 'vega-lite';
import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import { OKABE_ITO } from '../render/index.js';
import { percent } from '../fidelity-text.js';

/** The schools a reach × score chart can place, and how many it leaves out and why. */
export interface ReachPoints {
  values: { school: string; reach: number; score: number; at_threshold: boolean }[];
  /** program schools hidden by the privacy gate (a suppressed row, or a hidden reach or score) */
  hidden: number;
  /** program schools with no fidelity score, and schools with no completed visit */
  unscored: number;
  threshold: number;
}

/** The points of the reach × fidelity chart: program schools with a shown reach and score; hidden schools are left out and counted. */
export function fidelityReachPoints(p: Publishable<Results>): ReachPoints {
  const f = p.data.fidelity;
  const out: ReachPoints = { values: [], hidden: 0, unscored: 0, threshold: f?.settings.reach_threshold ?? 0.1 };
  for (const s of f?.schools ?? []) {
    if (!s.program_school) out.unscored++;
    else if (s.suppressed || s.display?.reach !== undefined || s.display?.score !== undefined) out.hidden++;
    else if (s.reach === null || s.score === null || s.school_id === null) out.unscored++;
    else out.values.push({ school: s.school_id, reach: 100 * s.reach, score: s.score, at_threshold: s.reach >= out.threshold });
  }
  return out;
}

/** The caption of the chart: what a point is, the threshold line, and how many schools are left out and why. */
export function fidelityReachCaption(p: Publishable<Results>): string {
  const pts = fidelityReachPoints(p);
  const schools = (k: number) => `${k} ${k === 1 ? 'school' : 'schools'}`;
  const parts = [`Each point is a program school, labelled with its id: the share of its students visited (reach) and its fidelity score (the plain mean of its recorded practice measures); the dashed line marks the ${percent(pts.threshold)} reach threshold (Sheldon & Jung 2018).`];
  if (pts.hidden) parts.push(`${schools(pts.hidden)} hidden by the privacy rule ${pts.hidden === 1 ? 'is' : 'are'} left out.`);
  if (pts.unscored) parts.push(`${schools(pts.unscored)} with no completed visit or no recorded practice ${pts.unscored === 1 ? 'has' : 'have'} no point.`);
  return parts.join(' ');
}

const WIDTH = 460;
const HEIGHT = 300;

/** The right end of the reach axis (percent): twice the threshold, or past the farthest school. */
function chartXMax(pts: ReachPoints): number {
  return Math.max(2 * 100 * pts.threshold, ...pts.values.map((v) => v.reach * 1.15));
}

/**
 * Where each school's label goes, in data units: the first of a few spots around its point (above, below, right,
 * left, then farther) whose box overlaps no label placed before and no point, in pixels of the plot.
 */
function placeLabels(points: readonly { school: string; reach: number; score: number }[], xMax: number): { x: number; y: number }[] {
  const px = (v: { reach: number; score: number }) => ({ x: (v.reach / xMax) * WIDTH, y: (1 - v.score) * HEIGHT });
  const spots = [[0, -14], [0, 16], [34, 0], [-34, 0], [0, -30], [0, 32], [34, -16], [-34, -16], [34, 16], [-34, 16], [0, -46], [0, 48]] as const;
  type Box = { x0: number; x1: number; y0: number; y1: number };
  const hit = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  const taken: Box[] = points.map((v) => {
    const c = px(v);
    return { x0: c.x - 6, x1: c.x + 6, y0: c.y - 6, y1: c.y + 6 };
  });
  const order = points.map((_, i) => i).sort((a, b) => points[a]!.reach - points[b]!.reach);
  const out: { x: number; y: number }[] = points.map(() => ({ x: 0, y: 0 }));
  for (const i of order) {
    const v = points[i]!;
    const c = px(v);
    const w = 7.4 * v.school.length + 4;
    const boxAt = ([dx, dy]: readonly [number, number]): Box => ({ x0: c.x + dx - w / 2, x1: c.x + dx + w / 2, y0: c.y + dy - 8, y1: c.y + dy + 8 });
    const spot = spots.find((d) => !taken.some((t) => hit(t, boxAt(d)))) ?? spots[0];
    taken.push(boxAt(spot));
    out[i] = { x: ((c.x + spot[0]) / WIDTH) * xMax, y: 1 - (c.y + spot[1]) / HEIGHT };
  }
  return out;
}

/** Vega-Lite spec: schools by reach (x, percent) and fidelity score (y, 0–1), labelled with school ids, with a vertical rule at the reach threshold. */
export function fidelityReachChart(p: Publishable<Results>): TopLevelSpec {
  const pts = fidelityReachPoints(p);
  const xMax = chartXMax(pts);
  const colors = { domain: ['at or above the threshold', 'below the threshold'], range: [OKABE_ITO[0], OKABE_ITO[5]] };
  const labels = placeLabels(pts.values, xMax);
  const values = pts.values.map((v, i) => ({ ...v, group: v.at_threshold ? colors.domain[0] : colors.domain[1], label_x: labels[i]!.x, label_y: labels[i]!.y }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Schools by reach and fidelity', subtitle: `Reach = students visited ÷ students enrolled; dashed line at ${percent(pts.threshold)}` },
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    layer: [
      {
        mark: { type: 'rule', color: '#888', strokeDash: [5, 4] },
        data: { values: [{ x: 100 * pts.threshold }] },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
      {
        mark: { type: 'point', filled: true, size: 80 },
        encoding: {
          x: { field: 'reach', type: 'quantitative', title: 'Reach (% of students visited)', scale: { domain: [0, xMax], nice: false } },
          y: { field: 'score', type: 'quantitative', title: 'Fidelity score (0–1)', scale: { domain: [0, 1] } },
          color: { field: 'group', type: 'nominal', title: null, scale: colors, legend: { orient: 'bottom' } },
          shape: { field: 'group', type: 'nominal', title: null, scale: { domain: colors.domain, range: ['circle', 'triangle-down'] }, legend: { orient: 'bottom' } },
          tooltip: [{ field: 'school' }, { field: 'reach', format: '.1f', title: 'reach (%)' }, { field: 'score', format: '.2f' }],
        },
      },
      {
        mark: { type: 'text', align: 'center', baseline: 'middle' },
        encoding: { x: { field: 'label_x', type: 'quantitative' }, y: { field: 'label_y', type: 'quantitative' }, text: { field: 'school' } },
      },
    ],
  } as TopLevelSpec;
}
