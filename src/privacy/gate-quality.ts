import type { Quality, GateResult } from '../quality/quality-schema.js';
import type { Suppressor } from './suppressor.js';

/** More unmapped codes than this in one column look like a wrong mapping (IDs, free text): they are shown as a count. */
export const MAX_LISTED_CODES = 10;

/**
 * Gate the data-quality block. A missing-value count of 1 to k − 1 is hidden (a students extract's missing count
 * is a covariate's missing count, which the gate hides there too), except in the schools extract: a school's
 * missing Title I flag is about a school, not a student. Unmapped codes are source
 * text, which may be an identifier when a column is mapped wrong: a column with more than `MAX_LISTED_CODES`
 * codes, and every code seen in fewer than k rows, is merged into one row "N codes" without the code text. Its
 * row count is published like the rest of the row accounting (docs/privacy.md): with rejects by reason shown, a
 * hidden count would come back as the reason's total minus the listed codes.
 */
export function gateQuality(q: Quality | undefined, s: Suppressor): Quality | undefined {
  if (!q) return q;
  const missing = q.missing.map((m0, i) => {
    const m = { ...m0 };
    if (m.extract !== 'schools' && s.small(m.missing)) s.hide(m, 'missing', { table: 'data quality', cell: `${m.extract} / ${m.column} / missing`, path: `/quality/missing/${i}` }, 'primary', 'small_group', s.fewer);
    return m;
  });
  // unmapped codes of one column, in the order their column first appears; other gates as they are
  const byColumn = new Map<string, GateResult[]>();
  const order: (GateResult | string)[] = [];
  for (const g of q.gates) {
    if (g.gate !== 'unknown_codes' || g.code === null) {
      order.push({ ...g });
      continue;
    }
    const key = `${g.extract}\u0000${g.column}`;
    if (!byColumn.has(key)) order.push(key);
    byColumn.set(key, [...(byColumn.get(key) ?? []), g]);
  }
  const out: GateResult[] = [];
  for (const item of order) {
    if (typeof item !== 'string') {
      out.push(item);
      continue;
    }
    const codes = byColumn.get(item)!;
    const listed = codes.length <= MAX_LISTED_CODES ? codes.filter((c) => (c.rows ?? 0) >= s.k) : [];
    const merged = codes.filter((c) => !listed.includes(c));
    out.push(...listed.map((c) => ({ ...c })));
    if (!merged.length) continue;
    const rows = merged.reduce((a, c) => a + (c.rows ?? 0), 0);
    out.push({ ...merged[0]!, code: null, rows, share: merged[0]!.of ? rows / merged[0]!.of : null, distinct_codes: merged.length });
  }
  return { ...q, gates: out, missing };
}
