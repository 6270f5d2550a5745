/**
 * The body of a survey-only report (`hve survey`: a survey file alone, no district extracts): data, methods, the
 * "Teachers and families" section, limitations and the privacy log, in words about respondents; no student outcome,
 * sample flow or student data-quality text, since there are no students.
 */
import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import { esc, count, fixed } from '../format.js';
import { labelPath } from '../labels.js';
import { SUPPRESSION_REASON_TEXT } from '../note-text.js';
import { htmlTable } from './table.js';
import { surveysSection, LOW_ALPHA, type LikertFigure } from './section-surveys.js';
import { groupName, respondentsNoun } from '../survey-text.js';

/** The header line of a survey-only report: who answered and what is compared. */
export function surveyHeaderLine(p: Publishable<Results>): string {
  const s = p.data.surveys!;
  const who = [...new Set(s.scales.map((r) => respondentsNoun(r.respondent_type)))].join(' and ') || 'respondents';
  const groups = s.grouping ? `, ${s.grouping.label ?? `${groupName(s.grouping.level ?? '', s.grouping)} vs. ${groupName(s.grouping.reference ?? '', s.grouping)}`}` : '';
  return `Survey of ${who}: reliability${s.grouping ? ' and group comparisons' : ''}${groups}`;
}

function methodsPart(p: Publishable<Results>): string {
  const r = p.data;
  const s = r.surveys!;
  const prov = r.provenance;
  const rows = [
    ['Data', 'a survey file supplied by the evaluator (hve survey), no district extracts'],
    ['Scale score', 'mean of the answered items after reverse keying, when at least the scale’s minimum number of items is answered'],
    ['Reliability', `Cronbach’s alpha (raw) on complete cases, Feldt’s 95% interval; flagged below ${fixed(LOW_ALPHA, 2)}`],
    ['Groups', s.grouping ? esc(s.grouping.label ?? `${groupName(s.grouping.level ?? '', s.grouping)} vs. ${groupName(s.grouping.reference ?? '', s.grouping)}`) : 'none (reliability only)'],
    ...(s.grouping ? [['Standard errors', r.definitions.cluster ? `cluster-robust by <code>${esc(r.definitions.cluster)}</code> when each group has enough clusters, else Welch` : 'Welch']] : []),
  ];
  return `<section id="methods"><h2>Methods and definitions used</h2>
${htmlTable(['Definition', 'Value used'], rows)}
<p>Software: home-visit-eval ${esc(prov.software_version)} with DuckDB ${esc(prov.duckdb_version)}. Generated ${esc(r.generated_at)}.</p>
</section>`;
}

function limitationsPart(p: Publishable<Results>): string {
  const r = p.data;
  const s = r.surveys!;
  const rejected = r.provenance.inputs.reduce((a, i) => a + i.rows_rejected, 0);
  const groups = s.grouping
    ? `<li><strong>Selection.</strong> The groups were not assigned at random: a difference is <em>associated with</em> the group, never shown to be caused by it.</li>
<li><strong>Many comparisons.</strong> Benjamini–Hochberg runs over every comparison and change of the survey domain; a difference is a finding only when it survives it.</li>`
    : '';
  return `<section id="limitations"><h2>Limitations</h2>
<ul>
${groups}
<li><strong>Self-report.</strong> Scale scores are what respondents said; an alpha below ${fixed(LOW_ALPHA, 2)} means a noisy score, which pulls differences towards zero.</li>
<li><strong>Data.</strong> ${count(rejected)} survey ${rejected === 1 ? 'row was' : 'rows were'} rejected (see Data sources); a respondent who answered too few items of a scale has no score on it.</li>
<li><strong>Privacy.</strong> Statistics resting on ${esc(p.fewerThan)} respondents are suppressed.</li>
</ul>
</section>`;
}

/** The privacy rule in words about respondents, and the suppression log. */
function privacyPart(p: Publishable<Results>): string {
  const r = p.data;
  const rows = r.suppression_log.map((s) => [esc(s.table), esc(labelPath(s.cell, r)), esc(s.rule), esc((SUPPRESSION_REASON_TEXT[s.reason] ?? s.reason).replace(/\bstudents\b/g, 'respondents')), esc(s.display)]);
  return `<section id="privacy"><h3>Privacy and suppression log</h3>
<p>Any statistic resting on ${esc(p.fewerThan)} respondents is suppressed (primary), and where a total is shown a second cell is suppressed too (complementary), so that a hidden count cannot be recovered by subtraction. No respondent identifier and no free text appears in this report, its figures or its tables.</p>
${rows.length ? htmlTable(['Table', 'Cell', 'Rule', 'Why', 'Shown as'], rows) : '<p>No cell needed suppression.</p>'}
</section>`;
}

/** The report body of a survey-only run; the caller passes the shared data section (row accounting of the survey file). */
export function surveyOnlyMain(p: Publishable<Results>, likert: readonly LikertFigure[], dataSection: string): string {
  return `${dataSection}
${methodsPart(p)}
${surveysSection(p, likert)}
${limitationsPart(p)}
<section id="appendix"><h2>Appendix</h2>
${privacyPart(p)}
</section>
`;
}
