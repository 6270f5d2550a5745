import type { Quality, GateResult } from '../quality/quality-schema.js';
import type { Suppressor } from './suppressor.js';

/** More unmapped codes than this in one column look like a wrong mapping (IDs, free text): they are shown as a count. */
export const MAX_LISTED_CODES = 10;

/**
 * Gate the data-quality block. A missing-value count of 1 to k − 1 students is hidden (a students extract's
 * missing count is a covariate's missing count, which the gate hides there too). Unmapped codes are source
 * text, which may be an identifier when a column is mapped wrong: a column with more than `MAX_LISTED_CODES`
 * codes, and every code seen in fewer than k rows, is merged into one row "N codes" without the code text;
 * a merged row of 1 to k − 1 rows shows no count.
 */
export function gateQuality(q: Quality | undefined, s: Suppressor): Quality | undefined {
  if (!q) return q;
  const missing = q.missing.map((m0, i) => {
    const m = { ...m0 };
    if (s.small(m.missing)) s.hide(m, 'missing', { table: 'data quality', cell: `${m.extract} / ${m.column} / missing`, path: `/quality/missing/${i}` }, 'primary', 'small_group', s.fewer);
    return m;
  });
  const gates: GateResult[] = [];
  const groups = new Map<string, GateResult[]>();
  for (const g of q.gates) {
    if (g.gate !== 'unknown_codes' || g.code === null) {
      gates.push({ ...g });
      continue;
    }
    const key = `${g.extract}\u0000${g.column}`;
    if (!groups.has(key)) {
      groups.set(key, []);
      gates.push({ ...g, code: null, rows: 0 }); // placeholder, filled below in order
    }
    groups.get(key)!.push(g);
  }
  const out: GateResult[] = [];
  for (const g of gates) {
    if (g.gate !== 'unknown_codes' || g.code !== null || g.status === 'passed') {
      out.push(g);
      continue;
    }
    const codes = groups.get(`${g.extract}\u0000${g.column}`)!;
    const listed = codes.length <= MAX_LISTED_CODES ? codes.filter((c) => (c.rows ?? 0) >= s.k) : [];
    const merged = codes.filter((c) => !listed.includes(c));
    out.push(...listed.map((c) => ({ ...c })));
    if (merged.length) {
      const rows = merged.reduce((a, c) => a + (c.rows ?? 0), 0);
      const row: GateResult = { ...merged[0]!, code: null, rows, share: g.of ? rows / g.of : null, distinct_codes: merged.length };
      if (s.small(rows)) {
        const i = out.length;
        s.hide(row, 'rows', { table: 'data quality', cell: `${row.extract} / ${row.column} / unmapped codes`, path: `/quality/gates/${i}` }, 'primary', 'small_group', s.fewer);
        s.hide(row, 'share', { table: 'data quality', cell: `${row.extract} / ${row.column} / unmapped codes`, path: `/quality/gates/${i}` }, 'complementary', 'protects_count');
      }
      out.push(row);
    }
  }
  return { ...q, gates: out, missing };
}
