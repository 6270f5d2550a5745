import type { Estimate, OutcomeResult } from '../results/results-schema.js';
import { note } from '../results/vocabulary.js';
import type { Suppressor, At } from './suppressor.js';
import { smallNumerator, smallTotal } from './privacy-rule.js';
import { gateNotes } from './gate-notes.js';

/** The statistics of an estimate (everything but its n's, labels and notes). */
export const ESTIMATE_STATISTICS = [
  'mean_treated',
  'mean_comparison',
  'sd_treated',
  'sd_comparison',
  'estimate',
  'se',
  'df',
  'ci_low',
  'ci_high',
  'p_value',
  'effect_size',
  'improvement_index',
  'ratio',
  'ratio_ci_low',
  'ratio_ci_high',
  'bh_p_value',
] as const;

/** Hide every statistic of an estimate, its second SE and its baseline check, and mark it suppressed. */
export function hideStatistics(e: Estimate, s: Suppressor, at: At, rule: 'primary' | 'complementary', reason: 'small_group' | 'small_numerator' | 'protects_coded'): void {
  for (const f of ESTIMATE_STATISTICS) s.hide(e, f, at, rule, reason);
  if (e.bh_significant !== null && e.bh_significant !== undefined) e.bh_significant = null;
  if (e.alternative_se) {
    const a = e.alternative_se as NonNullable<Estimate['alternative_se']> & { display?: Record<string, string> };
    for (const f of ['se', 'ci_low', 'ci_high', 'p_value'] as const) s.hide(a, f, { ...at, path: `${at.path}/alternative_se` }, rule, reason);
    delete a.display;
  }
  if (e.baseline) {
    const b = { ...e.baseline } as NonNullable<Estimate['baseline']> & { display?: Record<string, string> };
    for (const f of ['effect_size', 'n_treated', 'n_comparison'] as const) s.hide(b, f, { ...at, path: `${at.path}/baseline` }, rule, reason);
    delete b.display;
    e.baseline = { ...b, band: 'undefined', verdict: 'not_assessed' };
  }
  e.suppressed = true;
}

/**
 * Gate one estimate: a group of 1 to k − 1 students hides every statistic and both n's (the other group's n
 * with the sample-flow total would give the small one back); for a yes/no outcome, fewer than k students of
 * a group with (or without) the outcome hide the statistics and keep the n's (numerator rule; for a count outcome,
 * a group total of 1 to k − 1). Student counts
 * in notes and in the baseline check are gated too.
 */
export function gateEstimate(e: Estimate, o: OutcomeResult, s: Suppressor, path: string): Estimate {
  const out: Estimate = { ...e, notes: gateNotes(e.notes, s, 'outcomes', `${o.outcome} / ${e.method}`, path) };
  const at = { table: 'outcomes', cell: `${o.outcome} / ${e.method}`, path };
  const smallT = s.small(e.n_treated);
  const smallC = s.small(e.n_comparison);
  if (smallT || smallC) {
    hideStatistics(out, s, at, 'primary', 'small_group');
    if (smallT) s.hide(out, 'n_treated', at, 'primary', 'small_group', s.fewer);
    if (smallC) s.hide(out, 'n_comparison', at, 'primary', 'small_group', s.fewer);
    s.hide(out, 'n_treated', at, 'complementary', 'protects_count');
    s.hide(out, 'n_comparison', at, 'complementary', 'protects_count');
    const which = smallT && smallC ? {} : { field: smallT ? ('treated' as const) : ('comparison' as const) };
    out.notes = [...out.notes, note('suppressed_small_group', { ...which, values: { min_cell: s.k } })];
    return out;
  }
  // the visited rate (all methods) and the unadjusted comparison rate with n give the count with the outcome; for a
  // count outcome, the mean and n give the total (incidents), which for one incident a student is the count with one
  const rule = o.type === 'binary' ? smallNumerator : o.type === 'count' ? smallTotal : null;
  if (rule && (rule(e.n_treated, e.mean_treated, s.k) || (e.method === 'unadjusted' && rule(e.n_comparison, e.mean_comparison, s.k)))) {
    hideStatistics(out, s, at, 'primary', 'small_numerator');
    out.notes = [...out.notes, note('suppressed_numerator', { values: { min_cell: s.k } })];
    return out;
  }
  if (out.baseline) {
    const b = { ...out.baseline } as NonNullable<Estimate['baseline']> & { display?: Record<string, string> };
    for (const f of ['n_treated', 'n_comparison'] as const) if (s.small(b[f])) s.hide(b, f, { ...at, path: `${path}/baseline` }, 'primary', 'small_group', s.fewer);
    delete b.display;
    out.baseline = b;
  }
  return out;
}
