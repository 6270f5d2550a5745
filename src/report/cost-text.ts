/** Plain-text wording of the gated cost block: money, the price basis, why an ingredient has no cost, and the cost-effectiveness intervals. */
import type { CostEffectivenessResult, CostResults } from '../results/fidelity-results-schema.js';
import { fixed } from './format.js';
import { METHOD_NOUN } from './labels.js';

/** An amount of money: "$111,918" (USD, whole units unless `cents`), or "111,918 EUR". */
export function money(v: number, currency: string, cents = false): string {
  const digits = cents && !Number.isInteger(v) ? 2 : 0;
  const s = Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const sign = v < 0 ? '−' : '';
  return currency === 'USD' ? `${sign}$${s}` : `${sign}${s} ${currency}`;
}

/** The price basis of the cost figures: "prices of 2017, USD" or "stipends as logged in the visit records (nominal)". */
export function priceBasisText(c: CostResults): string {
  if (c.source === 'logged_stipends') return 'stipends as logged in the visit records (nominal)';
  return `prices of ${c.price_year ?? 'an unstated year'}, ${c.currency}`;
}

/** Why an ingredient could not be priced, in words. */
export const COST_REASON_TEXT: Record<NonNullable<CostResults['ingredients'][number]['reason']>, string> = {
  visit_hours_not_recorded: 'the visit log records no visit durations (duration_min)',
  educator_visit_hours_not_recorded: 'the visit log does not record both visit durations and the educators on each visit',
  visiting_educators_not_recorded: 'the visit log does not record which educators visited (educator_ids)',
  stipends_not_recorded: 'the visit log records no stipend amounts (stipend_amount)',
};

/** What one unit of gain is, as a row label. */
export const EFFECTIVENESS_LABEL: Record<CostEffectivenessResult['unit'], string> = {
  student_not_chronically_absent: 'Cost per additional student not chronically absent',
  absence_avoided: 'Cost per absence avoided',
};

/** The sentence for an interval that has no finite bounds. */
export const UNBOUNDED_TEXT =
  'the interval is unbounded: the effect’s confidence interval includes zero, so the data are consistent with no gain and no finite cost per gain can be given';

/** The sentence when the program did no better than the comparison group. */
export const NO_GAIN_TEXT = 'the program was not associated with a gain on this outcome';

/** A hidden effectiveness row: what the gate shows. */
function hiddenText(e: CostEffectivenessResult): string {
  return e.display?.ratio ?? Object.values(e.display ?? {})[0] ?? 'suppressed';
}

/** The gain per visited student in words: "3.2 percentage points fewer chronically absent" or "1.40 fewer days absent per student". */
export function gainText(e: CostEffectivenessResult): string {
  if (e.display?.gain !== undefined) return e.display.gain;
  if (e.gain === null) return '—';
  const more = e.gain < 0;
  if (e.outcome === 'chronic_absence') return `${fixed(Math.abs(100 * e.gain), 1)} percentage points ${more ? 'more' : 'fewer'} chronically absent`;
  return `${fixed(Math.abs(e.gain), 2)} ${more ? 'more' : 'fewer'} days absent per student`;
}

/** The ratio as a reader sees it: an amount, or the words for no gain or a hidden value. */
export function ratioText(e: CostEffectivenessResult, currency: string): string {
  if (e.suppressed) return hiddenText(e);
  if (e.status === 'no_gain') return NO_GAIN_TEXT;
  if (e.display?.ratio !== undefined) return e.display.ratio;
  return e.ratio === null ? '—' : money(e.ratio, currency);
}

/** The Fieller 95% interval in words or numbers: "$1,500 to $11,020", the unbounded sentence, or nothing to add for no gain. */
export function fiellerText(e: CostEffectivenessResult, currency: string): string {
  if (e.suppressed) return hiddenText(e);
  if (e.status === 'unbounded') return UNBOUNDED_TEXT;
  if (e.status === 'no_gain') return 'no interval (no gain)';
  const lo = e.display?.fieller_low ?? (e.fieller_low === null ? null : money(e.fieller_low, currency));
  const hi = e.display?.fieller_high ?? (e.fieller_high === null ? null : money(e.fieller_high, currency));
  return lo === null || hi === null ? '—' : `${lo} to ${hi}`;
}

/** The bootstrap interval with how it was made: "$1,400 to $9,800 (999 school-cluster resamples, linear regression-adjusted difference)". */
export function bootstrapText(e: CostEffectivenessResult, currency: string): string {
  if (e.suppressed) return hiddenText(e);
  if (e.bootstrap_status === null) return 'not computed';
  const how = `${e.bootstrap_reps === null ? '' : `${e.bootstrap_reps.toLocaleString('en-US')} `}school-cluster resamples of the ${e.bootstrap_estimator === 'regression_linear' ? 'linear regression-adjusted difference' : 'difference'}`;
  if (e.bootstrap_status === 'unbounded') return `unbounded: some resamples showed no gain, so no finite upper bound (${how})`;
  if (e.bootstrap_status === 'no_gain') return `no gain in the resamples (${how})`;
  const lo = e.display?.bootstrap_low ?? (e.bootstrap_low === null ? null : money(e.bootstrap_low, currency));
  const hi = e.display?.bootstrap_high ?? (e.bootstrap_high === null ? null : money(e.bootstrap_high, currency));
  return lo === null || hi === null ? `— (${how})` : `${lo} to ${hi} (${how})`;
}

/** The method the ratio rests on, inside a sentence ("regression adjustment"). */
export function effectivenessMethod(e: CostEffectivenessResult): string {
  return METHOD_NOUN[e.method];
}
