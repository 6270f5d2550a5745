/** The "Fidelity and implementation" section: reach, the five practices, targeting, the fidelity score, practices not met and timing, per school and for the site. */
import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import type { FidelityResults, FidelityRow } from '../../results/fidelity-results-schema.js';
import { esc, fixed, shownCount } from '../format.js';
import { htmlTable, type TableRow } from './table.js';
import { PRACTICE_LABEL } from '../labels.js';
import { money } from '../cost-text.js';
import { reachStatement } from '../statements/implementation-statements.js';
import { PRACTICE_SHARES, percent, practicesNotMet, rowName, scoreText, shareCell, shareText, shown, targetingText } from '../fidelity-text.js';

const name = (row: FidelityRow) => (row.school_id === null ? `<strong>${esc(rowName(row))}</strong>` : esc(rowName(row)) + (row.suppressed ? ' <span class="muted">(hidden)</span>' : ''));
const rows = (f: FidelityResults) => [...f.schools, f.site];

/** A share for a table cell: the percent, its counts on a second line ("87%" / "131 of 150"). */
function shareHtml(c: Parameters<typeof shareText>[0]): string {
  const t = shareText(c);
  const m = /^(.*?) \((.*) of (.*)\)$/.exec(t);
  return m ? `${esc(m[1]!)}<div class="muted">${esc(m[2]!)} of ${esc(m[3]!)}</div>` : esc(t);
}

/** Reach ("12.3% ✓") with the threshold mark. */
function reachCell(row: FidelityRow): string {
  const mark = row.display?.at_threshold ?? (row.at_threshold === null ? '' : row.at_threshold ? ' ✓' : ' —');
  return esc(`${shown(row, 'reach', row.reach, (v) => `${fixed(100 * v, 1)}%`)}${mark}`);
}

/** Families visited "120 of 900", or not recorded without family_id. */
function familiesCell(f: FidelityResults, row: FidelityRow): string {
  if (f.recorded.family_id === false) return 'not recorded';
  return `${shownCount(row, 'families_visited')} of ${shownCount(row, 'families')}`;
}

/** Educators who visited, and (with an educators extract) the roster share and the trained share. */
function educatorCells(f: FidelityResults, row: FidelityRow): string[] {
  const base = f.recorded.educator_ids === false && row.visiting_educators === null && !row.display?.visiting_educators ? 'not recorded' : shownCount(row, 'visiting_educators');
  if (!f.recorded.educators_extract) return [base];
  return [base, shareHtml(shareCell(row, 'roster_visited')), shareHtml(shareCell(row, 'trained_visitors'))];
}

function reachTable(f: FidelityResults): string {
  const roster = Boolean(f.recorded.educators_extract);
  const body: TableRow[] = rows(f).map((row) => [
    name(row),
    shownCount(row, 'students'),
    shownCount(row, 'students_visited'),
    reachCell(row),
    familiesCell(f, row),
    ...educatorCells(f, row),
    shownCount(row, 'visits_completed'),
    `${shownCount(row, 'visits_attempted')} · ${shownCount(row, 'visits_cancelled')} · ${shownCount(row, 'visits_declined')}`,
  ]);
  const head = ['School', 'Students', 'Visited', `Reach (✓ ≥ ${percent(f.settings.reach_threshold)})`, 'Families visited', 'Educators who visited', ...(roster ? ['Of the roster', 'Trained'] : []), 'Completed visits', 'Attempted · cancelled · declined'];
  return htmlTable(head, body, [false, true, true, true, true, true, ...(roster ? [true, true] : []), true, true], { className: 'fidelity' });
}

/** A practice share cell, marked ✗ when the results list the practice as not met. */
function practiceCell(row: FidelityRow, measure: (typeof PRACTICE_SHARES)[number]): string {
  const text = shareHtml(shareCell(row, measure));
  return row.school_id !== null && row.practices_not_met.includes(measure) ? `<strong>✗ ${text}</strong>` : text;
}

function practicesTable(f: FidelityResults): string {
  const body: TableRow[] = rows(f)
    .filter((row) => row.program_school)
    .map((row) => {
      const verdict = esc(targetingText(row));
      return [name(row), ...PRACTICE_SHARES.map((m) => practiceCell(row, m)), row.school_id !== null && row.practices_not_met.includes('not_targeted') ? `<strong>✗ ${verdict}</strong>` : verdict];
    });
  return htmlTable(['School', ...PRACTICE_SHARES.map((m) => PRACTICE_LABEL[m]), 'Targeting'], body, [false, true, true, true, true, true, false], { className: 'fidelity' });
}

function scoreTable(f: FidelityResults): string {
  const body: TableRow[] = rows(f)
    .filter((row) => row.program_school)
    .map((row) => [name(row), esc(scoreText(row))]);
  return htmlTable(['School', 'Fidelity score = the mean of its components'], body, [], { className: 'fidelity' });
}

/** The measures reported beside the practices: scheduled dates and lead time, the two-visit model, stipends. */
function detailsTable(f: FidelityResults, currency: string): string {
  const stipends = f.recorded.stipend_amount !== false;
  const body: TableRow[] = rows(f)
    .filter((row) => row.program_school)
    .map((row) => [
      name(row),
      shareHtml(shareCell(row, 'scheduled')),
      esc(shown(row, 'median_lead_days', row.median_lead_days, (v) => fixed(v, 0))),
      shareHtml(shareCell(row, 'later_academic')),
      stipends ? esc(shown(row, 'stipend_total', row.stipend_total, (v) => money(v, currency))) : 'not recorded',
    ]);
  return htmlTable(['School', 'Visits with a scheduled date', 'Median lead (days)', 'Later academic visit', 'Stipends'], body, [false, true, true, true, true], { caption: 'Beside the practices' });
}

function notMetList(f: FidelityResults): string {
  const breaches = practicesNotMet(f);
  const cut = percent(f.settings.practice_threshold);
  if (!breaches.length) return `<p><strong>Practices not met:</strong> none: every program school shown has each recorded practice in at least ${cut} of its visits and none is flagged as targeting.</p>`;
  return `<h3>Practices not met</h3>
<p>Schools with a practice share below ${cut}, or flagged as targeting:</p>
<ul class="not-met">${breaches.map((b) => `<li><strong>${esc(b.school)}</strong>: ${b.practices.map(esc).join('; ')}</li>`).join('')}</ul>`;
}

function measuresParagraph(f: FidelityResults): string {
  const s = f.settings;
  return `<ul class="measures">
<li><strong>Reach</strong>: the share of a school’s students (enrolled in the outcome year, with this as their primary school) who had at least one completed visit; at or above ${percent(s.reach_threshold)} a school implements the model systematically (Sheldon &amp; Jung 2018).</li>
<li>Over the completed visits of the year: <strong>prearranged</strong> = a scheduled date earlier than the visit date, among visits with a scheduled date; <strong>in pairs</strong> = two or more educators, among visits that record them; <strong>paid</strong> = the educators were compensated, among visits that record it; <strong>reflection</strong> = a reflection dated 0 to ${s.reflection_days} days after the visit.</li>
<li><strong>Relationship first</strong>: a visited student’s first completed visit was a relationship-building visit, among visited students.</li>
<li><strong>Not targeted</strong>: visited and non-visited students of the school compared on prior-year attendance, chronic absence, discipline incidents and ELA scores (standardized differences with the WWC pooled SD; the Cox index for yes/no measures). Visited students worse off by more than ${fixed(s.targeting_smd, 2)} on any of them, by a difference distinguishable from none (a z-test with a Bonferroni correction over the measures compared), flags the school as targeting, a breach of the practice; a difference beyond ${fixed(s.targeting_smd, 2)} that is not distinguishable from none is named but not flagged. Visited students better off by more than ${fixed(s.targeting_smd, 2)} is self-selection by more engaged families: a baseline-equivalence warning, not a breach.</li>
<li>A practice whose field the log does not hold is “not recorded”, never 0% or 100%.</li>
</ul>
<p>The <strong>fidelity score</strong> is the plain mean of the recorded practice measures: the shares of prearranged, paired, paid, relationship-first and reflected visits, and not targeted counted 1 when the school is not flagged and 0 when it is. There are no hidden weights; a practice that is not recorded does not enter, and each school’s components are listed beside its score. Shares below ${percent(s.practice_threshold)} (<code>fidelity.practice_threshold</code>) and targeting are marked ✗ and listed under “Practices not met”.</p>`;
}

function timingTables(f: FidelityResults): string {
  const body: TableRow[] = rows(f)
    .filter((row) => row.program_school)
    .map((row) => [
      name(row),
      shownCount(row, 'summer_visits'),
      shownCount(row, 'school_year_visits'),
      esc(row.display?.first_school_day ?? row.first_school_day ?? (row.school_id === null ? 'each school’s own' : '—')),
      esc(shown(row, 'median_days_to_first_visit', row.median_days_to_first_visit, (v) => fixed(v, 0))),
    ]);
  const max = Math.max(1, ...f.months.map((m) => m.visits ?? 0));
  const months: TableRow[] = f.months.map((m) => [
    esc(m.month),
    shownCount(m, 'visits'),
    m.visits === null ? '' : `<span aria-hidden="true" style="display:inline-block;height:.7em;width:${Math.round((160 * m.visits) / max)}px;background:#0072B2"></span>`,
  ]);
  return `<h3>Timing</h3>
<p>Summer visits are completed visits dated before the school’s first school day; the median days from the first school day to a student’s first visit is negative when most first visits came in the summer.</p>
${htmlTable(['School', 'Summer visits', 'School-year visits', 'First school day', 'Median days from first school day to first visit'], body, [false, true, true, false, true])}
${months.length ? htmlTable(['Month', 'Completed visits (site)', ''], months, [false, true, false], { caption: 'Completed visits by month' }) : ''}`;
}

/** The "Fidelity and implementation" section from the gated fidelity block, with the reach × fidelity chart when given; empty when the results have no fidelity block. */
export function fidelitySection(p: Publishable<Results>, chart: { svg: string; alt: string; caption: string } | null): string {
  const f = p.data.fidelity;
  if (!f) return '';
  const inactive = f.schools.filter((s) => !s.program_school && s.school_id !== null).map((s) => s.school_id!);
  const statement = reachStatement(p);
  return `<section id="fidelity"><h2>Fidelity and implementation</h2>
<div class="note"><strong>What these measures can tell.</strong> Implementation measures describe what was logged: a pair, a reflection or a scheduled date that was not written down counts as not done, so a school that logs less looks worse than one that logs more. They describe how the program was run; they are not outcomes.</div>
${statement ? `<p><strong>${esc(statement)}</strong></p>` : ''}
${measuresParagraph(f)}
<h3>Reach</h3>
${reachTable(f)}
<h3>The five practices and the fidelity score</h3>
${inactive.length ? `<p class="muted">Schools with no completed visit in the year are left out of this table: ${inactive.map(esc).join(', ')}.</p>` : ''}
${practicesTable(f)}
${detailsTable(f, p.data.cost?.currency ?? 'USD')}
${scoreTable(f)}
${notMetList(f)}
${chart ? `<figure id="fig-fidelity-reach" role="img" aria-label="${esc(chart.alt)}">${chart.svg}<figcaption>${esc(chart.caption)} (SVG and PNG in <code>figures/</code>.)</figcaption></figure>` : ''}
${timingTables(f)}
<p class="muted">Numbers per school and for the site are in <code>tables/fidelity.csv</code>.</p>
</section>`;
}
