import type { Results } from '../../results/results-schema.js';
import { headlineFindings, type Headline } from '../statements/headline-findings.js';
import { esc, count, fixed } from '../format.js';
import { METHOD_LABEL } from '../charts/method-comparison-chart.js';

const KEY_OUTCOMES = ['chronic_absence', 'attendance_rate', 'any_incident', 'ela_z', 'math_z', 'days_absent'];

/** The 3–5 headlines of the executive summary: findings first, then key outcomes with no detectable difference. */
export function summaryHeadlines(r: Results): Headline[] {
  const all = headlineFindings(r);
  const rank = (h: Headline) => (h.status === 'finding' ? 0 : h.status === 'no_detectable_difference' ? 1 : 2) * 100 + (KEY_OUTCOMES.indexOf(h.outcome) + 1 || 50);
  return all.filter((h) => h.status !== 'not_reportable').sort((a, b) => rank(a) - rank(b)).slice(0, 5);
}

/** Executive summary: plain-language headline findings, each with estimate, CI, n and caution. */
export function executiveSummary(r: Results): string {
  const flowEnd = r.sample_flow.at(-1);
  const heads = summaryHeadlines(r);
  const items = heads
    .map(
      (h) => `<li class="headline ${h.status}"><p><strong>${esc(h.statement)}</strong></p><p class="muted">${esc(h.numbers)} (${esc(METHOD_LABEL[h.method!])}).</p><p class="caution">${esc(h.caution)}</p></li>`,
    )
    .join('\n');
  const left = headlineFindings(r).filter((h) => h.status === 'not_reportable');
  return `<section id="summary"><h2>Executive summary</h2>
<p>${flowEnd ? `This evaluation compares ${count(flowEnd.visited)} students whose families received at least one completed parent–teacher home visit in ${r.outcome_year - 1}–${String(r.outcome_year).slice(2)} with ${count(flowEnd.comparison)} students in the same program schools whose families did not.` : ''} Estimates adjust for prior-year attendance, behavior and test scores, demographics and school. A statement is worded as a finding only when it remains significant after the Benjamini–Hochberg correction within its domain and the groups were equivalent enough at baseline to meet What Works Clearinghouse standards with reservations.</p>
${heads.length ? `<ol class="headlines">${items}</ol>` : '<p>No outcome could be reported: see the sections below for the reasons.</p>'}
${left.length ? `<p class="muted">Not reported as headlines: ${left.map((h) => `${esc(h.label)} (${esc(h.reason)})`).join('; ')}.</p>` : ''}
</section>`;
}

/** The program and the evaluation questions. */
export function programSection(r: Results): string {
  return `<section id="program"><h2>The program and the evaluation questions</h2>
<p>In the parent–teacher home visit model, teachers, trained and paid, visit families in pairs at a time arranged with the family in advance. Visits are voluntary for families and teachers and are not targeted at particular students; the first visit is about the family's hopes and dreams for their child, and the visitors reflect together afterwards. A second, academic visit may follow.</p>
<p>This report asks, for ${r.outcome_year - 1}–${String(r.outcome_year).slice(2)}:</p>
<ol>
<li>Were students whose families were visited absent less, and less often chronically absent, than similar students whose families were not?</li>
<li>Did they have fewer discipline incidents and suspensions?</li>
<li>Did they score higher on state tests in ELA and math?</li>
<li>Do the differences vary by grade, English-learner status, economic disadvantage, disability, race/ethnicity or school, by the number and timing of visits, and with how many families a school visited?</li>
</ol>
</section>`;
}

/** Data quality: match rate of the visit log to the roster, rejects, missing outcomes and baseline measures. */
export function dataQualitySection(r: Results): string {
  const visits = r.provenance.inputs.find((i) => i.extract === 'visits');
  const unknown = visits?.rejected_by_reason.unknown_student ?? 0;
  const matchRate = visits && visits.rows_read > 0 ? (visits.rows_read - unknown) / visits.rows_read : null;
  const analytic = r.sample_flow.at(-1);
  const outcomeRows = r.outcomes.map((o) => {
    const e = o.estimates[0]!;
    const have = (e.n_treated ?? 0) + (e.n_comparison ?? 0);
    const total = analytic?.students ?? null;
    const gap = total === null ? null : total - have;
    // a gap of 1 to min_cell − 1 students would be a small count by subtraction: show it only as "fewer than k"
    const small = gap !== null && gap > 0 && gap < r.privacy.min_cell;
    return [
      esc(o.label),
      count(total),
      e.n_treated === null ? 'suppressed' : small ? `${count(total)} minus fewer than ${r.privacy.min_cell}` : count(have),
      total && e.n_treated !== null ? (small ? `< ${fixed((100 * r.privacy.min_cell) / total, 1)}%` : `${fixed((100 * gap!) / total, 1)}%`) : '—',
    ];
  });
  const table = (head: string[], rows: string[][]) =>
    `<div class="table-wrap"><table><thead><tr>${head.map((h, i) => `<th${i ? ' class="num"' : ''}>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map((c, i) => `<td${i ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
  return `<section id="quality"><h2>Data quality</h2>
${matchRate !== null ? `<p><strong>Visit log matched to the roster:</strong> ${fixed(100 * matchRate, 1)}% of visit records name a student in the students extract (${count(unknown)} of ${count(visits!.rows_read)} did not and were rejected as <code>unknown_student</code>).</p>` : ''}
<p><strong>Outcome data present</strong> in the analytic sample (a student without an outcome is left out of that outcome only; state tests cover grades 3–8):</p>
${table(['Outcome', 'Analytic sample', 'With the outcome', 'Missing'], outcomeRows)}
</section>`;
}

/** The sample flow as a diagram (inline SVG boxes, no script). */
export function sampleFlowDiagram(r: Results): string {
  const steps = r.sample_flow;
  const w = 560;
  const boxH = 56;
  const gap = 30;
  const h = steps.length * boxH + (steps.length - 1) * gap + 10;
  const parts: string[] = [];
  steps.forEach((s, k) => {
    const y = 5 + k * (boxH + gap);
    parts.push(`<rect x="5" y="${y}" width="${w - 10}" height="${boxH}" rx="6" fill="#f6f7f9" stroke="#0b3d5c"/>`);
    parts.push(`<text x="${w / 2}" y="${y + 22}" text-anchor="middle" font-size="14" font-weight="bold" fill="#1d1d1f">${esc(s.step)}</text>`);
    parts.push(`<text x="${w / 2}" y="${y + 43}" text-anchor="middle" font-size="13" fill="#1d1d1f">${count(s.students)} students: <tspan fill="#0072B2" font-weight="bold">${count(s.visited)} visited</tspan>, <tspan fill="#9a6a00" font-weight="bold">${count(s.comparison)} comparison</tspan></text>`);
    if (k < steps.length - 1) {
      const ay = y + boxH;
      parts.push(`<line x1="${w / 2}" y1="${ay}" x2="${w / 2}" y2="${ay + gap - 6}" stroke="#0b3d5c" stroke-width="2"/><polygon points="${w / 2 - 5},${ay + gap - 8} ${w / 2 + 5},${ay + gap - 8} ${w / 2},${ay + gap - 1}" fill="#0b3d5c"/>`);
      const next = steps[k + 1]!;
      const dropped = s.students !== null && next.students !== null ? s.students - next.students : null;
      const label = dropped === null ? null : dropped >= r.privacy.min_cell ? `− ${count(dropped)} excluded` : dropped > 0 ? `− fewer than ${r.privacy.min_cell} excluded` : null;
      if (label) parts.push(`<text x="${w / 2 + 12}" y="${ay + gap / 2 + 4}" font-size="12" fill="#5f6368">${label}</text>`);
    }
  });
  return `<figure class="flow" role="img" aria-label="Sample flow: ${esc(steps.map((s) => `${s.step}, ${count(s.students)} students`).join('; '))}"><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-family="DejaVu Sans, sans-serif">${parts.join('')}</svg></figure>`;
}

/** Limitations a reader must keep in mind. */
export function limitationsSection(r: Results): string {
  return `<section id="limitations"><h2>Limitations</h2>
<ul>
<li><strong>Self-selection.</strong> Families and teachers chose to take part. Adjustment removes differences in the measured baseline characteristics (prior-year attendance, behavior and scores, demographics, school) but not in unmeasured ones, such as a family's engagement before any visit. Findings are therefore described as <em>associated with</em> home visits, never as caused by them.</li>
<li><strong>Quasi-experimental design.</strong> Under What Works Clearinghouse standards a comparison like this can at best meet standards <em>with reservations</em>, and only where baseline equivalence is shown (see Baseline equivalence).</li>
<li><strong>Many comparisons.</strong> Ten outcomes, four methods and many subgroups were examined; headline findings use the Benjamini–Hochberg correction within each domain, but subgroup and dose results are exploratory.</li>
<li><strong>Dose and timing are descriptive.</strong> Families chose how many visits and when; those contrasts mix the visits with who chose them.</li>
<li><strong>Data.</strong> Results depend on the district's extracts: ${count(r.provenance.inputs.reduce((a, i) => a + i.rows_rejected, 0))} rows were rejected (see Data sources), and students without an outcome are left out of that outcome.</li>
<li><strong>Privacy.</strong> Statistics resting on fewer than ${r.privacy.min_cell} students are suppressed, so some subgroups cannot be reported.</li>
</ul>
</section>`;
}
