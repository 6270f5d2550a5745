import type { Results } from '../../results/results-schema.js';
import type { Publishable } from '../../privacy/privacy-gate.js';
import { REASON_TEXT, type RejectReason } from '../../contract/reasons.js';
import { esc, count, formatMean, formatDifference, formatP, fixed, signed, shownCount } from '../format.js';
import { notesText, SUPPRESSION_REASON_TEXT } from '../note-text.js';
import { REPORT_CSS } from './report-css.js';
import { adjustmentRows } from './methods-rows.js';
import { domainTitle, labelPath } from '../labels.js';
import { groupTerms } from '../group-terms.js';
import { dataQualitySection } from './section-data-quality.js';
import { htmlTable, groupRow, type TableRow } from './table.js';
import { baselineSection, adjustedOutcomesSection, methodComparisonSection, contrastSection, unitNote } from './sections-estimation.js';
import { fidelitySection } from './section-fidelity.js';
import { costSection } from './section-cost.js';
import { surveysSection, type LikertFigure } from './section-surveys.js';
import { surveyOnlyMain, surveyHeaderLine } from './survey-only-report.js';
import { isSurveyOnly } from '../survey-text.js';
import { fidelityReachCaption } from '../charts/fidelity-reach-chart.js';
import { executiveSummary, programSection, sampleFlowDiagram, limitationsSection, headerLine, documentTitle, notEvaluatedParagraph } from './sections-narrative.js';

/** A rendered figure to inline in the report. */
export interface ReportFigure {
  id: string;
  title: string;
  svg: string;
  alt: string;
  /** a survey scale's Likert chart: shown in the "Teachers and families" section, not among the further figures */
  likert?: Omit<LikertFigure, 'svg'>;
}

const SECTIONS = [
  ['summary', 'Summary'],
  ['program', 'Program'],
  ['data', 'Data'],
  ['sample', 'Sample'],
  ['methods', 'Methods'],
  ['baseline', 'Baseline'],
  ['estimates', 'Outcomes'],
  ['dose', 'Dose & timing'],
  ['fidelity', 'Fidelity'],
  ['school-level', 'Schools'],
  ['cost', 'Cost'],
  ['surveys', 'Teachers & families'],
  ['methods-compared', 'Method comparison'],
  ['limitations', 'Limitations'],
  ['appendix', 'Appendix'],
  ['subgroups', 'Subgroups'],
] as const;

function dataSection(p: Publishable<Results>): string {
  const r = p.data;
  const rows = r.provenance.inputs.map((i) => [
    esc(i.extract) + (i.kind ? ` <span class="muted">(${esc(i.kind)})</span>` : ''),
    `<code>${esc(i.path)}</code>${i.files > 1 ? ` <span class="muted">(${i.files} files)</span>` : ''}`,
    `<code title="${i.sha256}">${i.sha256.slice(0, 12)}…</code>`,
    count(i.rows_read),
    count(i.rows_accepted),
    count(i.rows_rejected),
    Object.entries(i.rejected_by_reason)
      .map(([k, n]) => `<span title="${esc(REASON_TEXT[k as RejectReason] ?? k)}">${esc(k)}: ${count(n)}</span>`)
      .join('<br>') || '—',
  ]);
  return `<section id="data"><h2>Data sources and row accounting</h2>
<p>Every row read from an extract was either accepted or rejected with one reason (rows read = accepted + rejected). Rejected rows are listed, with their source line, in the restricted <code>rejects/</code> folder beside this report, not here.</p>
${htmlTable(['Extract', 'Path', 'SHA-256', 'Rows read', 'Accepted', 'Rejected', 'Reject reasons'], rows, [false, false, false, true, true, true, false])}
</section>`;
}

function sampleSection(p: Publishable<Results>): string {
  const r = p.data;
  const rows = r.sample_flow.map((s) => [esc(s.step), shownCount(s, 'students'), shownCount(s, 'visited'), shownCount(s, 'comparison')]);
  const t = groupTerms(r);
  return `<section id="sample"><h2>Sample flow</h2>
<p>Each step keeps the students of the step before. ${t.Treated}: ${esc(r.definitions.visited)}. Comparison: ${esc(r.definitions.comparison)}.</p>
${sampleFlowDiagram(p)}
${htmlTable(['Step', 'Students', `<span class="dot-v">●</span> ${t.Treated}`, '<span class="dot-c">◆</span> Comparison'], rows, [false, true, true, true])}
</section>`;
}

function outcomesSection(p: Publishable<Results>, id: string, heading: string): string {
  const r = p.data;
  const t = groupTerms(r);
  const head = ['Outcome', `n ${t.treated}`, 'n comparison', t.Treated, 'Comparison', 'Difference', '95% CI', 'p', 'Effect size', 'Improvement index'];
  const numeric = [false, true, true, true, true, true, true, true, true, true];
  const body: TableRow[] = [];
  let domain = '';
  for (const o of r.outcomes) {
    const e = o.estimates.find((x) => x.method === 'unadjusted');
    if (!e) continue;
    if (o.domain !== domain) {
      domain = o.domain;
      body.push(groupRow(esc(domainTitle(domain))));
    }
    const ci = e.ci_low === null || e.ci_high === null ? '—' : `${formatDifference(o, e.ci_low).replace(' pp', '')} to ${formatDifference(o, e.ci_high).replace(' pp', '')}`;
    const notes = e.notes.length ? `<div class="muted">${e.suppressed ? '<em>Suppressed.</em> ' : ''}${esc(notesText(e.notes, t, p.fewerThan))}</div>` : '';
    const cells = [
      `${esc(o.label)}${unitNote(o)}${o.lower_is_better ? ' <span class="muted">(lower is better)</span>' : ''}${notes}`,
      shownCount(e, 'n_treated'),
      shownCount(e, 'n_comparison'),
      formatMean(o, e.mean_treated, e.display?.mean_treated),
      formatMean(o, e.mean_comparison, e.display?.mean_comparison),
      formatDifference(o, e.estimate),
      ci,
      formatP(e.p_value),
      e.effect_size === null ? '—' : `${fixed(e.effect_size, 3)}&nbsp;<span class="muted">${e.effect_size_type === 'cox_index' ? 'Cox' : 'g'}</span>`,
      signed(e.improvement_index, 1),
    ];
    body.push(cells);
  }
  return `<section id="${id}">${heading}
<div class="note"><strong>Read with care.</strong> These are unadjusted differences. ${t.homeVisits ? 'Families chose whether to be visited, so visited and comparison students may have differed before any visit; a difference here is <em>associated with</em> visits and is not evidence that visits caused it.' : 'The treatment was not assigned at random, so treatment and comparison students may have differed beforehand; a difference here is <em>associated with</em> the treatment and is not evidence that the treatment caused it.'}</div>
${id === 'estimates' ? notEvaluatedParagraph(p) : ''}
${htmlTable(head, body, numeric, { className: 'outcomes' })}
<p class="muted">Difference = ${t.treated} − comparison; for rates it is in percentage points (pp), and so is its 95% CI. Continuous and count outcomes: Welch t-test. Yes/no outcomes: difference in proportions with the unpooled (Wald) standard error. Effect sizes follow the What Works Clearinghouse: Hedges' g with the small-sample correction, or the Cox index for yes/no outcomes. The improvement index (percentile points, 100·(Φ(effect size) − 0.5)) has its sign flipped for outcomes where lower is better, so that a positive value always favours the ${t.treated} group.</p>
</section>`;
}

function figuresSection(figures: ReportFigure[]): string {
  return `<section id="figures"><h3>Further figures</h3>
${figures.map((f) => `<figure id="fig-${esc(f.id)}" role="img" aria-label="${esc(f.alt)}">${f.svg}<figcaption>${esc(f.title)}. ${esc(f.alt)} (SVG and PNG in <code>figures/</code>.)</figcaption></figure>`).join('\n')}
</section>`;
}

function methodsSection(p: Publishable<Results>): string {
  const r = p.data;
  const d = r.definitions;
  const prov = r.provenance;
  return `<section id="methods"><h2>Methods and definitions used</h2>
${htmlTable(['Definition', 'Value used'], [
    ...(d.source === 'pipeline'
      ? [
          ['School-year window', esc(d.school_year_window ?? '')],
          ['Visited', esc(d.visited)],
          ['Comparison group', esc(d.comparison)],
          ['Attendance feed', esc(d.attendance_kind ?? '')],
          ['Chronically absent', `days absent / days enrolled ≥ ${fixed(d.chronic_threshold, 2)}`],
          ['Minimum days enrolled', String(d.min_days_enrolled)],
          ['Proficient', `performance level ≥ ${d.proficient_level} (a given flag takes precedence)`],
          ['Test scores', 'z-scores within (year, subject, grade tested) over all scored students, sample SD'],
        ]
      : [
          ['Data', 'an analytic file supplied by the evaluator (hve compare); outcomes and covariates as given'],
          ['Treated', esc(d.visited)],
          ['Comparison group', esc(d.comparison)],
        ]),
    ...adjustmentRows(p),
  ])}
<p>Software: home-visit-eval ${esc(prov.software_version)} with DuckDB ${esc(prov.duckdb_version)}. Pipeline file <code>${esc(prov.pipeline_file)}</code> (SHA-256 <code>${prov.pipeline_sha256}</code>), seed ${prov.seed}. Generated ${esc(r.generated_at)}.</p>
</section>`;
}

function privacySection(p: Publishable<Results>): string {
  const r = p.data;
  const rows = r.suppression_log.map((s) => [esc(s.table), esc(labelPath(s.cell, r)), esc(s.rule), esc(SUPPRESSION_REASON_TEXT[s.reason] ?? s.reason), esc(s.display)]);
  return `<section id="privacy"><h3>Privacy and suppression log</h3>
<p>${esc(r.privacy.rule)} No student identifier appears in this report, its figures or its tables.</p>
${rows.length ? htmlTable(['Table', 'Cell', 'Rule', 'Why', 'Shown as'], rows) : '<p>No cell needed suppression.</p>'}
</section>`;
}

/** The reach × fidelity figure for the fidelity section, with its caption, when it was rendered. */
function reachFigure(p: Publishable<Results>, figures: ReportFigure[]): { svg: string; alt: string; caption: string } | null {
  const f = figures.find((x) => x.id === 'fidelity-reach');
  return f ? { svg: f.svg, alt: f.alt, caption: fidelityReachCaption(p) } : null;
}

/** Build the self-contained HTML report (inline CSS and SVG, no scripts or external resources) from gated results. */
export function reportHtml(p: Publishable<Results>, figures: ReportFigure[]): string {
  const r = p.data;
  const likert = figures.flatMap((f) => (f.likert ? [{ ...f.likert, svg: f.svg }] : []));
  // hve survey: no students, so no student section or wording (src/report/html/survey-only-report.ts)
  const main = isSurveyOnly(r) ? surveyOnlyMain(p, likert, dataSection(p)) : `${executiveSummary(p)}
${programSection(p)}
${dataSection(p)}
${dataQualitySection(p)}
${sampleSection(p)}
${methodsSection(p)}
${baselineSection(p, figures.find((f) => f.id === 'love-plot')?.svg ?? null)}
${r.outcomes.some((o) => o.estimates.length > 1) ? adjustedOutcomesSection(p) : outcomesSection(p, 'estimates', `<h2>Outcomes: ${groupTerms(r).treated} vs. comparison (unadjusted)</h2>`)}
${contrastSection('dose', 'Dose and timing (descriptive)', '<strong>Descriptive contrasts, not effects:</strong> families chose how many visits to have and when, so these differences mix the visits with who chose them. Unadjusted.', r.dose, p, 'dose_timing.csv')}
${fidelitySection(p, reachFigure(p, figures))}
${contrastSection('school-level', 'School-level implementation', 'Students in schools that visited at least a set share of their students against students in all other schools, adjusted for baseline covariates and clustered by school when each side has enough schools for a test, otherwise group means only (Sheldon &amp; Jung 2018 report 22% lower odds of chronic absence at ≥ 10%); and whether the visited − comparison difference changes with the school’s visit rate.', r.school_level, p, 'school_level.csv')}
${costSection(p)}
${surveysSection(p, figures.flatMap((f) => (f.likert ? [{ ...f.likert, svg: f.svg }] : [])))}
${r.outcomes.some((o) => o.estimates.length > 1) ? methodComparisonSection(p, figures.find((f) => f.id === 'method-comparison')?.svg ?? null) : ''}
${limitationsSection(p)}
<section id="appendix"><h2>Appendix</h2>
${r.outcomes.some((o) => o.estimates.length > 1) ? outcomesSection(p, 'outcomes-unadjusted', '<h3>Unadjusted outcome table (group means)</h3>') : ''}
${contrastSection('subgroups', 'Subgroups', 'Visited − comparison within each subgroup, adjusted for the baseline covariates. The interaction p tests whether the difference varies across the levels of the subgroup (a small p means it does). Subgroup estimates rest on fewer students and are less certain, and they are exploratory.', r.subgroups, p, 'subgroups.csv', 'h3')}
${figuresSection(figures.filter((f) => f.id !== 'love-plot' && f.id !== 'method-comparison' && f.id !== 'fidelity-reach' && !f.likert))}
${privacySection(p)}
</section>
`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(documentTitle(p))}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="top"><h1>${esc(r.name)}</h1><p>${esc(isSurveyOnly(r) ? surveyHeaderLine(p) : headerLine(p))}</p></header>
<nav class="toc" aria-label="Sections">${SECTIONS.filter(([id]) => main.includes(`id="${id}"`)).map(([id, t]) => `<a href="#${id}">${t}</a>`).join('')}</nav>
<main>
${main}</main>
</body>
</html>
`;
}
