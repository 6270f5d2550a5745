import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import { headlineFindings, headlineMethodRule, type Headline } from '../statements/headline-findings.js';
import { notEvaluatedSentences } from '../statements/not-evaluated-text.js';
import { esc, count, schoolYear, shownCount } from '../format.js';
import { qualityCaution } from './section-data-quality.js';
import { METHOD_LABEL, adjustmentPhrase, joinAnd } from '../labels.js';
import { groupTerms, type GroupTerms } from '../group-terms.js';

const KEY_OUTCOMES = ['chronic_absence', 'attendance_rate', 'any_incident', 'ela_z', 'math_z', 'days_absent'];
const STATUS_RANK = { finding: 0, unchecked_difference: 1, no_detectable_difference: 2, not_reportable: 3 } as const;

/** The 3–5 headlines of the executive summary: findings first, then differences without a baseline check, then key outcomes with no detectable difference. */
export function summaryHeadlines(p: Publishable<Results>): Headline[] {
  const all = headlineFindings(p);
  const rank = (h: Headline) => STATUS_RANK[h.status] * 100 + (KEY_OUTCOMES.indexOf(h.outcome) + 1 || 50);
  return all.filter((h) => h.status !== 'not_reportable').sort((a, b) => rank(a) - rank(b)).slice(0, 5);
}

/** The report's title bar line: what is compared and, when known, the school year and state. */
export function headerLine(p: Publishable<Results>): string {
  const r = p.data;
  const year = schoolYear(r.outcome_year);
  const what = groupTerms(r).homeVisits ? 'Parent–teacher home visits: visited vs. comparison students' : 'Treatment vs. comparison students';
  return `${what}${year ? `, school year ${year}` : ''}${r.state ? `, ${r.state}` : ''}`;
}

/** The document title (browser tab, PDF metadata). */
export function documentTitle(p: Publishable<Results>): string {
  const r = p.data;
  return groupTerms(r).homeVisits ? `${r.name}: home-visit evaluation` : r.name;
}

/** Who is compared with whom, in one sentence, from the definitions actually used. */
function introSentence(r: Results, t: GroupTerms): string {
  const end = r.sample_flow.at(-1);
  if (!end) return '';
  const year = schoolYear(r.outcome_year);
  if (r.definitions.source !== 'analytic_file') {
    const sameSchools = r.definitions.comparison_group === 'program_schools';
    return `This evaluation compares ${count(end.visited)} students whose families received at least one completed parent–teacher home visit${year ? ` in ${year}` : ''} with ${count(end.comparison)} students ${sameSchools ? 'in the same program schools ' : ''}whose families did not.`;
  }
  const d = r.definitions;
  if (t.homeVisits) return `This evaluation compares ${count(end.visited)} students whose families received a home visit (${esc(d.visited)}) with ${count(end.comparison)} students whose families did not (${esc(d.comparison)})${year ? `, in ${year}` : ''}.`;
  return `This comparison includes ${count(end.visited)} students in the treatment group (${esc(d.visited)}) and ${count(end.comparison)} in the comparison group (${esc(d.comparison)})${year ? `, in school year ${year}` : ''}.`;
}

/** What the adjusted estimates adjust for, from results.covariates (only the covariates actually used). */
export function adjustmentSentence(p: Publishable<Results>): string {
  const r = p.data;
  const adjusted = r.outcomes.some((o) => o.estimates.some((e) => e.method !== 'unadjusted'));
  if (!adjusted) return 'Estimates are unadjusted differences.';
  const on = adjustmentPhrase(r);
  return on ? `Adjusted estimates account for ${on}.` : 'The adjusted estimates use no covariates.';
}

/** The "not evaluated" sentences as one paragraph, or nothing. */
export function notEvaluatedParagraph(p: Publishable<Results>): string {
  const r = p.data;
  const s = notEvaluatedSentences(r);
  return s.length ? `<p class="not-evaluated"><strong>Not evaluated.</strong> ${s.map(esc).join(' ')}</p>` : '';
}

/** Executive summary: plain-language headline findings, each with estimate, CI, n and caution. */
export function executiveSummary(p: Publishable<Results>): string {
  const r = p.data;
  const t = groupTerms(r);
  const heads = summaryHeadlines(p);
  const items = heads
    .map(
      (h) =>
        `<li class="headline ${h.status}"><p><strong>${esc(h.statement)}</strong></p><p class="muted">${esc(h.numbers)} (${esc(METHOD_LABEL[h.method!])}${h.baseline === 'not_assessed' ? '; baseline equivalence not assessed' : ''}).</p><p class="caution">${esc(h.caution)}</p></li>`,
    )
    .join('\n');
  const left = headlineFindings(p).filter((h) => h.status === 'not_reportable');
  return `<section id="summary"><h2>Executive summary</h2>
${qualityCaution(p)}
<p>${introSentence(r, t)} ${esc(adjustmentSentence(p))} ${esc(headlineMethodRule(p))} A statement is worded as a finding only when it remains significant after the Benjamini–Hochberg correction within its domain and the groups were equivalent enough at baseline to meet What Works Clearinghouse standards with reservations. A difference for an outcome without a baseline measure says that its baseline equivalence was not assessed, and is not a finding.</p>
${heads.length ? `<ol class="headlines">${items}</ol>` : '<p>No outcome could be reported: see the sections below for the reasons.</p>'}
${notEvaluatedParagraph(p)}
${left.length ? `<p class="muted">Not reported as headlines: ${left.map((h) => `${esc(h.label)} (${esc(h.reason)})`).join('; ')}.</p>` : ''}
</section>`;
}

const SUBGROUP_WORDS: Record<string, string> = {
  'grade band': 'grade',
  'English learner': 'English-learner status',
  'free/reduced-price lunch': 'economic disadvantage',
  'student with a disability': 'disability',
  'race/ethnicity': 'race/ethnicity',
  school: 'school',
};

/** The evaluation questions a pipeline run can answer: only the domains, subjects and analyses the results hold. */
function pipelineQuestions(r: Results): string[] {
  const has = (o: string) => r.outcomes.some((x) => x.outcome === o);
  const q: string[] = [];
  const attendance = ['attendance_rate', 'days_absent'].some(has);
  const chronic = has('chronic_absence');
  if (attendance || chronic) {
    const what = attendance && chronic ? 'absent less, and less often chronically absent,' : attendance ? 'absent less' : 'less often chronically absent';
    q.push(`Were students whose families were visited ${what} than similar students whose families were not?`);
  }
  const incidents = ['any_incident', 'incident_count'].some(has);
  const suspensions = has('any_suspension');
  if (incidents || suspensions) q.push(`Did they have fewer ${joinAnd([...(incidents ? ['discipline incidents'] : []), ...(suspensions ? ['suspensions'] : [])])}?`);
  const subjects = [...(['ela_z', 'ela_proficient'].some(has) ? ['ELA'] : []), ...(['math_z', 'math_proficient'].some(has) ? ['math'] : [])];
  if (subjects.length) q.push(`Did they score higher on state tests in ${joinAnd(subjects)}?`);
  const dims = [...new Set((r.subgroups ?? []).map((c) => SUBGROUP_WORDS[c.analysis] ?? c.analysis))];
  const by = [
    ...(dims.length ? [`by ${dims.length > 1 ? `${dims.slice(0, -1).join(', ')} or ${dims.at(-1)}` : dims[0]}`] : []),
    ...(r.dose?.length ? ['by the number and timing of visits'] : []),
    ...(r.school_level?.length ? ['with how many families a school visited'] : []),
  ];
  if (by.length) q.push(`Do the differences vary ${by.length > 1 ? `${by.slice(0, -1).join(', ')}, and ${by.at(-1)}` : by[0]}?`);
  return q;
}

const MODEL_TEXT =
  "In the parent–teacher home visit model, teachers, trained and paid, visit families in pairs at a time arranged with the family in advance. Visits are voluntary for families and teachers and are not targeted at particular students; the first visit is about the family's hopes and dreams for their child, and the visitors reflect together afterwards. A second, academic visit may follow.";

/** The program (or the comparison) and the evaluation questions, naming only the outcomes the results hold. */
export function programSection(p: Publishable<Results>): string {
  const r = p.data;
  const t = groupTerms(r);
  const year = schoolYear(r.outcome_year);
  const outcomes = joinAnd(r.outcomes.map((o) => o.label));
  if (r.definitions.source === 'analytic_file') {
    const d = r.definitions;
    const ask = t.homeVisits
      ? `This report asks whether students whose families were visited (${esc(d.visited)}) differed from similar students whose families were not (${esc(d.comparison)})${year ? ` in ${year}` : ''} on ${esc(outcomes)}.`
      : `This report asks whether students in the treatment group (${esc(d.visited)}) differed from similar students in the comparison group (${esc(d.comparison)})${year ? ` in school year ${year}` : ''} on ${esc(outcomes)}.`;
    return `<section id="program"><h2>${t.homeVisits ? 'The program and the evaluation questions' : 'The comparison and its question'}</h2>
${t.homeVisits ? `<p>${MODEL_TEXT}</p>\n` : ''}<p>${ask}</p>
</section>`;
  }
  const q = pipelineQuestions(r);
  return `<section id="program"><h2>The program and the evaluation questions</h2>
<p>${MODEL_TEXT}</p>
<p>This report asks${year ? `, for ${year}` : ''}:</p>
<ol>
${q.map((x) => `<li>${esc(x)}</li>`).join('\n')}
</ol>
</section>`;
}

/** The sample flow as a diagram (inline SVG boxes, no script). */
export function sampleFlowDiagram(p: Publishable<Results>): string {
  const r = p.data;
  const steps = r.sample_flow;
  const w = 560;
  const boxH = 56;
  const gap = 30;
  const h = steps.length * boxH + (steps.length - 1) * gap + 10;
  const parts: string[] = [];
  const treated = groupTerms(r).treated;
  steps.forEach((s, k) => {
    const y = 5 + k * (boxH + gap);
    parts.push(`<rect x="5" y="${y}" width="${w - 10}" height="${boxH}" rx="6" fill="#f6f7f9" stroke="#0b3d5c"/>`);
    parts.push(`<text x="${w / 2}" y="${y + 22}" text-anchor="middle" font-size="14" font-weight="bold" fill="#1d1d1f">${esc(s.step)}</text>`);
    parts.push(`<text x="${w / 2}" y="${y + 43}" text-anchor="middle" font-size="13" fill="#1d1d1f">${shownCount(s, 'students')} students: <tspan fill="#0072B2" font-weight="bold">${shownCount(s, 'visited')} ${treated}</tspan>, <tspan fill="#9a6a00" font-weight="bold">${shownCount(s, 'comparison')} comparison</tspan></text>`);
    if (k < steps.length - 1) {
      const ay = y + boxH;
      parts.push(`<line x1="${w / 2}" y1="${ay}" x2="${w / 2}" y2="${ay + gap - 6}" stroke="#0b3d5c" stroke-width="2"/><polygon points="${w / 2 - 5},${ay + gap - 8} ${w / 2 + 5},${ay + gap - 8} ${w / 2},${ay + gap - 1}" fill="#0b3d5c"/>`);
      const next = steps[k + 1]!;
      // the gate computes the students excluded at each step, and how to show a small number
      const hidden = next.display?.excluded;
      const label = hidden !== undefined ? `− ${esc(hidden)} excluded` : next.excluded ? `− ${count(next.excluded)} excluded` : null;
      if (label) parts.push(`<text x="${w / 2 + 12}" y="${ay + gap / 2 + 4}" font-size="12" fill="#5f6368">${label}</text>`);
    }
  });
  return `<figure class="flow" role="img" aria-label="Sample flow: ${esc(steps.map((s) => `${s.step}, ${s.display?.students ?? count(s.students)} students`).join('; '))}"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-family="DejaVu Sans, sans-serif">${parts.join('')}</svg></figure>`;
}

/** Limitations a reader must keep in mind, naming only the measures, methods and analyses these results hold. */
export function limitationsSection(p: Publishable<Results>): string {
  const r = p.data;
  const t = groupTerms(r);
  const on = adjustmentPhrase(r);
  const methods = new Set(r.outcomes.flatMap((o) => o.estimates.map((e) => e.method))).size;
  const extra = [...(r.subgroups?.length ? ['many subgroups'] : [])];
  const exploratory = joinAnd([...(r.subgroups?.length ? ['subgroup'] : []), ...(r.dose?.length ? ['dose'] : [])]);
  const outcomes = r.outcomes.length;
  const pipeline = r.definitions.source !== 'analytic_file';
  const selfSelection = t.homeVisits
    ? `Families and teachers chose to take part. Adjustment removes differences in the measured baseline characteristics${on ? ` (${esc(on)})` : ''} but not in unmeasured ones, such as a family's engagement before any visit. Findings are therefore described as <em>associated with</em> home visits, never as caused by them.`
    : `The treatment was not assigned at random. Adjustment removes differences in the measured baseline characteristics${on ? ` (${esc(on)})` : ''} but not in unmeasured ones. Findings are therefore described as <em>associated with</em> the treatment, never as caused by it.`;
  return `<section id="limitations"><h2>Limitations</h2>
<ul>
<li><strong>${t.homeVisits ? 'Self-selection' : 'Selection'}.</strong> ${selfSelection}</li>
<li><strong>Quasi-experimental design.</strong> Under What Works Clearinghouse standards a comparison like this can at best meet standards <em>with reservations</em>, and only where baseline equivalence is shown (see Baseline equivalence).</li>
<li><strong>Many comparisons.</strong> ${joinAnd([`${outcomes} ${outcomes === 1 ? 'outcome' : 'outcomes'}`, `${methods} ${methods === 1 ? 'method' : 'methods'}`, ...extra])} were examined; headline findings use the Benjamini–Hochberg correction within each domain${exploratory ? `, but ${exploratory} results are exploratory` : ''}.</li>
${r.dose?.length ? '<li><strong>Dose and timing are descriptive.</strong> Families chose how many visits and when; those contrasts mix the visits with who chose them.</li>\n' : ''}<li><strong>Data.</strong> Results depend on ${pipeline ? "the district's extracts" : 'the analytic file'}: ${count(r.provenance.inputs.reduce((a, i) => a + i.rows_rejected, 0))} rows were rejected (see Data sources), and students without an outcome are left out of that outcome.${notEvaluatedSentences(r).map((s) => ` ${esc(s)}`).join('')}</li>
<li><strong>Privacy.</strong> Statistics resting on ${p.fewerThan} students are suppressed${r.subgroups?.length ? ', so some subgroups cannot be reported' : ''}.</li>
</ul>
</section>`;
}
