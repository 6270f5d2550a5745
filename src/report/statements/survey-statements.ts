/**
 * Grant-writer statements on the teacher and parent surveys, under the rules of the student headlines
 * (headline-findings.ts): a finding only when the comparison survives Benjamini–Hochberg within the survey domain and
 * the groups were equivalent on the same scale at the first wave; a significant difference with no first-wave check
 * is listed apart; "associated with" wording; every number from gated fields, a hidden one ends the statement.
 */
import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import type { SurveyChange, SurveyComparison, SurveyResults } from '../../results/survey-results-schema.js';
import type { HeadlineStatus } from './headline-findings.js';
import { fixed, formatP } from '../format.js';
import { groupName, points, pct0, rangeText, respondentsNoun, scalePhrase, scaleRow, shareTerm } from '../survey-text.js';

/** One survey statement with the numbers behind it. */
export interface SurveyStatement {
  kind: 'comparison' | 'change';
  status: HeadlineStatus;
  instrument: string;
  scale: string;
  label: string;
  respondent_type: 'teacher' | 'parent';
  wave: string;
  statement: string;
  numbers: string;
  caution: string;
  /** the reliability caution alone (alpha 0.50 to 0.70), also at the end of `caution`; '' when none */
  reliabilityCaution: string;
  reason: string;
}

/** Who is compared with whom, in a sentence: "Teachers who made home visits" … "teachers who did not". */
function subjects(type: 'teacher' | 'parent', s: SurveyResults, level: string, reference: string): { who: string; than: string } {
  if (s.grouping?.source === 'column') return { who: `Respondents with ${groupName(level, s.grouping)}`, than: `those with ${groupName(reference, s.grouping)}` };
  return type === 'teacher'
    ? { who: 'Teachers who made home visits', than: 'teachers who did not' }
    : { who: 'Parents whose families had a home visit', than: 'parents whose families did not' };
}

function caution(s: SurveyResults): string {
  return s.grouping?.source === 'column'
    ? 'A comparison of groups that were not assigned at random: the difference is associated with the group and is not proof that belonging to it caused the difference.'
    : 'A comparison of respondents who took part in home visits with those who did not, who were not assigned at random: the difference is associated with home visits and is not proof that visits caused it.';
}

const adjusted = (p: number | null) => (p !== null && p < 0.001 ? '< .001' : `= ${formatP(p)}`);
const scaleOf = (s: SurveyResults, c: { instrument: string; scale: string }) => {
  const r = rangeText(s, c);
  return r ? ` (on a ${r} scale)` : '';
};

/** The conventional reliability a scale should reach (Nunnally 1978): below it a statement carries a caution. */
export const CAUTION_ALPHA = 0.7;

/**
 * The What Works Clearinghouse's floor for an outcome measure's internal consistency (Procedures and Standards
 * Handbook, version 5.0, 2022: Cronbach's alpha of at least 0.50): below it no statement is made.
 *
 * Why a caution between 0.50 and 0.70 and not a withheld statement: unreliable items add noise to each score, which
 * pulls a group difference towards zero and widens its CI; they do not make a difference that survived
 * Benjamini–Hochberg spurious, so withholding it would hide a real finding (and a "no detectable difference" on such a
 * scale says little, which the caution also says). Below the WWC floor the scale is not an acceptable outcome measure
 * at all, so the statement is left out with that reason, as a careful evaluator reporting to WWC standards would.
 */
export const WITHHOLD_ALPHA = 0.5;

/** The alphas of a scale at the given waves for one respondent type (shown ones only), and whether a hidden one was flagged low. */
function reliability(s: SurveyResults, c: { instrument: string; scale: string; respondent_type: 'teacher' | 'parent' }, waves: readonly string[]): { wave: string; alpha: number | null; low: boolean }[] {
  return waves.flatMap((wave) => {
    const r = s.scales.find((x) => x.instrument === c.instrument && x.scale === c.scale && x.respondent_type === c.respondent_type && x.wave === wave);
    return r ? [{ wave, alpha: r.alpha, low: r.low_alpha === true || (r.alpha !== null && r.alpha < CAUTION_ALPHA) }] : [];
  });
}

/** "Cronbach's alpha 0.58 at the spring wave" (several waves joined), from shown alphas; a hidden one is "below 0.70". */
function alphaText(rows: { wave: string; alpha: number | null }[], waves: number): string {
  return rows.map((r) => `${r.alpha === null ? `below ${fixed(CAUTION_ALPHA, 2)}` : fixed(r.alpha, 2)}${waves > 1 ? ` at the ${r.wave} wave` : ''}`).join(' and ');
}

/** The reliability rule of a statement: a reason to leave it out (alpha below 0.50), a caution (below 0.70), or neither. */
function reliabilityRule(s: SurveyResults, c: { instrument: string; scale: string; label: string; respondent_type: 'teacher' | 'parent' }, waves: readonly string[]): { withhold: string | null; caution: string } {
  const rows = reliability(s, c, waves);
  const tooLow = rows.filter((r) => r.alpha !== null && r.alpha < WITHHOLD_ALPHA);
  if (tooLow.length) {
    return { withhold: `the reliability of ${scalePhrase(c.label)} is too low for an outcome measure (Cronbach's alpha ${alphaText(tooLow, s.waves.length)}, below the ${fixed(WITHHOLD_ALPHA, 2)} the What Works Clearinghouse requires)`, caution: '' };
  }
  const low = rows.filter((r) => r.low);
  if (!low.length) return { withhold: null, caution: '' };
  return { withhold: null, caution: ` Reliability caution: Cronbach's alpha of ${scalePhrase(c.label)} was ${alphaText(low, s.waves.length)}, below ${fixed(CAUTION_ALPHA, 2)}, so its scores are noisy; a difference on it is pulled towards zero and harder to detect.` };
}

/** Why a row cannot be stated, or null when its numbers are all shown. */
function hiddenReason(c: SurveyComparison | SurveyChange): string | null {
  if (c.suppressed || c.estimate === null || c.ci_low === null || c.ci_high === null || c.p_value === null) return 'hidden by the privacy gate or not estimable (see the survey tables)';
  return null;
}

function comparisonStatement(s: SurveyResults, c: SurveyComparison): SurveyStatement {
  const base = { kind: 'comparison' as const, instrument: c.instrument, scale: c.scale, label: c.label, respondent_type: c.respondent_type, wave: c.wave, caution: caution(s), reliabilityCaution: '' };
  const hidden = hiddenReason(c);
  if (hidden) return { ...base, status: 'not_reportable', statement: '', numbers: '', reason: hidden };
  const rel = reliabilityRule(s, c, [c.wave]);
  if (rel.withhold) return { ...base, status: 'not_reportable', statement: '', numbers: '', reason: rel.withhold };
  const verdict = c.baseline?.verdict ?? 'not_assessed';
  if (verdict === 'does_not_meet') {
    const by = c.baseline?.band === 'adjustment_required' ? 'by 0.05 to 0.25 SD, which needs a statistical adjustment this comparison does not make' : 'by more than 0.25 SD';
    const did = s.changes.some((x) => x.instrument === c.instrument && x.scale === c.scale && x.wave_post === c.wave) ? ' (the pre/post difference-in-differences removes a stable difference)' : '';
    return { ...base, status: 'not_reportable', statement: '', numbers: '', reason: `the groups differed on ${scalePhrase(c.label)} at the first wave ${by}${did}` };
  }
  const { who, than } = subjects(c.respondent_type, s, c.group_level, c.group_reference);
  const when = s.waves.length > 1 ? `In the ${c.wave} survey, ` : '';
  const lead = (x: string) => (when ? `${when}${x.charAt(0).toLowerCase()}${x.slice(1)}` : x);
  const lvl = groupName(c.group_level, s.grouping);
  const ref = groupName(c.group_reference, s.grouping);
  const n = (field: 'n_level' | 'n_reference') => c.display?.[field] ?? (c[field] === null ? 'suppressed' : c[field]!.toLocaleString('en-US'));
  const means = c.mean_level !== null && c.mean_reference !== null ? `mean ${fixed(c.mean_level, 2)} vs. ${fixed(c.mean_reference, 2)}; ` : '';
  const row = scaleRow(s, c);
  const term = shareTerm(c.label, c.higher_is_better);
  const at = row ? ` (a score of ${fixed(row.favourable_threshold, Number.isInteger(row.favourable_threshold) ? 0 : 2)} or more)` : '';
  const fav = c.favourable_level !== null && c.favourable_reference !== null ? `${pct0(c.favourable_level)} vs. ${pct0(c.favourable_reference)} ${c.higher_is_better ? term : `with ${term}`}${at}; ` : '';
  const g = c.effect_size === null ? '' : `; Hedges' g ${fixed(c.effect_size, 2)}`;
  const counted = (k: string, who: string) => (s.grouping?.source === 'column' ? `${k} (${who})` : `${k} ${who}`);
  const numbers = `${means}${fav}difference ${points(c.estimate!)} points, 95% CI ${points(c.ci_low!)} to ${points(c.ci_high!)}${g}; n = ${counted(n('n_level'), lvl)} and ${counted(n('n_reference'), ref)}`;
  const unchecked = verdict === 'not_assessed';
  const within = `within the survey domain (adjusted p ${adjusted(c.bh_p_value)})`;
  if (c.bh_significant === true) {
    const up = c.estimate! > 0;
    const good = c.higher_is_better === up;
    return {
      ...base,
      status: unchecked ? 'unchecked_difference' : 'finding',
      statement: `${lead(who)} scored ${fixed(Math.abs(c.estimate!), 2)} points ${up ? 'higher' : 'lower'} on ${scalePhrase(c.label)}${scaleOf(s, c)} than ${than}.`,
      numbers,
      caution: `${unchecked ? `Baseline equivalence was not assessed (no first-wave score of this scale to compare). ${caution(s)}` : caution(s)}${rel.caution}`,
      reliabilityCaution: rel.caution.trim(),
      reason: `significant after the Benjamini–Hochberg correction ${within}, ${unchecked ? 'baseline equivalence not assessed' : 'the groups were equivalent at the first wave (with reservations)'}${good ? '' : `; the difference is unfavourable to ${lvl}`}`,
    };
  }
  return {
    ...base,
    status: 'no_detectable_difference',
    statement: lead(`There was no detectable difference in ${scalePhrase(c.label)} between ${who.charAt(0).toLowerCase()}${who.slice(1)} and ${than}.`),
    numbers,
    caution: `No detectable difference is not evidence of no effect: the confidence interval shows the differences the data cannot rule out.${rel.caution}`,
    reliabilityCaution: rel.caution.trim(),
    reason: `not significant after the Benjamini–Hochberg correction ${within}`,
  };
}

function changeStatement(s: SurveyResults, c: SurveyChange): SurveyStatement {
  const base = { kind: 'change' as const, instrument: c.instrument, scale: c.scale, label: c.label, respondent_type: c.respondent_type, wave: c.wave_post, reliabilityCaution: '' };
  const hidden = hiddenReason(c);
  const lvl = groupName(c.group_level, s.grouping);
  const ref = groupName(c.group_reference, s.grouping);
  const careful = `${caution(s)} The difference-in-differences assumes both groups would have changed alike without the program.`;
  if (hidden) return { ...base, status: 'not_reportable', statement: '', numbers: '', caution: careful, reason: hidden };
  const rel = reliabilityRule(s, c, [c.wave_pre, c.wave_post]);
  if (rel.withhold) return { ...base, status: 'not_reportable', statement: '', numbers: '', caution: careful, reason: rel.withhold };
  const n = (field: 'n_level' | 'n_reference') => c.display?.[field] ?? (c[field] === null ? 'suppressed' : c[field]!.toLocaleString('en-US'));
  const ch = (v: number | null) => (v === null ? 'hidden' : points(v));
  const numbers = `change ${ch(c.change_level)} among ${lvl} and ${ch(c.change_reference)} among ${ref}; difference-in-differences ${points(c.estimate!)} points, 95% CI ${points(c.ci_low!)} to ${points(c.ci_high!)}; n = ${n('n_level')} and ${n('n_reference')} ${respondentsNoun(c.respondent_type)} who answered both surveys`;
  const within = `within the survey domain (adjusted p ${adjusted(c.bh_p_value)})`;
  if (c.bh_significant === true) {
    const up = c.estimate! > 0;
    return {
      ...base,
      status: 'finding',
      statement: `Between the ${c.wave_pre} and ${c.wave_post} surveys, the scores of ${lvl} on ${scalePhrase(c.label)} ${up ? 'rose' : 'fell'} by ${fixed(Math.abs(c.estimate!), 2)} points relative to those of ${ref}${scaleOf(s, c)}.`,
      numbers,
      caution: `${careful}${rel.caution}`,
      reliabilityCaution: rel.caution.trim(),
      reason: `significant after the Benjamini–Hochberg correction ${within}${c.higher_is_better === up ? '' : `; the change is unfavourable to ${lvl}`}`,
    };
  }
  return {
    ...base,
    status: 'no_detectable_difference',
    statement: `Between the ${c.wave_pre} and ${c.wave_post} surveys, the change in ${scalePhrase(c.label)} of ${lvl} was not detectably different from that of ${ref}.`,
    numbers,
    caution: `No detectable difference is not evidence of no effect: the confidence interval shows the differences the data cannot rule out.${rel.caution}`,
    reliabilityCaution: rel.caution.trim(),
    reason: `not significant after the Benjamini–Hochberg correction ${within}`,
  };
}

/** The survey statements: a group comparison per scale at each wave after the first (or the only wave), then each difference-in-differences. */
export function surveyStatements(p: Publishable<Results>): SurveyStatement[] {
  const s = p.data.surveys;
  if (!s || !s.grouping) return [];
  const post = s.waves.length > 1 ? new Set(s.waves.slice(1)) : new Set(s.waves);
  return [...s.comparisons.filter((c) => post.has(c.wave)).map((c) => comparisonStatement(s, c)), ...s.changes.map((c) => changeStatement(s, c))];
}
