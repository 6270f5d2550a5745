import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Results } from '../results/results-schema.js';
import type { Publishable } from '../privacy/privacy-gate.js';
import { groupMeansChart } from '../report/charts/group-means-chart.js';
import { effectSizeChart } from '../report/charts/difference-chart.js';
import { vegaLiteToSvg, svgToPng } from '../report/render/index.js';
import { reportHtml, type ReportFigure } from '../report/html/report-html.js';
import { lovePlotChart } from '../report/charts/love-plot-chart.js';
import { lovePlotAlt } from '../report/balance-samples.js';
import { methodComparisonChart } from '../report/charts/method-comparison-chart.js';
import { groupTerms } from '../report/group-terms.js';
import { writeTables } from '../report/tables/write-tables.js';
import { fidelityReachChart, fidelityReachCaption } from '../report/charts/fidelity-reach-chart.js';
import { likertFigureSpecs, type LikertFigureSpec } from '../report/charts/likert-figures.js';

/** Write the publishable outputs (results.json, tables/*.csv, figures/*.svg|png, report.html) from gated results. */
export async function writePublishable(dir: string, p: Publishable<Results>): Promise<string[]> {
  const r = p.data;
  mkdirSync(join(dir, 'tables'), { recursive: true });
  mkdirSync(join(dir, 'figures'), { recursive: true });
  writeFileSync(join(dir, 'results.json'), JSON.stringify(r, null, 2) + '\n');

  writeTables(dir, p);

  const t = groupTerms(r);
  const specs = [
    { id: 'group-means', title: `${t.Treated} vs. comparison by outcome`, spec: groupMeansChart(p), alt: `For each outcome, the mean of ${t.treated} students (blue circle) and comparison students (orange diamond) with 95% confidence intervals, each outcome on its own scale.` },
    { id: 'effect-sizes', title: 'Effect sizes (unadjusted)', spec: effectSizeChart(p), alt: `Bars show each outcome's unadjusted effect size (Hedges' g or Cox index), ${t.treated} minus comparison; dashed lines mark ±0.25, the What Works Clearinghouse threshold for a substantively important effect.` },
  ];
  if (r.balance?.length) {
    specs.push({ id: 'love-plot', title: 'Baseline balance (love plot)', spec: lovePlotChart(p), alt: lovePlotAlt(r, t.treated) });
  }
  if (r.outcomes.some((o) => o.estimates.length > 1)) {
    specs.push({ id: 'method-comparison', title: 'Method comparison', spec: methodComparisonChart(p), alt: `For each outcome, the ${t.treated} − comparison estimate with its 95% confidence interval under each method.` });
  }
  if (r.fidelity) {
    specs.push({ id: 'fidelity-reach', title: 'Schools by reach and fidelity', spec: fidelityReachChart(p), alt: fidelityReachCaption(p) });
  }
  const figures: ReportFigure[] = [];
  const all: { id: string; title: string; spec: (typeof specs)[number]['spec']; alt: string; likert?: LikertFigureSpec['likert'] }[] = [...specs, ...likertFigureSpecs(p)];
  for (const s of all) {
    const svg = await vegaLiteToSvg(s.spec);
    writeFileSync(join(dir, 'figures', `${s.id}.svg`), svg);
    writeFileSync(join(dir, 'figures', `${s.id}.png`), svgToPng(svg));
    writeFileSync(join(dir, 'figures', `${s.id}.vl.json`), JSON.stringify(s.spec, null, 2) + '\n');
    figures.push({ id: s.id, title: s.title, svg, alt: s.alt, ...(s.likert ? { likert: s.likert } : {}) });
  }
  writeFileSync(join(dir, 'report.html'), reportHtml(p, figures));
  return ['report.html', 'results.json', 'tables/', 'figures/'];
}
