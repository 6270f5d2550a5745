import type { Estimate, OutcomeResult, Results } from '../../results/results-schema.js';
import { fixed } from '../format.js';

/** How a headline may be worded. */
export type HeadlineStatus = 'finding' | 'no_detectable_difference' | 'not_reportable';

/** One plain-language statement a grant writer can quote, with the numbers behind it. */
export interface Headline {
  outcome: string;
  label: string;
  method: Estimate['method'] | null;
  status: HeadlineStatus;
  statement: string;
  numbers: string;
  caution: string;
  reason: string;
  estimate: Estimate | null;
}

const PREFERENCE: Estimate['method'][] = ['regression', 'matching', 'weighting', 'unadjusted'];
const METHOD_TEXT: Record<Estimate['method'], string> = {
  unadjusted: 'an unadjusted comparison',
  regression: 'a regression adjusting for prior-year attendance, behavior and scores, demographics and school',
  matching: 'propensity-score matching on prior-year measures, demographics and school',
  weighting: 'propensity-score weighting with regression adjustment',
};
const CAUTION =
  'A quasi-experimental comparison: families chose to be visited, so the difference is associated with home visits and is not proof that visits caused it.';

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

const n = (x: number | null) => (x === null ? 'suppressed' : x.toLocaleString('en-US'));
const pct = (x: number) => `${fixed(100 * x, 1)}%`;

/** The estimate a headline uses: the first method (regression, matching, weighting, unadjusted) whose baseline verdict can meet standards. */
export function preferredEstimate(o: OutcomeResult): Estimate | null {
  for (const m of PREFERENCE) {
    const e = o.estimates.find((x) => x.method === m);
    if (e && !e.suppressed && e.estimate !== null && e.baseline?.verdict === 'meets_with_reservations') return e;
  }
  return null;
}

/** The numbers behind a statement: estimate, 95% CI and n. */
function numbersText(o: OutcomeResult, e: Estimate): string {
  const ci = `95% CI ${signedUnit(o, e.ci_low!)} to ${signedUnit(o, e.ci_high!)}`;
  const groups = o.type === 'binary' && e.mean_treated !== null && e.mean_comparison !== null ? `${pct(e.mean_treated)} vs. ${pct(e.mean_comparison)}; ` : '';
  return `${groups}difference ${signedUnit(o, e.estimate!)}, ${ci}; n = ${n(e.n_treated)} visited and ${n(e.n_comparison)} comparison students`;
}

function signedUnit(o: OutcomeResult, v: number): string {
  const s = (x: number, d: number) => `${x < 0 ? '−' : x > 0 ? '+' : ''}${fixed(Math.abs(x), d)}`;
  if (o.unit === 'percent') return `${s(100 * v, 1)} points`;
  if (o.unit === 'days') return `${s(v, 1)} days`;
  if (o.unit === 'incidents') return s(v, 2);
  return `${s(v, 2)} SD`;
}

/** The sentence for a finding, in "associated with" wording; relative "less likely" comes from the risk ratio, never the odds ratio. */
function findingSentence(o: OutcomeResult, e: Estimate): string {
  const ph = PHRASE[o.outcome] ?? { more: `higher ${o.label}`, less: `lower ${o.label}`, noun: o.label };
  const up = e.estimate! > 0;
  const who = 'Students whose families received a home visit';
  const than = 'than similar students whose families did not';
  if (o.type === 'binary' && e.mean_treated !== null && e.mean_comparison !== null && e.mean_comparison > 0) {
    const rr = e.mean_treated / e.mean_comparison;
    const rel = Math.round(Math.abs(1 - rr) * 100);
    return `${who} were ${rel}% ${up ? ph.more : ph.less} ${than}.`;
  }
  if (o.type === 'binary') return `${who} were ${up ? ph.more : ph.less} ${than} (by ${fixed(Math.abs(100 * e.estimate!), 1)} percentage points).`;
  if (o.unit === 'percent') return `${who} had ${up ? ph.more : ph.less} (by ${fixed(Math.abs(100 * e.estimate!), 1)} percentage points) ${than}.`;
  if (o.unit === 'days') return `${who} had ${fixed(Math.abs(e.estimate!), 1)} ${up ? ph.more : ph.less} in the year ${than}.`;
  if (o.unit === 'incidents') return `${who} had ${fixed(Math.abs(e.estimate!), 2)} ${up ? ph.more : ph.less} per student ${than}.`;
  return `${who} had ${up ? ph.more : ph.less} ${than}, by ${fixed(Math.abs(e.estimate!), 2)} standard deviations (an improvement index of ${fixed(Math.abs(e.improvement_index ?? 0), 1)} percentile points).`;
}

/**
 * A headline for every outcome: a finding only when the preferred estimate survives Benjamini–Hochberg in
 * its domain and its baseline equivalence can meet standards; otherwise "no detectable difference", or not
 * reportable with the reason.
 */
export function headlineFindings(r: Results): Headline[] {
  return r.outcomes.map((o) => {
    const e = preferredEstimate(o);
    const ph = PHRASE[o.outcome]?.noun ?? o.label;
    if (!e) {
      const anySuppressed = o.estimates.some((x) => x.suppressed);
      return {
        outcome: o.outcome,
        label: o.label,
        method: null,
        status: 'not_reportable' as const,
        statement: '',
        numbers: '',
        caution: CAUTION,
        reason: anySuppressed ? 'suppressed by the privacy gate (too few students)' : 'no estimate meets the baseline-equivalence standard',
        estimate: null,
      };
    }
    const significant = e.bh_significant === true;
    const favourable = (e.improvement_index ?? 0) > 0;
    if (significant) {
      return {
        outcome: o.outcome,
        label: o.label,
        method: e.method,
        status: 'finding' as const,
        statement: findingSentence(o, e),
        numbers: `${numbersText(o, e)}; ${METHOD_TEXT[e.method]}`,
        caution: CAUTION,
        reason: `significant after the Benjamini–Hochberg correction within ${o.domain} (adjusted p = ${fixed(e.bh_p_value ?? null, 3)}), baseline equivalence can meet standards with reservations${favourable ? '' : '; the difference is unfavourable to visited students'}`,
        estimate: e,
      };
    }
    return {
      outcome: o.outcome,
      label: o.label,
      method: e.method,
      status: 'no_detectable_difference' as const,
      statement: `There was no detectable difference in ${ph} between students whose families received a home visit and similar students whose families did not.`,
      numbers: `${numbersText(o, e)}; ${METHOD_TEXT[e.method]}`,
      caution: 'No detectable difference is not evidence of no effect: the confidence interval shows the effects the data cannot rule out.',
      reason: `not significant after the Benjamini–Hochberg correction within ${o.domain} (adjusted p = ${fixed(e.bh_p_value ?? null, 3)})`,
      estimate: e,
    };
  });
}
