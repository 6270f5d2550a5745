import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Results } from '../results/results-schema.js';
import type { Publishable } from '../privacy/privacy-gate.js';
import { groupMeansChart } from '../report/charts/group-means-chart.js';
import { effectSizeChart } from '../report/charts/difference-chart.js';
import { vegaLiteToSvg, svgToPng } from '../report/render/index.js';
import { reportHtml, type ReportFigure } from '../report/html/report-html.js';
import { csvField } from '../generate/csv-writer.js';

/** Write rows as CSV. */
function writeCsv(path: string, header: string[], rows: (string | number | boolean | null)[][]): void {
  writeFileSync(path, [header.join(','), ...rows.map((r) => r.map((v) => csvField(v)).join(','))].join('\n') + '\n');
}

/** Write the publishable outputs (results.json, tables/*.csv, figures/*.svg|png, report.html) from gated results. */
export async function writePublishable(dir: string, r: Publishable<Results>): Promise<string[]> {
  mkdirSync(join(dir, 'tables'), { recursive: true });
  mkdirSync(join(dir, 'figures'), { recursive: true });
  writeFileSync(join(dir, 'results.json'), JSON.stringify(r, null, 2) + '\n');

  writeCsv(join(dir, 'tables', 'sample_flow.csv'), ['step', 'students', 'visited', 'comparison'], r.sample_flow.map((s) => [s.step, s.students, s.visited, s.comparison]));
  const estCols = ['method', 'n_treated', 'n_comparison', 'mean_treated', 'mean_comparison', 'estimate', 'se', 'df', 'ci_low', 'ci_high', 'p_value', 'effect_size', 'effect_size_type', 'improvement_index', 'suppressed'] as const;
  writeCsv(
    join(dir, 'tables', 'outcomes.csv'),
    ['outcome', 'domain', 'type', 'lower_is_better', ...estCols, 'notes'],
    r.outcomes.flatMap((o) => o.estimates.map((e) => [o.outcome, o.domain, o.type, o.lower_is_better, ...estCols.map((k) => e[k]), e.notes.join('; ')])),
  );
  writeCsv(
    join(dir, 'tables', 'row_accounting.csv'),
    ['extract', 'path', 'sha256', 'rows_read', 'rows_accepted', 'rows_rejected', 'rejected_by_reason'],
    r.provenance.inputs.map((i) => [i.extract, i.path, i.sha256, i.rows_read, i.rows_accepted, i.rows_rejected, Object.entries(i.rejected_by_reason).map(([k, n]) => `${k}=${n}`).join(';')]),
  );
  writeCsv(join(dir, 'tables', 'suppression_log.csv'), ['table', 'cell', 'rule', 'detail'], r.suppression_log.map((s) => [s.table, s.cell, s.rule, s.detail]));

  const specs = [
    { id: 'group-means', title: 'Visited vs. comparison by outcome', spec: groupMeansChart(r), alt: 'For each outcome, the mean of visited students (blue circle) and comparison students (orange diamond) with 95% confidence intervals, each outcome on its own scale.' },
    { id: 'effect-sizes', title: 'Effect sizes (unadjusted)', spec: effectSizeChart(r), alt: "Bars show each outcome's unadjusted effect size (Hedges' g or Cox index), visited minus comparison; dashed lines mark ±0.25, the What Works Clearinghouse threshold for a substantively important effect." },
  ];
  const figures: ReportFigure[] = [];
  for (const s of specs) {
    const svg = await vegaLiteToSvg(s.spec);
    writeFileSync(join(dir, 'figures', `${s.id}.svg`), svg);
    writeFileSync(join(dir, 'figures', `${s.id}.png`), svgToPng(svg));
    writeFileSync(join(dir, 'figures', `${s.id}.vl.json`), JSON.stringify(s.spec, null, 2) + '\n');
    figures.push({ id: s.id, title: s.title, svg, alt: s.alt });
  }
  writeFileSync(join(dir, 'report.html'), reportHtml(r, figures));
  return ['report.html', 'results.json', 'tables/', 'figures/'];
}
