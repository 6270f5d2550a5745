import type { TopLevelSpec } from 'vega-lite';
import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import { OKABE_ITO } from '../render/index.js';
import { percent } from '../fidelity-text.js';

/** The schools a reach × score chart can place, and how many it leaves out and why. */
export interface ReachPoints {
  values: { school: string; reach: number; score: number; at_threshold: boolean }[];
  /** schools hidden by the privacy gate (a suppressed row, or a hidden reach or score) */
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
    if (s.suppressed || s.display?.reach !== undefined || s.display?.score !== undefined) out.hidden++;
    else if (!s.program_school || s.reach === null || s.score === null || s.school_id === null) out.unscored++;
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

/** Vega-Lite spec: schools by reach (x, percent) and fidelity score (y, 0–1), labelled with school ids, with a vertical rule at the reach threshold. */
export function fidelityReachChart(p: Publishable<Results>): TopLevelSpec {
  const pts = fidelityReachPoints(p);
  const xMax = Math.max(2 * 100 * pts.threshold, ...pts.values.map((v) => v.reach * 1.1));
  const colors = { domain: ['at or above the threshold', 'below the threshold'], range: [OKABE_ITO[0], OKABE_ITO[5]] };
  const values = pts.values.map((v) => ({ ...v, group: v.at_threshold ? colors.domain[0] : colors.domain[1] }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Schools by reach and fidelity', subtitle: `Reach = students visited ÷ students enrolled; dashed line at ${percent(pts.threshold)}` },
    width: 460,
    height: 300,
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
        mark: { type: 'text', align: 'left', dx: 7, dy: -6 },
        encoding: { x: { field: 'reach', type: 'quantitative' }, y: { field: 'score', type: 'quantitative' }, text: { field: 'school' } },
      },
    ],
  } as TopLevelSpec;
}
