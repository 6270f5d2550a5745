import type { SeType } from '../../results/vocabulary.js';
import type { Publishable } from '../../privacy/publishable.js';
import type { Results, ContrastResult, OutcomeResult, BalanceRowResult } from '../../results/results-schema.js';
import { esc, formatMean, formatDifference, formatP, fixed, signed, shownCount } from '../format.js';
import { METHOD_LABEL, domainTitle, covariateLabel, fixedEffectsLabel } from '../labels.js';
import { balanceSamplesPhrase, lovePlotCaption } from '../balance-samples.js';
import { groupTerms } from '../group-terms.js';
import { notEvaluatedParagraph } from './sections-narrative.js';
import { domainsSentence } from '../statements/bh-domains-text.js';
import { fewSchoolsSentences } from './school-level-note.js';
import { htmlTable, groupRow, type TableRow } from './table.js';

const BAND_MARK = { satisfied: '✓', adjustment_required: '◐', not_satisfied: '✗', undefined: '' } as const;

/** The baseline measure of an outcome as a reader sees it ("Prior-year attendance rate"; "none" when none was named). */
function baselineMeasureText(o: OutcomeResult, r: Results): string {
  const m = o.estimates.find((e) => e.baseline)?.baseline?.measure;
  return !m ? '—' : m === '(none)' ? 'none' : covariateLabel(m, r);
}

/** The unit of an outcome beside its label, when it has one the label does not already say: "(scale points)", "(SD)". */
export function unitNote(o: Pick<OutcomeResult, 'unit' | 'unit_label' | 'label'>): string {
  const u = o.unit === 'value' ? o.unit_label : o.unit === 'sd' && !/\(z\)/.test(o.label) ? 'SD' : undefined;
  return u ? ` <span class="muted">(${esc(u)})</span>` : '';
}

const ciText = (o: OutcomeResult, lo: number | null, hi: number | null) =>
  lo === null || hi === null ? '—' : `${formatDifference(o, lo).replace(' pp', '')} to ${formatDifference(o, hi).replace(' pp', '')}`;

/** A group mean of a balance row: a rate in percent, else 3 decimals; a value the gate hid as what the gate shows ("fewer than 10", "suppressed"). */
function balanceMean(row: BalanceRowResult, field: 'mean_treated' | 'mean_comparison'): string {
  return formatMean({ unit: row.binary ? 'percent' : 'value' }, row[field], row.display?.[field]);
}

/** The effect size of a balance row with its WWC band mark, or what the gate shows in its place. */
function balanceEffect(row: BalanceRowResult): string {
  if (row.effect_size === null && row.display?.effect_size !== undefined) return esc(row.display.effect_size);
  return `${fixed(row.effect_size, 3)}&nbsp;<span class="muted" title="${row.band.replace('_', ' ')}">${BAND_MARK[row.band]}</span>`;
}

/** The covariate balance table and love plot, or one sentence saying why this run has none. */
function balanceParts(p: Publishable<Results>, lovePlotSvg: string | null): string {
  const r = p.data;
  if (!r.balance?.length) {
    return `<p>The balance of the baseline covariates between the groups is computed only with the adjusted methods (regression, matching, weighting); this run estimated unadjusted differences only, so there is no covariate balance table. Each outcome's own baseline measure is still compared below.</p>`;
  }
  const samples = r.balance;
  const names = samples[0]!.rows.map((x) => x.name);
  const t = groupTerms(r);
  const rows = names.map((name) => {
    const first = samples[0]!.rows.find((x) => x.name === name)!;
    const cells = [esc(covariateLabel(name, r)), balanceMean(first, 'mean_treated'), balanceMean(first, 'mean_comparison')];
    for (const s of samples) {
      const row = s.rows.find((x) => x.name === name);
      cells.push(row ? balanceEffect(row) : '—');
    }
    return cells;
  });
  const head = ['Baseline measure', `${t.Treated} (before)`, 'Comparison (before)', ...samples.map((s) => ({ analytic: 'Effect size before adjustment', matched: 'After matching', weighted: 'After weighting' })[s.sample])];
  const phrase = balanceSamplesPhrase(r);
  return `<p>For each ${r.definitions.source === 'analytic_file' ? 'covariate' : 'prior-year measure and demographic'}: group means before adjustment, and the effect size (Hedges' g, or the Cox index for yes/no measures) ${phrase}. What Works Clearinghouse bands: ✓ |ES| ≤ 0.05 satisfied; ◐ 0.05–0.25 satisfied only if the measure is adjusted for in the impact model; ✗ &gt; 0.25 not satisfied. A quasi-experimental comparison can at best meet standards with reservations.</p>
${htmlTable(head, rows, [false, true, true, ...samples.map(() => true)])}
${lovePlotSvg ? `<figure id="fig-love-plot" role="img" aria-label="Love plot of baseline balance ${esc(phrase)}">${lovePlotSvg}<figcaption>${esc(lovePlotCaption(r))}</figcaption></figure>` : ''}`;
}

/** Baseline equivalence: covariate balance in each sample analysed (or why there is none), and the per-outcome verdicts. */
export function baselineSection(p: Publishable<Results>, lovePlotSvg: string | null): string {
  const r = p.data;
  const methods = [...new Set(r.outcomes.flatMap((o) => o.estimates.map((e) => e.method)))];
  const judged = r.outcomes.some((o) => o.estimates.some((e) => e.baseline));
  if (!r.balance?.length && !judged) return '';
  const SHORT = { meets_with_reservations: '✓ can meet with reservations', does_not_meet: '✗ does not meet', not_assessed: '– not assessed' } as const;
  const verdictRows: string[][] = r.outcomes.map((o) => [
    esc(o.label),
    esc(baselineMeasureText(o, r)),
    ...methods.map((m) => {
      const b = o.estimates.find((e) => e.method === m)?.baseline;
      return b ? `<strong>${esc(SHORT[b.verdict])}</strong><br><span class="muted">ES ${fixed(b.effect_size, 3)}</span>` : '—';
    }),
  ]);
  const reweighted = [...(methods.includes('matching') ? ['matched'] : []), ...(methods.includes('weighting') ? ['weighted'] : [])].join(', or ');
  const adjusted = methods.some((m) => m !== 'unadjusted');
  const missing = (r.covariates ?? []).filter((c) => c.missing === null || c.missing > 0);
  return `<section id="baseline"><h2>Baseline equivalence</h2>
${balanceParts(p, lovePlotSvg)}
<h3>Verdict per outcome and method</h3>
<p>Each finding is judged on the baseline measure of its own outcome (${r.definitions.source === 'analytic_file' ? 'the pre-test named for it; an outcome without one is not assessed' : 'the same measure in the prior year'})${reweighted ? `, in the sample that finding uses (${reweighted}, for those methods)` : ''}. Rule: |ES| ≤ 0.05 can meet standards with reservations; 0.05–0.25 can only if the model adjusts for the measure (${adjusted ? 'all adjusted methods here do; ' : ''}the unadjusted comparison does not); &gt; 0.25 does not meet. A quasi-experiment can at best meet standards with reservations. The effect size, band and verdict of each finding are in <code>results.json</code> (<code>estimates[].baseline</code>).</p>
${htmlTable(['Outcome', 'Baseline measure', ...methods.map((m) => esc(METHOD_LABEL[m]))], verdictRows, [false, false, ...methods.map(() => false)])}
${
  r.covariates
    ? `<h3>Missing baseline data</h3>
<p>A missing baseline value is never a reason to drop a student: the model gets an indicator for "missing" and the mean of the observed values.</p>
${missing.length ? htmlTable(['Covariate', 'Students missing it', 'Filled with'], missing.map((c) => [esc(c.kind === 'fixed_effects' ? fixedEffectsLabel(c.name, r) : covariateLabel(c.name, r)), shownCount(c, 'missing'), c.display?.fill !== undefined ? esc(c.display.fill) : fixed(c.fill, 3)]), [false, true, true]) : '<p>No baseline values were missing.</p>'}`
    : ''
}
</section>`;
}

/** A short name of how an SE was computed, for table cells (the full text is in the methods section). */
/** The SE type in a table cell. */
function shortSe(t: SeType | undefined): string {
  const short: Record<SeType, string> = { welch_t: 'SE: Welch', wald_unpooled: 'SE: Wald', cr2_satterthwaite: 'SE: CR2', cr1_t: 'SE: CR1', cr1_pairs: 'SE: CR1 (pairs)', hc1: 'SE: HC1' };
  return t ? short[t] : '';
}

/** All estimates by domain and method, with BH decisions. */
export function adjustedOutcomesSection(p: Publishable<Results>): string {
  const r = p.data;
  const t = groupTerms(r);
  const rows: TableRow[] = [];
  let domain = '';
  // one outcome per domain (hve compare's default): the domain rows would only repeat the outcome names
  const oneEach = new Set(r.outcomes.map((o) => o.domain)).size === r.outcomes.length;
  for (const o of r.outcomes) {
    if (o.domain !== domain && !oneEach) {
      domain = o.domain;
      rows.push(groupRow(esc(domainTitle(domain))));
    }
    o.estimates.forEach((e, i) => {
      const ratio = e.ratio == null ? '' : `<br><span class="muted">${e.ratio_type === 'odds_ratio' ? 'OR' : 'RR'} ${fixed(e.ratio, 2)}${e.ratio_ci_low != null && e.ratio_ci_high != null ? ` (${fixed(e.ratio_ci_low, 2)}–${fixed(e.ratio_ci_high, 2)})` : ''}</span>`;
      rows.push([
        i === 0 ? `<strong>${esc(o.label)}</strong>${unitNote(o)}${o.lower_is_better ? ' <span class="muted">(lower is better)</span>' : ''}` : '',
        `${esc(METHOD_LABEL[e.method])}<br><span class="muted">${esc(shortSe(e.se_type))}</span>`,
        `${shownCount(e, 'n_treated')} / ${shownCount(e, 'n_comparison')}`,
        `${formatDifference(o, e.estimate)}${ratio}`,
        ciText(o, e.ci_low, e.ci_high),
        formatP(e.p_value),
        e.bh_p_value == null ? '—' : `${formatP(e.bh_p_value)}${e.bh_significant ? ' ✓' : ''}`,
        e.effect_size === null ? '—' : `${fixed(e.effect_size, 3)}&nbsp;<span class="muted">${e.effect_size_type === 'cox_index' ? 'Cox' : 'g'}</span>`,
        signed(e.improvement_index, 1),
      ]);
    });
  }
  return `<section id="estimates"><h2>Outcomes by domain: all methods</h2>
<div class="note">${t.homeVisits ? 'Families chose to be visited' : 'The treatment was not assigned at random'}. Adjustment removes differences in the measured baseline characteristics only; a remaining difference is <em>associated with</em> ${t.homeVisits ? 'visits' : 'the treatment'} and is not proof that ${t.homeVisits ? 'visits' : 'the treatment'} caused it.</div>
${notEvaluatedParagraph(p)}
<p>${esc(domainsSentence(r))}</p>
${htmlTable(['Outcome', 'Method (SE)', `n ${t.treated} / comparison`, 'Estimate', '95% CI', 'p', 'BH p (✓ ≤ .05)', 'Effect size', 'Improvement index'], rows, [false, false, true, true, true, true, true, true, true], { className: 'outcomes' })}
<p class="muted">Estimate: ${t.treated} − comparison on the outcome's scale (percentage points for rates): for the logistic and Poisson models the average marginal effect on the ${t.treated} students, with the odds ratio (OR) or rate ratio (RR) beneath. BH p: Benjamini–Hochberg adjusted within each outcome domain and method (R's p.adjust, "BH"); ✓ marks an adjusted p ≤ 0.05 (the ≤ rule; a strict &lt; is used in one WWC transcription). Effect sizes of adjusted findings use the adjusted difference over the unadjusted pooled SD (WWC).</p>
</section>`;
}

/** The estimator side-by-side figure and a compact table. */
export function methodComparisonSection(p: Publishable<Results>, svg: string | null): string {
  const r = p.data;
  const t = groupTerms(r);
  const methods = [...new Set(r.outcomes.flatMap((o) => o.estimates.map((e) => e.method)))];
  const rows = r.outcomes.map((o) => [esc(o.label), ...methods.map((m) => {
    const e = o.estimates.find((x) => x.method === m);
    return e ? formatDifference(o, e.estimate) : '—';
  })]);
  return `<section id="methods-compared"><h2>Method comparison</h2>
<p>The same outcome estimated ${methods.length === 4 ? 'four' : methods.length} ways. When adjustment moves an estimate towards zero, part of the unadjusted gap came from ${t.homeVisits ? 'who chose to be visited' : 'who was in the treatment group'}.</p>
${htmlTable(['Outcome', ...methods.map((m) => esc(METHOD_LABEL[m]))], rows, [false, ...methods.map(() => true)])}
${svg ? `<figure id="fig-method-comparison" role="img" aria-label="Estimates with 95% confidence intervals under each method, per outcome">${svg}<figcaption>Estimate and 95% CI for each outcome under each method.</figcaption></figure>` : ''}
</section>`;
}

const KEY = ['chronic_absence', 'attendance_rate', 'days_absent', 'any_incident', 'ela_z', 'math_z'];

/** A contrast table (subgroups, dose, school level): grouped by analysis, the key outcomes only (every outcome is in the CSV); `heading` h3 inside the appendix. */
export function contrastSection(id: string, title: string, intro: string, rows: ContrastResult[] | undefined, p: Publishable<Results>, csv: string, heading: 'h2' | 'h3' = 'h2'): string {
  const r = p.data;
  if (!rows?.length) return '';
  const byOutcome = new Map(r.outcomes.map((o) => [o.outcome, o]));
  // grouped by analysis in order of first appearance (school-level rows alternate between two analyses per outcome)
  const order = [...new Set(rows.map((c) => c.analysis))];
  const shown = rows.filter((c) => KEY.includes(c.outcome)).sort((a, b) => order.indexOf(a.analysis) - order.indexOf(b.analysis));
  const showInteraction = shown.some((c) => c.interaction_p_value !== undefined);
  const head = ['Group', 'Outcome', 'n', 'Means', 'Difference', '95% CI', 'p', ...(showInteraction ? ['Interaction p'] : [])];
  const body: TableRow[] = [];
  let analysis = '';
  for (const c of shown) {
    if (c.analysis !== analysis) {
      analysis = c.analysis;
      const few = fewSchoolsSentences(shown.filter((x) => x.analysis === analysis)).map((s) => `<br><span class="muted few-schools">${esc(s)}</span>`).join('');
      body.push(groupRow(`${esc(analysis)}${c.reference && !c.reference.startsWith('comparison students of') ? ` <span class="muted">(vs. ${esc(c.reference)})</span>` : ''}${few}`));
    }
    const o = (byOutcome.get(c.outcome) ?? { unit: 'value', label: c.outcome }) as OutcomeResult;
    body.push([
      esc(c.level),
      esc(o.label),
      `${shownCount(c, 'n_level')} / ${shownCount(c, 'n_reference')}`,
      `${formatMean(o, c.mean_level, c.display?.mean_level)} / ${formatMean(o, c.mean_reference, c.display?.mean_reference)}`,
      formatDifference(o, c.estimate),
      c.ci_low === null || c.ci_high === null ? '—' : `${formatDifference(o, c.ci_low).replace(' pp', '')} to ${formatDifference(o, c.ci_high).replace(' pp', '')}`,
      formatP(c.p_value),
      ...(showInteraction ? [formatP(c.interaction_p_value ?? null)] : []),
    ]);
  }
  const fewAll = fewSchoolsSentences(rows);
  const fewNote = fewAll.length ? `<div class="note"><strong>Too few schools for inference.</strong> ${fewAll.map(esc).join(' ')} With so few schools a difference between kinds of school mostly reflects those particular schools; the table shows group means and their difference only.</div>\n` : '';
  return `<section id="${id}"><${heading}>${esc(title)}</${heading}><p>${intro}</p>
${fewNote}<p class="muted">Shown: the key outcomes; every outcome is in <code>tables/${csv}</code>. n and means: ${groupTerms(r).treated} / ${id === 'subgroups' ? 'comparison students of the same subgroup' : 'the reference group'}.</p>
${htmlTable(head, body, [false, false, true, true, true, true, true, true], { className: 'contrasts' })}
</section>`;
}
