import type { Publishable } from '../../privacy/publishable.js';
import type { Estimate, OutcomeResult, Results } from '../../results/results-schema.js';
import { fixed, formatP, differenceUnit } from '../format.js';
import { METHOD_NOUN, adjustmentPhrase, domainTitle, joinAnd } from '../labels.js';
import { groupTerms, capitalise, type GroupTerms } from '../group-terms.js';

/**
 * How a headline may be worded: a finding (BH-significant, baseline equivalence can meet standards); a
 * difference whose baseline equivalence was not assessed (BH-significant, no baseline measure); no detectable
 * difference; or not reportable, with the reason.
 */
export type HeadlineStatus = 'finding' | 'unchecked_difference' | 'no_detectable_difference' | 'not_reportable';

/** One plain-language statement a grant writer can quote, with the numbers behind it. */
export interface Headline {
  outcome: string;
  label: string;
  method: Estimate['method'] | null;
  status: HeadlineStatus;
  /** whether the estimate used meets the baseline-equivalence standard, or it could not be assessed (no baseline measure) */
  baseline: 'meets' | 'not_assessed' | null;
  statement: string;
  numbers: string;
  caution: string;
  reason: string;
  estimate: Estimate | null;
}

export { HEADLINE_METHOD_ORDER, headlineEstimate, preferredEstimate } from '../../results/headline-estimate.js';
import { HEADLINE_METHOD_ORDER, headlineEstimate } from '../../results/headline-estimate.js';

/** The headline rule in one sentence, naming only the methods these results hold. */
export function headlineMethodRule(p: Publishable<Results>): string {
  const r = p.data;
  const present = HEADLINE_METHOD_ORDER.filter((m) => r.outcomes.some((o) => o.estimates.some((e) => e.method === m)));
  const unassessed = r.outcomes.some((o) => headlineEstimate(o)?.baseline === 'not_assessed');
  const tail = unassessed ? '; where no baseline measure was available, the first of them with an estimate, and the statement says that baseline equivalence was not assessed' : '';
  if (present.length <= 1) {
    return `Every headline uses ${METHOD_NOUN[present[0] ?? 'unadjusted']}, and only where its estimate meets the What Works Clearinghouse baseline-equivalence standard (with reservations)${tail}.`;
  }
  return `Every headline follows one rule, the same for every outcome: it uses the first of ${joinAnd(present.map((m) => METHOD_NOUN[m]))} whose estimate meets the What Works Clearinghouse baseline-equivalence standard (with reservations)${tail}.`;
}

/** The outcome phrase used in sentences. */
const PHRASE: Record<string, { more: string; less: string; noun: string }> = {
  attendance_rate: { more: 'higher attendance rates', less: 'lower attendance rates', noun: 'attendance rate' },
  chronic_absence: { more: 'more likely to be chronically absent', less: 'less likely to be chronically absent', noun: 'chronic absence' },
  days_absent: { more: 'more days absent', less: 'fewer days absent', noun: 'days absent' },
  any_incident: { more: 'more likely to have a discipline incident', less: 'less likely to have a discipline incident', noun: 'discipline incidents' },
  incident_count: { more: 'more discipline incidents', less: 'fewer discipline incidents', noun: 'discipline incidents' },
  any_suspension: { more: 'more likely to be suspended', less: 'less likely to be suspended', noun: 'suspensions' },
  ela_z: { more: 'higher ELA scores', less: 'lower ELA scores', noun: 'ELA scores' },
  math_z: { more: 'higher math scores', less: 'lower math scores', noun: 'math scores' },
  ela_proficient: { more: 'more likely to be proficient in ELA', less: 'less likely to be proficient in ELA', noun: 'ELA proficiency' },
  math_proficient: { more: 'more likely to be proficient in math', less: 'less likely to be proficient in math', noun: 'math proficiency' },
};

/** The phrase of an outcome: the pipeline's own wording, or the label as given (analytic files). */
function phraseOf(o: OutcomeResult, r: Results) {
  return (r.definitions.source !== 'analytic_file' ? PHRASE[o.outcome] : undefined) ?? null;
}

const n = (e: Estimate, f: 'n_treated' | 'n_comparison') => e.display?.[f] ?? (e[f] === null ? 'suppressed' : e[f]!.toLocaleString('en-US'));
const pct = (x: number) => `${fixed(100 * x, 1)}%`;

/** The numbers behind a statement: estimate, 95% CI and n. */
function numbersText(o: OutcomeResult, e: Estimate, t: GroupTerms): string {
  const ci = `95% CI ${signedUnit(o, e.ci_low!)} to ${signedUnit(o, e.ci_high!)}`;
  const groups = o.type === 'binary' && e.mean_treated !== null && e.mean_comparison !== null ? `${pct(e.mean_treated)} vs. ${pct(e.mean_comparison)}; ` : '';
  return `${groups}difference ${signedUnit(o, e.estimate!)}, ${ci}; n = ${n(e, 'n_treated')} ${t.treated} and ${n(e, 'n_comparison')} comparison students`;
}

/** Decimals that show a number with at least three significant digits (at least two decimals, at most six). */
export function sigDecimals(v: number): number {
  if (v === 0 || !Number.isFinite(v)) return 2;
  return Math.min(6, Math.max(2, 2 - Math.floor(Math.log10(Math.abs(v)))));
}

/** A signed difference with its unit: points for rates, SD only for z-scores, the given unit (or none) otherwise. */
function signedUnit(o: OutcomeResult, v: number): string {
  const s = (x: number, d: number) => `${x < 0 ? '−' : x > 0 ? '+' : ''}${fixed(Math.abs(x), d)}`;
  if (o.unit === 'percent') return `${s(100 * v, 1)} points`;
  if (o.unit === 'days') return `${s(v, 1)} days`;
  if (o.unit === 'incidents') return s(v, 2);
  const unit = differenceUnit(o);
  // a value on its own scale keeps three significant digits (a 0–1 rate given as a value would otherwise read 0.00)
  const d = o.unit === 'sd' ? 2 : sigDecimals(v);
  return unit ? `${s(v, d)} ${unit}` : s(v, d);
}

/** How an estimate adjusted, for the numbers line. */
function methodText(m: Estimate['method'], r: Results): string {
  const on = adjustmentPhrase(r);
  return {
    unadjusted: 'an unadjusted comparison',
    regression: on ? `a regression adjusting for ${on}` : 'a regression',
    matching: on ? `propensity-score matching on ${on}` : 'propensity-score matching',
    weighting: 'propensity-score weighting with regression adjustment',
  }[m];
}

/** The sentence for a difference, in "associated with" wording; relative "less likely" comes from the risk ratio, never the odds ratio. */
function differenceSentence(o: OutcomeResult, e: Estimate, r: Results, t: GroupTerms): string {
  const given = phraseOf(o, r);
  const ph = given ?? { more: `higher ${o.label}`, less: `lower ${o.label}`, noun: o.label };
  const up = e.estimate! > 0;
  const who = capitalise(t.treatedStudents);
  const than = `than ${e.method === 'unadjusted' ? t.comparisonStudents : t.similarComparison}`;
  if (o.type === 'binary' && e.mean_treated !== null && e.mean_comparison !== null && e.mean_comparison > 0) {
    const rel = Math.round(Math.abs(1 - e.mean_treated / e.mean_comparison) * 100);
    if (!given) return `${who} had a ${rel}% ${up ? 'higher' : 'lower'} rate of ${o.label} ${than}.`;
    return `${who} were ${rel}% ${up ? ph.more : ph.less} ${than}.`;
  }
  const points = fixed(Math.abs(100 * e.estimate!), 1);
  if (o.type === 'binary') return given ? `${who} were ${up ? ph.more : ph.less} ${than} (by ${points} percentage points).` : `${who} had a ${up ? 'higher' : 'lower'} rate of ${o.label} ${than} (by ${points} percentage points).`;
  if (o.unit === 'percent') return `${who} had ${up ? ph.more : ph.less} (by ${points} percentage points) ${than}.`;
  if (o.unit === 'days') return `${who} had ${fixed(Math.abs(e.estimate!), 1)} ${up ? ph.more : ph.less} in the year ${than}.`;
  if (o.unit === 'incidents') return `${who} had ${fixed(Math.abs(e.estimate!), 2)} ${up ? ph.more : ph.less} per student ${than}.`;
  if (o.unit === 'sd') return `${who} had ${up ? ph.more : ph.less} ${than}, by ${fixed(Math.abs(e.estimate!), 2)} standard deviations (an improvement index of ${fixed(Math.abs(e.improvement_index ?? 0), 1)} percentile points).`;
  const unit = differenceUnit(o);
  return `${who} had ${up ? ph.more : ph.less} ${than}, by ${fixed(Math.abs(e.estimate!), sigDecimals(e.estimate!))}${unit ? ` ${unit}` : ''}.`;
}

/** Why an outcome has no headline. */
function notReportableReason(o: OutcomeResult): string {
  const usable = o.estimates.filter((x) => !x.suppressed && x.estimate !== null && x.p_value !== null);
  if (!usable.length) {
    if (o.estimates.some((x) => x.notes.some((n) => n.code === 'top_bottom_coded'))) return 'top/bottom coded by the privacy gate: a rate is shown only as a range, so no difference with a confidence interval is reported';
    return o.estimates.some((x) => x.suppressed) ? 'hidden by the privacy gate (see the outcomes table)' : 'no method gave an estimate (see the notes in the outcomes table)';
  }
  return 'no estimate meets the baseline-equivalence standard';
}

/**
 * A headline for every outcome, by the one rule of headlineEstimate: a finding only when that estimate survives
 * Benjamini–Hochberg in its domain and its baseline equivalence can meet standards; a difference "with baseline
 * equivalence not assessed" when it survives but there was no baseline measure; otherwise "no detectable
 * difference", or not reportable with the reason.
 */
export function headlineFindings(p: Publishable<Results>): Headline[] {
  const r = p.data;
  const t = groupTerms(r);
  const caution = `A quasi-experimental comparison: ${t.selection}, so the difference is associated with ${t.intervention} and is not proof that ${t.homeVisits ? 'visits' : 'the treatment'} caused it.`;
  const unchecked = 'Baseline equivalence was not assessed (no baseline measure of this outcome was available), so this comparison cannot meet What Works Clearinghouse standards.';
  return r.outcomes.map((o) => {
    const pick = headlineEstimate(o);
    const base = { outcome: o.outcome, label: o.label };
    if (!pick) {
      return { ...base, method: null, status: 'not_reportable' as const, baseline: null, statement: '', numbers: '', caution, reason: notReportableReason(o), estimate: null };
    }
    const e = pick.estimate;
    const assessed = pick.baseline === 'meets';
    const adj = e.bh_p_value ?? null;
    const within = `within its domain (${domainTitle(o.domain)}; adjusted p ${adj !== null && adj < 0.001 ? '< .001' : `= ${formatP(adj)}`})`;
    const numbers = `${numbersText(o, e, t)}; ${methodText(e.method, r)}`;
    if (e.bh_significant === true) {
      const favourable = (e.improvement_index ?? 0) > 0;
      return {
        ...base,
        method: e.method,
        status: assessed ? ('finding' as const) : ('unchecked_difference' as const),
        baseline: pick.baseline,
        statement: differenceSentence(o, e, r, t),
        numbers,
        caution: assessed ? caution : `${unchecked} ${caution}`,
        reason: `significant after the Benjamini–Hochberg correction ${within}, ${assessed ? 'baseline equivalence can meet standards with reservations' : 'baseline equivalence not assessed'}${favourable ? '' : `; the difference is unfavourable to ${t.treated} students`}`,
        estimate: e,
      };
    }
    const noun = phraseOf(o, r)?.noun ?? o.label;
    return {
      ...base,
      method: e.method,
      status: 'no_detectable_difference' as const,
      baseline: pick.baseline,
      statement: `There was no detectable difference in ${noun} between ${t.treatedStudents} and ${e.method === 'unadjusted' ? t.comparisonStudents : t.similarComparison}.`,
      numbers,
      caution: `No detectable difference is not evidence of no effect: the confidence interval shows the effects the data cannot rule out.${assessed ? '' : ` ${unchecked}`}`,
      reason: `not significant after the Benjamini–Hochberg correction ${within}${assessed ? '' : '; baseline equivalence not assessed'}`,
      estimate: e,
    };
  });
}
