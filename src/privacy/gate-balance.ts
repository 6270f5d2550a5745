import type { BalanceRowResult } from '../results/results-schema.js';
import type { Suppressor } from './suppressor.js';
import { smallNumerator } from './privacy-rule.js';

/** Suppress balance rows (group means of a covariate) resting on 1 to k − 1 students, or revealing fewer than k with (or without) a yes/no trait. */
export function gateBalance(rows: readonly BalanceRowResult[], sample: string, index: number, s: Suppressor): BalanceRowResult[] {
  return rows.map((r0, i) => {
    const r = { ...r0 };
    const counts = r.binary && (smallNumerator(r.n_treated, r.mean_treated, s.k) || smallNumerator(r.n_comparison, r.mean_comparison, s.k));
    const small = s.small(r.n_treated) || s.small(r.n_comparison);
    if (!small && !counts) return r;
    const at = { table: `balance (${sample})`, cell: r.name, path: `/balance/${index}/rows/${i}` };
    const reason = small ? 'small_group' : 'small_numerator';
    for (const f of ['mean_treated', 'mean_comparison', 'effect_size', 'variance_ratio'] as const) s.hide(r, f, at, 'primary', reason);
    // the numerator rule protects the count with the trait: the n's stay (they are the sample's n, shown elsewhere)
    if (small) for (const f of ['n_treated', 'n_comparison'] as const) s.hide(r, f, at, 'primary', reason, s.small(r0[f]) ? s.fewer : 'suppressed');
    r.band = 'undefined';
    r.suppressed = true;
    return r;
  });
}
