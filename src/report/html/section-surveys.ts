/**
 * The "Teachers and families" section: instruments (and licensed-instrument warnings), respondents, scale
 * reliability with Feldt intervals (alpha below 0.70 flagged), a Likert chart per scale, group comparisons, pre/post
 * change with the difference-in-differences, and schools; all from the gated `surveys` block, hidden cells shown as
 * the gate says, free text only as a count.
 */
import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import type { SurveyResults, ScaleStat } from '../../results/survey-results-schema.js';
import { esc, fixed, formatP, count } from '../format.js';
import { htmlTable, groupRow, type TableRow } from './table.js';
import { notesText } from '../note-text.js';
import { groupTerms } from '../group-terms.js';
import { gated, groupName, points, pct0, respondentsNoun, scaleRow, shareDefinition, shareTerm } from '../survey-text.js';
import { surveyStatements, type SurveyStatement } from '../statements/survey-statements.js';
import { likertCaption } from '../charts/likert-chart.js';

/** A rendered Likert chart for one scale (all its waves), keyed by instrument and scale. */
export interface LikertFigure {
  instrument: string;
  scale: string;
  respondent_type: 'teacher' | 'parent';
  svg: string;
}

/** The low-alpha threshold the report flags (Nunnally's conventional 0.70). */
export const LOW_ALPHA = 0.7;

const two = (v: number) => fixed(v, 2);
const ciText = (row: { display?: Record<string, string> | undefined }, lo: number | null, hi: number | null, lowField: string, highField: string, f: (v: number) => string) => {
  const d = row.display?.[lowField] ?? row.display?.[highField];
  if (d !== undefined) return esc(d);
  return lo === null || hi === null ? '—' : `${f(lo)} to ${f(hi)}`;
};
const cell = (row: { display?: Record<string, string> | undefined }, field: string, v: number | null, f: (x: number) => string) => esc(gated(row, field, v, f));
/** A value with its CI on a second, muted line (the CI may wrap, so wide tables fit the column). */
const withCi = (value: string, ci: string) => `${value}<div class="muted ci">${ci}</div>`;
/** The survey tables: smaller type and wrapping CIs, so that they fit the report's column (see report-css.ts). */
const SURVEY_TABLE = 'survey';
/** How a per-group change's CI was made, in a few words. */
const seShort = (se: string | null, clusters: number | null) => (se === null ? '' : se === 'paired_t' ? 'paired t' : `cluster-robust, ${clusters ?? '?'} schools`);

function instrumentsPart(s: SurveyResults): string {
  const list = s.instruments.map((i) => `<li>${esc(i.name)} <span class="muted">(<code>${esc(i.file)}</code>, SHA-256 <code title="${esc(i.file_sha256)}">${esc(i.file_sha256.slice(0, 12))}…</code>)</span></li>`).join('');
  const warnings = s.instruments.flatMap((i) => i.licensed_warnings.map((w) => ({ ...w, instrument: i.name })));
  const warn = warnings.length
    ? `<div class="note"><strong>Licensed instrument${warnings.length > 1 ? 's' : ''}.</strong> ${warnings.map((w) => `${esc(w.label)} (${esc(w.instrument)}) is a licensed instrument (${esc(w.source)}); its items are not shipped with this tool, and results on it may be published only under its license.`).join(' ')}</div>`
    : '';
  return `<p>Instruments: </p><ul>${list}</ul>${warn}`;
}

function respondentsPart(p: Publishable<Results>, s: SurveyResults): string {
  const a = s.respondents;
  const reasons = Object.entries(a.by_reason).filter(([, n]) => (n ?? 0) > 0).map(([k, n]) => `${esc(k)}: ${count(n ?? 0)}`).join(', ');
  const byType = a.by_type.map((b) => `${esc(respondentsNoun(b.respondent_type))}${s.waves.length > 1 ? ` (${esc(b.wave)})` : ''}: ${esc(gated(b, 'n', b.n, (n) => n.toLocaleString('en-US')))}`).join('; ');
  const teachers = a.by_type.some((b) => b.respondent_type === 'teacher') ? '; teachers are few in a school, so school-level cells are often hidden' : '';
  const ft = s.free_text_display?.free_text_respondents ?? (s.free_text_respondents === null ? null : s.free_text_respondents.toLocaleString('en-US'));
  const freeText = ft === null ? '' : ` ${esc(ft)} ${s.free_text_respondents === 1 ? 'respondent' : 'respondents'} wrote a free-text answer; free text is never published, only this count.`;
  const unit = a.format === 'wide' ? 'respondent-wave rows' : 'answers';
  return `<p>The survey file had ${count(a.read)} ${unit}: ${count(a.accepted)} accepted and ${count(a.rejected)} rejected${reasons ? ` (${reasons})` : ''}. Respondents${s.waves.length > 1 ? ' by wave' : ''}: ${byType || 'none'}.${freeText} Every mean, share and group rests on at least ${p.minCell} respondents (privacy rule)${teachers}; counts of respondents are sample sizes, shown as counted (a count of who answered reveals no answer).</p>`;
}

/** Who has no group, in words, by how the groups were formed. */
function withoutGroupWho(s: SurveyResults): string {
  return s.grouping?.source === 'column'
    ? `respondents with no value in <code>${esc(s.grouping.column ?? '')}</code>`
    : 'teachers without an educator id and parents without a student or family id';
}

/**
 * Respondents without a group are in a scale row but in no comparison; where they were 1 to min_cell − 1 they were
 * left out of the row entirely. Said per scale and wave in words, their count only as the gate shows it (a hidden
 * count is never printed, and the rows left out give none).
 */
export function withoutGroupPart(p: Publishable<Results>, s: SurveyResults): string {
  if (!s.grouping) return '';
  const name = (r: ScaleStat) => `${r.label} (${respondentsNoun(r.respondent_type)}${s.waves.length > 1 ? `, ${r.wave}` : ''})`;
  const excluded = s.scales.filter((r) => r.without_group_excluded === true);
  const kept = s.scales.filter((r) => r.without_group_excluded !== true && (r.display?.n_without_group !== undefined || (r.n_without_group ?? 0) > 0));
  const parts: string[] = [];
  if (excluded.length) {
    parts.push(`In ${esc(excluded.map(name).join('; '))}, they were fewer than ${p.minCell} and were left out of the row entirely (its n, alpha, item responses and shares), since the row minus the two groups would give their answers back.`);
  }
  if (kept.length) {
    const counts = kept.map((r) => `${esc(name(r))}: ${esc(gated(r, 'n_without_group', r.n_without_group ?? null, (n) => n.toLocaleString('en-US')))}`);
    parts.push(`They are in the reliability rows and item responses of ${counts.join('; ')}, but in no group comparison or change.`);
  }
  if (!parts.length) return '';
  return `<p><strong>Respondents without a group</strong> (${withoutGroupWho(s)}) cannot be compared. ${parts.join(' ')}</p>`;
}

/** Visiting teachers who answered each wave by their number of completed visits (hve run), as the gate shows them. */
export function teacherVisitsPart(s: SurveyResults): string {
  const rows = s.teacher_visits ?? [];
  if (!rows.length) return '';
  const items = rows.map((t) => {
    const bands = t.bands.map((b) => `${esc(b.band)} visits: ${esc(gated(b, 'n', b.n, (n) => n.toLocaleString('en-US')))}`).join(', ');
    const median = gated(t, 'median_visits', t.median_visits, (v) => fixed(v, Number.isInteger(v) ? 0 : 1));
    return `<li>${esc(t.wave)}: ${esc(gated(t, 'teachers', t.teachers, (n) => n.toLocaleString('en-US')))} visiting teachers answered${bands ? ` (${bands})` : ''}${median === '—' ? '' : `; median ${esc(median)} completed visits`}.</li>`;
  });
  return `<p>Visiting teachers who answered the survey, by their number of completed visits in the year:</p><ul>${items.join('')}</ul>`;
}

/** Rows ordered by instrument, then scale (in the order of the block's scale rows), then wave, so a scale's waves sit together. */
function inScaleOrder<T extends { instrument: string; scale: string; wave: string }>(s: SurveyResults, rows: readonly T[]): T[] {
  const key = (r: { instrument: string; scale: string }) => `${r.instrument}\u0000${r.scale}`;
  const instruments = [...new Set(s.scales.map((r) => r.instrument))];
  const scales = [...new Set(s.scales.map(key))];
  return [...rows].sort((a, b) => instruments.indexOf(a.instrument) - instruments.indexOf(b.instrument) || scales.indexOf(key(a)) - scales.indexOf(key(b)) || s.waves.indexOf(a.wave) - s.waves.indexOf(b.wave));
}

function reliabilityTable(s: SurveyResults): string {
  const body: TableRow[] = [];
  let group = '';
  for (const r of inScaleOrder(s, s.scales)) {
    const g = `${r.instrument}`;
    if (g !== group) {
      group = g;
      body.push(groupRow(esc(g)));
    }
    const low = r.low_alpha === true ? ` <strong class="caution">below ${fixed(LOW_ALPHA, 2)}</strong>` : '';
    body.push([
      `${esc(r.label)}${r.display?.alpha ? `<div class="muted">${esc(r.display.alpha)}</div>` : ''}`,
      esc(respondentsNoun(r.respondent_type)),
      esc(r.wave),
      cell(r, 'n', r.n, (n) => n.toLocaleString('en-US')),
      String(r.items),
      `${cell(r, 'alpha', r.alpha, two)}${low}`,
      ciText(r, r.alpha_ci_low, r.alpha_ci_high, 'alpha_ci_low', 'alpha_ci_high', two),
      cell(r, 'mean', r.mean, two),
      `${cell(r, 'favourable', r.favourable, pct0)}<div class="muted">${esc(shareTerm(r.label, r.higher_is_better !== false))}</div>`,
    ]);
  }
  return htmlTable(['Scale', 'Respondents', 'Wave', 'n', 'Items', "Cronbach's alpha", '95% CI (Feldt)', 'Mean', '% at or above the threshold'], body, [false, false, false, true, true, true, true, true, true], { caption: 'Scale reliability', className: SURVEY_TABLE });
}

function itemTable(r: ScaleStat): string {
  const body: TableRow[] = r.item_stats.map((it) => [
    `<code>${esc(it.item)}</code>${it.reversed ? ' <span class="muted">(reversed)</span>' : ''}${it.text ? `<div>${esc(it.text)}</div>` : ''}`,
    cell(it, 'n', it.n, (n) => n.toLocaleString('en-US')),
    cell(it, 'mean', it.mean, two),
    cell(it, 'item_rest_r', it.item_rest_r, two),
    cell(it, 'alpha_if_dropped', it.alpha_if_dropped, two),
  ]);
  return htmlTable(['Item', 'n', 'Mean (scored)', 'Item–rest r', 'Alpha if dropped'], body, [false, true, true, true, true], { className: SURVEY_TABLE });
}

function likertPart(p: Publishable<Results>, s: SurveyResults, figures: readonly LikertFigure[]): string {
  const scales = [...new Map(s.scales.map((r) => [`${r.instrument}\u0000${r.scale}`, r])).values()];
  return scales
    .map((first) => {
      const stats = s.scales.filter((r) => r.instrument === first.instrument && r.scale === first.scale);
      const fig = figures.find((f) => f.instrument === first.instrument && f.scale === first.scale);
      const caption = likertCaption(stats, p.fewerThan);
      const chart = fig ? `<figure role="img" aria-label="${esc(`${first.label}: item responses of ${respondentsNoun(first.respondent_type)}. ${caption}`)}">${fig.svg}<figcaption>${esc(caption)}</figcaption></figure>` : '';
      const last = stats[stats.length - 1]!;
      return `<h4>${esc(first.label)} <span class="muted">(${esc(respondentsNoun(first.respondent_type))})</span></h4>
${chart}
<p class="muted">Items at the ${esc(last.wave)} wave (complete cases of the scale for item–rest r and alpha if dropped):</p>
${itemTable(last)}`;
    })
    .join('\n');
}

function comparisonsTable(p: Publishable<Results>, s: SurveyResults): string {
  if (!s.grouping || !s.comparisons.length) return '<p>No group comparison: the survey rows were not split into groups.</p>';
  const t = groupTerms(p.data);
  const words = { treated: t.treated };
  const body: TableRow[] = [];
  let scale = '';
  for (const c of inScaleOrder(s, s.comparisons)) {
    const key = `${c.instrument} / ${c.label}`;
    if (key !== scale) {
      scale = key;
      const row = scaleRow(s, c);
      const share = shareDefinition(c.label, c.higher_is_better, row?.favourable_threshold ?? null);
      body.push(groupRow(`${esc(c.label)} <span class="muted">(${esc(respondentsNoun(c.respondent_type))}${c.higher_is_better ? '' : '; lower is better'}; share ${esc(share)})</span>`));
    }
    const notes = c.notes.length ? `<div class="muted">${c.suppressed ? '<em>Suppressed.</em> ' : ''}${esc(notesText(c.notes, words, p.fewerThan))}</div>` : c.suppressed ? '<div class="muted"><em>Suppressed.</em></div>' : '';
    const baseline = c.baseline ? { meets_with_reservations: 'meets (with reservations)', does_not_meet: 'does not meet', not_assessed: 'not assessed' }[c.baseline.verdict] : '—';
    body.push([
      `${esc(c.wave)}: ${esc(groupName(c.group_level, s.grouping))} vs. ${esc(groupName(c.group_reference, s.grouping))}${notes}`,
      cell(c, 'n_level', c.n_level, (n) => n.toLocaleString('en-US')),
      cell(c, 'n_reference', c.n_reference, (n) => n.toLocaleString('en-US')),
      cell(c, 'mean_level', c.mean_level, two),
      cell(c, 'mean_reference', c.mean_reference, two),
      cell(c, 'favourable_level', c.favourable_level, pct0),
      cell(c, 'favourable_reference', c.favourable_reference, pct0),
      withCi(cell(c, 'estimate', c.estimate, (v) => points(v)), ciText(c, c.ci_low, c.ci_high, 'ci_low', 'ci_high', (v) => points(v))),
      cell(c, 'effect_size', c.effect_size, two),
      c.display?.p_value ? esc(c.display.p_value) : formatP(c.p_value),
      c.bh_significant === null ? '—' : `${formatP(c.bh_p_value)}${c.bh_significant ? ' <strong>✓</strong>' : ''}`,
      esc(baseline),
    ]);
  }
  return htmlTable(['Wave and groups', 'n', 'n ref.', 'Mean', 'Mean ref.', 'Share', 'Share ref.', 'Difference (95% CI)', "Hedges' g", 'p', 'BH p', 'Baseline'], body, [false, true, true, true, true, true, true, true, true, true, true, false], { caption: 'Group comparisons (scale points; share: at or above the threshold named in each scale row)', className: SURVEY_TABLE });
}

function changesTable(p: Publishable<Results>, s: SurveyResults): string {
  if (!s.changes.length) return '<p>No pre/post change: the survey has one wave, or no respondent answered both.</p>';
  const words = { treated: groupTerms(p.data).treated };
  const body: TableRow[] = s.changes.map((c) => [
    `${esc(c.label)} <span class="muted">(${esc(respondentsNoun(c.respondent_type))}, ${esc(c.wave_pre)} → ${esc(c.wave_post)})</span>${c.notes.length ? `<div class="muted">${esc(notesText(c.notes, words, p.fewerThan))}</div>` : ''}`,
    cell(c, 'n_level', c.n_level, (n) => n.toLocaleString('en-US')),
    withCi(cell(c, 'change_level', c.change_level, (v) => points(v)), `${ciText(c, c.change_level_ci_low, c.change_level_ci_high, 'change_level_ci_low', 'change_level_ci_high', (v) => points(v))}${seShort(c.change_level_se_type, c.change_level_clusters) ? `<br>${esc(seShort(c.change_level_se_type, c.change_level_clusters))}` : ''}`),
    cell(c, 'n_reference', c.n_reference, (n) => n.toLocaleString('en-US')),
    withCi(cell(c, 'change_reference', c.change_reference, (v) => points(v)), `${ciText(c, c.change_reference_ci_low, c.change_reference_ci_high, 'change_reference_ci_low', 'change_reference_ci_high', (v) => points(v))}${seShort(c.change_reference_se_type, c.change_reference_clusters) ? `<br>${esc(seShort(c.change_reference_se_type, c.change_reference_clusters))}` : ''}`),
    withCi(cell(c, 'estimate', c.estimate, (v) => points(v)), ciText(c, c.ci_low, c.ci_high, 'ci_low', 'ci_high', (v) => points(v))),
    c.display?.p_value ? esc(c.display.p_value) : formatP(c.p_value),
    c.bh_significant === null ? '—' : `${formatP(c.bh_p_value)}${c.bh_significant ? ' <strong>✓</strong>' : ''}`,
  ]);
  const first = s.changes[0]!;
  return htmlTable(
    ['Scale', `n ${esc(groupName(first.group_level, s.grouping))}`, 'Change (95% CI)', `n ${esc(groupName(first.group_reference, s.grouping))}`, 'Change (95% CI)', 'Difference-in-differences (95% CI)', 'p', 'BH p'],
    body,
    [false, true, true, true, true, true, true, true],
    { caption: 'Pre/post change among respondents who answered both waves (paired)', className: SURVEY_TABLE },
  );
}

function schoolsTable(s: SurveyResults): string {
  if (!s.by_school.length) return '';
  const last = s.waves[s.waves.length - 1];
  const rows = s.by_school.filter((b) => b.wave === last);
  const label = (b: (typeof rows)[number]) => s.scales.find((x) => x.instrument === b.instrument && x.scale === b.scale)?.label ?? b.scale;
  const body: TableRow[] = rows.map((b) => [
    esc(b.school_id),
    `${esc(label(b))} <span class="muted">(${esc(respondentsNoun(b.respondent_type))})</span>`,
    cell(b, 'n_level', b.n_level, (n) => n.toLocaleString('en-US')),
    cell(b, 'n_reference', b.n_reference, (n) => n.toLocaleString('en-US')),
    cell(b, 'mean_level', b.mean_level, two),
    cell(b, 'mean_reference', b.mean_reference, two),
    cell(b, 'estimate', b.estimate, (v) => points(v)),
  ]);
  return `<h3>By school (descriptive)</h3>
<p>Group means within each school at the ${esc(last ?? '')} wave, with no test: a school has few respondents. A cell resting on fewer respondents than the privacy rule allows is hidden. Every wave is in <code>tables/survey_by_school.csv</code>.</p>
${htmlTable(['School', 'Scale', 'n', 'n ref.', 'Mean', 'Mean ref.', 'Difference'], body, [false, false, true, true, true, true, true], { className: SURVEY_TABLE })}`;
}

/**
 * Why no survey difference is listed, truthfully: "survived no Benjamini–Hochberg correction" only of the differences
 * that were tested, and the others named with their reasons (low reliability, hidden by the privacy gate, baseline).
 */
export function noFindingSentence(all: readonly SurveyStatement[]): string {
  const tested = all.filter((x) => x.status === 'no_detectable_difference').length;
  const reasons = [...new Set(all.filter((x) => x.status === 'not_reportable').map((x) => x.reason))];
  const out = reasons.length ? `${all.length - tested} of ${all.length} survey comparisons and changes were left out (${reasons.join('; ')}).` : '';
  if (!tested) return out ? `No survey difference is reported: ${out.charAt(0).toLowerCase()}${out.slice(1)}` : 'No survey difference is reported.';
  return `No survey difference of the ${tested} that were tested survived the Benjamini–Hochberg correction within the survey domain.${out ? ` ${out}` : ''}`;
}

/** The "Teachers and families" section from the gated surveys block; empty when the results have none. */
export function surveysSection(p: Publishable<Results>, figures: readonly LikertFigure[] = []): string {
  const s = p.data.surveys;
  if (!s) return '';
  const all = surveyStatements(p);
  const statements = all.filter((x) => x.status === 'finding' || x.status === 'unchecked_difference');
  const lead = statements.length
    ? `<ul>${statements.map((x) => `<li><strong>${esc(x.statement)}</strong> <span class="muted">(${esc(x.numbers)}.)</span>${x.status === 'unchecked_difference' ? ' <em>Baseline equivalence not assessed.</em>' : ''}${x.reliabilityCaution ? ` <span class="caution">${esc(x.reliabilityCaution)}</span>` : ''}</li>`).join('')}</ul>`
    : s.grouping ? `<p>${esc(noFindingSentence(all))}</p>` : '';
  const grouping = !s.grouping
    ? 'The respondents were not split into groups, so only reliability is reported.'
    : s.grouping.source === 'program'
      ? 'A teacher is a <em>visiting teacher</em> when their educator id appears on a completed visit of the outcome year; a parent is a <em>visited family</em> when their student (or family) had a completed visit in the year.'
      : `Groups: ${esc(s.grouping.label ?? `${groupName(s.grouping.level ?? '', s.grouping)} vs. ${groupName(s.grouping.reference ?? '', s.grouping)}`)}.`;
  return `<section id="surveys"><h2>Teachers and families</h2>
<p>What the adults reported in surveys: scale scores are the mean of the answered items after reverse keying. ${grouping} A difference is <em>associated with</em> ${s.grouping?.source === 'column' ? 'the group' : 'the program'}, not proof that ${s.grouping?.source === 'column' ? 'belonging to it' : 'the program'} caused it; Benjamini–Hochberg runs within the survey domain (every comparison and change of this section).</p>
${lead}
${instrumentsPart(s)}
${respondentsPart(p, s)}
${withoutGroupPart(p, s)}
${teacherVisitsPart(s)}
<h3>Scale reliability</h3>
<p>Cronbach's alpha (raw) on respondents who answered every item of the scale, with Feldt's 95% interval; an alpha below ${fixed(LOW_ALPHA, 2)} is flagged: the scale score is then a noisy measure, and differences on it are attenuated. Feldt's interval treats respondents as independent and ignores their clustering in schools, so it is too narrow when a school's respondents answer alike (on generated data it missed the true alpha in 1 of 14 scale-waves): read it as the least uncertainty there is.</p>
${reliabilityTable(s)}
<h3>Item responses</h3>
${likertPart(p, s, figures)}
<h3>Group comparisons</h3>
<p>Mean scale score and the share of respondents at or above the scale's threshold (favourable where higher is better; on a lower-is-better scale such as burnout, the share with a high score, the unfavourable end), level − reference; Welch's t or a cluster-robust SE by school where there are enough schools; Hedges' g. The baseline column checks a later wave's groups on the same scale at the first wave (What Works Clearinghouse bands).</p>
${comparisonsTable(p, s)}
<h3>Pre/post change</h3>
<p>Among respondents who answered both waves, each group's mean change (paired), and the difference between the two changes (difference-in-differences), which removes a stable difference between the groups. A respondent who changed group between the waves is counted in their later wave's group. A group's change is hidden when 1 to ${p.minCell - 1} of its respondents answered only one wave (or moved into the group): its wave means and change would give their scores back.</p>
${changesTable(p, s)}
${schoolsTable(s)}
<p class="muted">Every row is in <code>tables/survey_scales.csv</code>, <code>tables/survey_items.csv</code>, <code>tables/survey_comparisons.csv</code>, <code>tables/survey_changes.csv</code> and <code>tables/survey_by_school.csv</code>.</p>
</section>`;
}
