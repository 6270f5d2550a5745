import type { BalanceRowResult } from '../results/results-schema.js';
import type { Suppressor } from './suppressor.js';
import { smallNumerator } from './privacy-rule.js';

/** Suppress balance rows (group means of a covariate) resting on 1 to k − 1 students, or revealing fewer than k with (or without) a yes/no trait. */
export function gateBalance(rows: readonly BalanceRowResult[], sample: string, index: number, s: Suppressor): BalanceRowResult[] {
  const out = rows.map((r0, i) => {
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
  // the levels of a categorical covariate ("race_ethnicity: Asian", …) share a group's students: with one level's
  // rates hidden, 1 − the sum of the others gives them back, so the next smallest level's rates go too
  const families = new Map<string, number[]>();
  out.forEach((r, i) => {
    const m = r.binary ? r.name.match(/^([^:]+): /) : null;
    if (m) families.set(m[1]!, [...(families.get(m[1]!) ?? []), i]);
  });
  for (const idx of families.values()) {
    const hidden = idx.filter((i) => out[i]!.suppressed);
    const shown = idx.filter((i) => !out[i]!.suppressed);
    if (hidden.length !== 1 || shown.length === 0) continue;
    const share = (i: number) => (rows[i]!.mean_treated ?? 0) + (rows[i]!.mean_comparison ?? 0);
    const smallest = shown.reduce((a, b) => (share(a) <= share(b) ? a : b));
    const r = out[smallest]!;
    const at = { table: `balance (${sample})`, cell: r.name, path: `/balance/${index}/rows/${smallest}` };
    for (const f of ['mean_treated', 'mean_comparison', 'effect_size', 'variance_ratio'] as const) s.hide(r, f, at, 'complementary', 'protects_level');
    r.band = 'undefined';
    r.suppressed = true;
  }
  return out;
}
