/**
 * Compile-time check (run by type-gate.test.ts through tsc, and by `npm run typecheck`): every writer of a
 * publishable file takes the privacy gate's sealed type. Each raw call below must fail to compile, which
 * `@ts-expect-error` asserts (an unused one is itself an error); the gated calls must compile.
 */
import type { Results } from '../../src/results/results-schema.js';
import { applyPrivacyGate, Publishable } from '../../src/privacy/privacy-gate.js';
import { reportHtml } from '../../src/report/html/report-html.js';
import { executiveSummary, programSection, limitationsSection, sampleFlowDiagram } from '../../src/report/html/sections-narrative.js';
import { baselineSection, adjustedOutcomesSection, contrastSection } from '../../src/report/html/sections-estimation.js';
import { dataQualitySection } from '../../src/report/html/section-data-quality.js';
import { groupMeansChart } from '../../src/report/charts/group-means-chart.js';
import { effectSizeChart } from '../../src/report/charts/difference-chart.js';
import { lovePlotChart } from '../../src/report/charts/love-plot-chart.js';
import { methodComparisonChart } from '../../src/report/charts/method-comparison-chart.js';
import { headlineFindings } from '../../src/report/statements/headline-findings.js';
import { statementChart } from '../../src/report/figure-pack/statement-chart.js';
import { writeTables } from '../../src/report/tables/write-tables.js';
import { writePublishable } from '../../src/run/write-outputs.js';

declare const raw: Results;
const gated = applyPrivacyGate(raw, 10);

export function rawIsRefused(): void {
  // @ts-expect-error raw results cannot reach the report
  reportHtml(raw, []);
  // @ts-expect-error raw results cannot reach a section
  executiveSummary(raw);
  // @ts-expect-error raw results cannot reach a section
  programSection(raw);
  // @ts-expect-error raw results cannot reach a section
  limitationsSection(raw);
  // @ts-expect-error raw results cannot reach a section
  sampleFlowDiagram(raw);
  // @ts-expect-error raw results cannot reach a section
  baselineSection(raw, null);
  // @ts-expect-error raw results cannot reach a section
  adjustedOutcomesSection(raw);
  // @ts-expect-error raw results cannot reach a section
  contrastSection('subgroups', 'Subgroups', '', raw.subgroups, raw, 'subgroups.csv');
  // @ts-expect-error raw results cannot reach a section
  dataQualitySection(raw);
  // @ts-expect-error raw results cannot reach a chart
  groupMeansChart(raw);
  // @ts-expect-error raw results cannot reach a chart
  effectSizeChart(raw);
  // @ts-expect-error raw results cannot reach a chart
  lovePlotChart(raw);
  // @ts-expect-error raw results cannot reach a chart
  methodComparisonChart(raw);
  // @ts-expect-error raw results cannot reach the statements
  headlineFindings(raw);
  // @ts-expect-error raw results cannot reach a statement chart
  statementChart(raw, headlineFindings(gated)[0]!);
  // @ts-expect-error raw results cannot reach the CSV tables
  writeTables('out', raw);
  // @ts-expect-error raw results cannot reach results.json and the figures
  void writePublishable('out', raw);
  // @ts-expect-error a cast from plain results does not make them publishable
  reportHtml(raw as Publishable<Results>, []);
  // @ts-expect-error nor does the constructor, which is private
  reportHtml(new Publishable(raw, 10), []);
  // @ts-expect-error and there is no other way in: no public sealing method (fromGate runs the gate)
  reportHtml(Publishable['seal'](raw, 10), []);
}

export function gatedIsAccepted(): void {
  reportHtml(gated, []);
  executiveSummary(gated);
  contrastSection('subgroups', 'Subgroups', '', gated.data.subgroups, gated, 'subgroups.csv');
  groupMeansChart(gated);
  headlineFindings(gated);
  writeTables('out', gated);
}
