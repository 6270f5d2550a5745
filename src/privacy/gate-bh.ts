import type { OutcomeResult } from '../results/results-schema.js';
import { bhAdjust } from '../stats/index.js';

/**
 * Benjamini–Hochberg again, over the p-values the gate lets through (within each domain and method): a
 * BH-adjusted p computed with a hidden p-value in its family could give that p back (with the n's, the
 * counts behind it). Estimates without a BH value keep none; a hidden p has none.
 */
export function regateBenjaminiHochberg(outcomes: OutcomeResult[]): OutcomeResult[] {
  const out = outcomes.map((o) => ({ ...o, estimates: o.estimates.map((e) => ({ ...e })) }));
  const families = new Map<string, OutcomeResult['estimates']>();
  for (const o of out) {
    for (const e of o.estimates) {
      if (e.bh_p_value === undefined) continue;
      const key = `${o.domain}\u0000${e.method}`;
      families.set(key, [...(families.get(key) ?? []), e]);
    }
  }
  for (const members of families.values()) {
    const adj = bhAdjust(members.map((e) => e.p_value ?? NaN));
    members.forEach((e, k) => {
      const q = adj[k]!;
      e.bh_p_value = Number.isFinite(q) ? q : null;
      e.bh_significant = Number.isFinite(q) ? q <= 0.05 : null;
    });
  }
  return out;
}
