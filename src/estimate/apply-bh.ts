import { bhAdjust } from '../stats/index.js';
import type { OutcomeResult } from '../results/results-schema.js';

/** Add Benjamini–Hochberg adjusted p-values and decisions (≤ 0.05) within each outcome domain, separately per method. */
export function applyBenjaminiHochberg(outcomes: OutcomeResult[]): void {
  const families = new Map<string, { o: number; e: number }[]>();
  outcomes.forEach((o, oi) =>
    o.estimates.forEach((e, ei) => {
      const key = `${o.domain}|${e.method}`;
      families.set(key, [...(families.get(key) ?? []), { o: oi, e: ei }]);
    }),
  );
  for (const members of families.values()) {
    const ps = members.map(({ o, e }) => outcomes[o]!.estimates[e]!.p_value ?? NaN);
    const adj = bhAdjust(ps);
    members.forEach(({ o, e }, k) => {
      const est = outcomes[o]!.estimates[e]!;
      est.bh_p_value = Number.isFinite(adj[k]!) ? adj[k]! : null;
      est.bh_significant = Number.isFinite(adj[k]!) ? adj[k]! <= 0.05 : null;
    });
  }
}
