/** The forest plot of one pooled cell as a Vega-Lite spec: studies with their CIs, the pooled diamond, the prediction interval, heterogeneity on the plot. */
import type { TopLevelSpec } from 'vega-lite';
import { OKABE_ITO } from '../../report/render/index.js';
import type { PooledCell, PooledFit } from '../network-schema.js';
import { CI_SHORT, SITE_METHOD_LABEL, diamondCi, diamondFit, displayDigits, displayFactor, formatCi, formatValue, heterogeneityText, scaleLabel, studyLabel } from './network-labels.js';
import { fixed } from '../../report/format.js';

const ROW_PX = 24;
const LEFT_PX = 210;
const PLOT_PX = 360;
const RIGHT_PX = 250;
const HALF_HEIGHT = 0.36;

/** The figure id of a cell: `forest-<outcome>-<method>`, with `-effect-size` for the effect-size scale. */
export function forestId(c: Pick<PooledCell, 'outcome' | 'method' | 'scale'>): string {
  const safe = (s: string) => s.toLowerCase().replace(/[^a-z0-9_]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
  return `forest-${safe(c.outcome)}-${safe(c.method)}${c.scale === 'effect_size' ? '-effect-size' : ''}`;
}

/** Whether a cell has a forest plot: it was pooled (not suppressed) and a diamond fit exists. */
export function hasForest(c: PooledCell): boolean {
  return !c.suppressed && diamondFit(c) !== null && c.studies.length > 0;
}

/** The plot's title: outcome, site method and scale. */
export function forestTitle(c: PooledCell): string {
  const parts = [c.method === 'reported' ? null : SITE_METHOD_LABEL[c.method], c.scale === 'reported' ? null : scaleLabel(c)].filter((x) => x !== null);
  return parts.length ? `${c.label}: ${parts.join(', ')}` : c.label;
}

/** The text alternative of a forest plot. */
export function forestAlt(c: PooledCell): string {
  const f = diamondFit(c)!;
  const ci = diamondCi(f);
  const pi = diamondPrediction(f, ci);
  const rve = f.estimator === 'RVE' ? ` Every study (site-year) is drawn and weighted by RVE, clustered by site; the FE, DL and REML fits in the table below use one row per site (its latest year).` : '';
  return `Forest plot of ${c.k} studies (site-years) from ${c.sites} sites: each study's estimate as a square whose area is proportional to its ${f.estimator} weight, with its Wald 95% CI; the pooled ${f.estimator} estimate ${formatValue(c, f.estimate)} as a diamond spanning its ${ci ? CI_SHORT[ci.ci_method] : ''} 95% CI ${ci ? formatCi(c, ci.ci_low, ci.ci_high) : ''}; the 95% prediction interval ${pi ? formatCi(c, pi.low, pi.high) : '—'} as a dashed line.${rve} ${heterogeneityText(c)}.`;
}

/** The prediction interval drawn beside the diamond: the one of the diamond's CI (t(k − 1) beside HKSJ), else the fit's. */
function diamondPrediction(f: PooledFit, ci: PooledFit['cis'][number] | null): PooledFit['prediction'] {
  return ci?.prediction ?? f.prediction;
}

/** The most studies a forest plot draws one by one; the rest are one line with their total weight. */
export const MAX_FOREST_STUDIES = 40;

/** Vega-Lite spec of the forest plot of a pooled cell (call only when {@link hasForest}). */
export function forestChart(c: PooledCell): TopLevelSpec {
  const f = diamondFit(c)!;
  const ci = diamondCi(f);
  const k = displayFactor(c);
  const d = displayDigits(c);
  const num = (v: number | null) => (v === null ? null : k * v);
  const weightOf = (s: PooledCell['studies'][number]) => s.weights.find((x) => x.estimator === f.estimator)?.weight ?? null;
  // a pool of hundreds of studies draws the MAX_FOREST_STUDIES heaviest (in their order) and one line for the rest
  const keep = new Set(
    c.studies
      .map((s, i) => ({ i, w: weightOf(s) ?? 0 }))
      .sort((a, b) => b.w - a.w || a.i - b.i)
      .slice(0, MAX_FOREST_STUDIES)
      .map((x) => x.i),
  );
  const drawn = c.studies.filter((_, i) => keep.has(i));
  const rest = c.studies.filter((_, i) => !keep.has(i));
  const studies = drawn.map((s, i) => {
    const w = weightOf(s);
    return {
      row: i + 1,
      label: studyLabel(s),
      estimate: k * s.estimate,
      low: k * s.ci_low,
      high: k * s.ci_high,
      weight: w,
      value: `${fixed(k * s.estimate, d)} ${formatCi(c, s.ci_low, s.ci_high)}`,
      weightText: w === null ? '' : `${fixed(100 * w, 1)}%`,
    };
  });
  const restRow = rest.length ? drawn.length + 1 : null;
  const pooledRow = drawn.length + (rest.length ? 3 : 2);
  const piRow = pooledRow + 1;
  const lastRow = piRow;
  const est = num(f.estimate);
  const lo = ci ? num(ci.ci_low) : null;
  const hi = ci ? num(ci.ci_high) : null;
  const diamond =
    est !== null && lo !== null && hi !== null
      ? [
          { x: lo, y: pooledRow, y2: pooledRow },
          { x: est, y: pooledRow - HALF_HEIGHT, y2: pooledRow + HALF_HEIGHT },
          { x: hi, y: pooledRow, y2: pooledRow },
        ]
      : [];
  const fp = diamondPrediction(f, ci);
  const pi = fp && fp.low !== null && fp.high !== null ? [{ row: piRow, low: k * fp.low, high: k * fp.high }] : [];
  const ciName = ci ? CI_SHORT[ci.ci_method] : '';
  const texts = [
    ...studies.map((s) => ({ row: s.row, left: s.label, value: s.value, weight: s.weightText, bold: false })),
    ...(restRow === null
      ? []
      : [{ row: restRow, left: `… and ${rest.length.toLocaleString('en-US')} more studies (tables/studies.csv)`, value: '', weight: `${fixed(100 * rest.reduce((a, x) => a + (weightOf(x) ?? 0), 0), 1)}%`, bold: false }]),
    { row: 0, left: 'Study (site, year)', value: 'Estimate [95% CI]', weight: `Weight (${f.estimator})`, bold: true },
    { row: pooledRow, left: `Pooled, ${f.estimator} (${ciName} CI)`, value: est === null ? '—' : `${fixed(est, d)} ${ci ? formatCi(c, ci.ci_low, ci.ci_high) : ''}`, weight: '100%', bold: true },
    { row: piRow, left: '95% prediction interval', value: fp ? formatCi(c, fp.low, fp.high) : '—', weight: '', bold: false },
  ];
  const y = { field: 'row', type: 'quantitative' as const, axis: null, scale: { domain: [-0.6, lastRow + 0.6], reverse: true, nice: false, zero: false } };
  const height = (lastRow + 1.2) * ROW_PX;
  const textLayer = (field: string, x: number, align: 'left' | 'right', bold: boolean) => ({
    data: { values: texts.filter((t) => t.bold === bold) },
    mark: { type: 'text' as const, align, baseline: 'middle' as const, fontSize: 12, fontWeight: bold ? ('bold' as const) : ('normal' as const) },
    encoding: { y, x: { value: x }, text: { field } },
  });
  const textPanel = (field: string, x: number, align: 'left' | 'right') => [textLayer(field, x, align, false), textLayer(field, x, align, true)];
  const maxW = Math.max(0, ...studies.map((s) => s.weight ?? 0));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: forestTitle(c),
      subtitle: [`Squares: each study's estimate (area ∝ ${f.estimator} weight) with its Wald 95% CI.`, `Diamond: the ${f.estimator} pooled estimate with its ${ciName} 95% CI${f.estimator === 'RVE' ? ' (every year of every site, clustered by site)' : ''}; dashed: the 95% prediction interval.`, heterogeneityText(c)],
    },
    spacing: 4,
    hconcat: [
      { width: LEFT_PX, height, layer: textPanel('left', 0, 'left') },
      {
        width: PLOT_PX,
        height,
        layer: [
          { data: { values: [{}] }, mark: { type: 'rule', color: '#888' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
          ...(est === null ? [] : [{ data: { values: [{}] }, mark: { type: 'rule' as const, color: OKABE_ITO[5], strokeDash: [2, 3] }, encoding: { x: { datum: est, type: 'quantitative' as const } } }]),
          {
            data: { values: studies },
            mark: { type: 'rule', color: '#333' },
            encoding: { y, x: { field: 'low', type: 'quantitative', title: c.scale === 'reported' ? c.label : `${c.label}: ${scaleLabel(c)}` }, x2: { field: 'high' } },
          },
          {
            data: { values: studies },
            mark: { type: 'point', shape: 'square', filled: true, color: OKABE_ITO[0], opacity: 1 },
            encoding: { y, x: { field: 'estimate', type: 'quantitative' }, size: { field: 'weight', type: 'quantitative', legend: null, scale: { domain: [0, maxW || 1], range: [0, 260] } } },
          },
          ...(pi.length
            ? [{ data: { values: pi }, mark: { type: 'rule' as const, color: OKABE_ITO[5], strokeWidth: 2, strokeDash: [6, 3] }, encoding: { y, x: { field: 'low', type: 'quantitative' as const }, x2: { field: 'high' } } }]
            : []),
          ...(diamond.length
            ? [{ data: { values: diamond }, mark: { type: 'area' as const, color: OKABE_ITO[5], orient: 'vertical' as const, line: false }, encoding: { x: { field: 'x', type: 'quantitative' as const }, y: { ...y, field: 'y' }, y2: { field: 'y2' } } }]
            : []),
        ],
      },
      {
        width: RIGHT_PX,
        height,
        layer: [...textPanel('value', 0, 'left'), ...textPanel('weight', RIGHT_PX, 'right')],
      },
    ],
  } as TopLevelSpec;
}
