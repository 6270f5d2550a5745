import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Results, ContrastResult } from '../results/results-schema.js';
import type { Publishable } from '../privacy/privacy-gate.js';
import { groupMeansChart } from '../report/charts/group-means-chart.js';
import { effectSizeChart } from '../report/charts/difference-chart.js';
import { vegaLiteToSvg, svgToPng } from '../report/render/index.js';
import { reportHtml, type ReportFigure } from '../report/html/report-html.js';
import { lovePlotChart } from '../report/charts/love-plot-chart.js';
import { methodComparisonChart } from '../report/charts/method-comparison-chart.js';
import { groupTerms } from '../report/group-terms.js';
import { writeCsv } from '../util/csv.js';

/** Write the publishable outputs (results.json, tables/*.csv, figures/*.svg|png, report.html) from gated results. */
export async function writePublishable(dir: string, r: Publishable<Results>): Promise<string[]> {
  mkdirSync(join(dir, 'tables'), { recursive: true });
  mkdirSync(join(dir, 'figures'), { recursive: true });
  writeFileSync(join(dir, 'results.json'), JSON.stringify(r, null, 2) + '\n');

  writeCsv(join(dir, 'tables', 'sample_flow.csv'), ['step', 'students', 'visited', 'comparison'], r.sample_flow.map((s) => [s.step, s.students, s.visited, s.comparison]));
  const estCols = ['method', 'se_type', 'n_treated', 'n_comparison', 'mean_treated', 'mean_comparison', 'estimate', 'se', 'df', 'ci_low', 'ci_high', 'p_value', 'effect_size', 'effect_size_type', 'improvement_index', 'ratio', 'ratio_type', 'ratio_ci_low', 'ratio_ci_high', 'bh_p_value', 'bh_significant', 'suppressed'] as const;
  writeCsv(
    join(dir, 'tables', 'outcomes.csv'),
    ['outcome', 'domain', 'type', 'lower_is_better', ...estCols, 'baseline_verdict', 'notes'],
    r.outcomes.flatMap((o) => o.estimates.map((e) => [o.outcome, o.domain, o.type, o.lower_is_better, ...estCols.map((k) => e[k] ?? null), e.baseline?.verdict ?? null, e.notes.join('; ')])),
  );
  writeCsv(
    join(dir, 'tables', 'row_accounting.csv'),
    ['extract', 'path', 'sha256', 'rows_read', 'rows_accepted', 'rows_rejected', 'rejected_by_reason'],
    r.provenance.inputs.map((i) => [i.extract, i.path, i.sha256, i.rows_read, i.rows_accepted, i.rows_rejected, Object.entries(i.rejected_by_reason).map(([k, n]) => `${k}=${n}`).join(';')]),
  );
  const contrastCols = ['analysis', 'outcome', 'level', 'reference', 'n_level', 'n_reference', 'mean_level', 'mean_reference', 'estimate', 'se', 'ci_low', 'ci_high', 'p_value', 'interaction_p_value', 'method', 'descriptive', 'suppressed'] as const;
  for (const [name, rows] of [['subgroups', r.subgroups], ['dose_timing', r.dose], ['school_level', r.school_level]] as const) {
    const schoolCols = name === 'school_level' ? ['n_schools_level', 'n_schools_reference', 'min_schools_per_arm'] : [];
    const schools = (c: ContrastResult) => (schoolCols.length ? [c.schools?.level ?? null, c.schools?.reference ?? null, c.schools?.min_per_arm ?? null] : []);
    if (rows) writeCsv(join(dir, 'tables', `${name}.csv`), [...contrastCols, ...schoolCols, 'notes'], rows.map((c) => [...contrastCols.map((k) => (c[k] === undefined ? null : c[k])), ...schools(c), c.notes.join('; ')]));
  }
  if (r.balance) {
    writeCsv(
      join(dir, 'tables', 'balance.csv'),
      ['sample', 'covariate', 'binary', 'n_treated', 'n_comparison', 'mean_treated', 'mean_comparison', 'effect_size', 'effect_size_type', 'band', 'variance_ratio', 'suppressed'],
      r.balance.flatMap((b) => b.rows.map((x) => [b.sample, x.name, x.binary, x.n_treated, x.n_comparison, x.mean_treated, x.mean_comparison, x.effect_size, x.effect_size_type, x.band, x.variance_ratio, x.suppressed])),
    );
  }
  writeCsv(join(dir, 'tables', 'suppression_log.csv'), ['table', 'cell', 'rule', 'detail'], r.suppression_log.map((s) => [s.table, s.cell, s.rule, s.detail]));

  const t = groupTerms(r);
  const specs = [
    { id: 'group-means', title: `${t.Treated} vs. comparison by outcome`, spec: groupMeansChart(r), alt: `For each outcome, the mean of ${t.treated} students (blue circle) and comparison students (orange diamond) with 95% confidence intervals, each outcome on its own scale.` },
    { id: 'effect-sizes', title: 'Effect sizes (unadjusted)', spec: effectSizeChart(r), alt: `Bars show each outcome's unadjusted effect size (Hedges' g or Cox index), ${t.treated} minus comparison; dashed lines mark ±0.25, the What Works Clearinghouse threshold for a substantively important effect.` },
  ];
  if (r.balance?.length) {
    specs.push({ id: 'love-plot', title: 'Baseline balance (love plot)', spec: lovePlotChart(r), alt: `For each baseline measure, the absolute effect size between ${t.treated} and comparison students before adjustment, after matching and after weighting, with the WWC lines at 0.05 and 0.25.` });
  }
  if (r.outcomes.some((o) => o.estimates.length > 1)) {
    specs.push({ id: 'method-comparison', title: 'Method comparison', spec: methodComparisonChart(r), alt: `For each outcome, the ${t.treated} − comparison estimate with its 95% confidence interval under each method.` });
  }
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
