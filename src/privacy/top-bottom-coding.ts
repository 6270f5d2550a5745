import type { ContrastResult, Estimate, OutcomeResult } from '../results/results-schema.js';
import { note } from '../results/vocabulary.js';
import type { Suppressor, At } from './suppressor.js';
import { ESTIMATE_STATISTICS } from './gate-estimates.js';

/** The coded text of a rate outside [lo, hi], or null. */
export function codedText(v: number | null, tb: readonly [number, number]): string | null {
  if (v === null) return null;
  const pct = (x: number) => `${+(100 * x).toFixed(1)}%`;
  return v < tb[0] ? `< ${pct(tb[0])}` : v > tb[1] ? `> ${pct(tb[1])}` : null;
}

/**
 * Top/bottom-code an estimate of a yes/no outcome. A group rate outside the bounds is shown only as
 * "< x%" / "> y%". Everything that would give it back is hidden: the other group's rate (with the
 * difference), and the SE, CI, p-value, effect size, improvement index and ratio (each, with the
 * difference and the n's, solves for the rates), and the unadjusted difference itself. What remains are the
 * n's and an adjusted method's point estimate.
 */
function codeEstimate(e: Estimate, tb: readonly [number, number], s: Suppressor, at: At): Estimate {
  const t = codedText(e.mean_treated, tb);
  const c = e.method === 'unadjusted' ? codedText(e.mean_comparison, tb) : null;
  if (!t && !c) return e;
  const out = { ...e };
  if (t) s.hide(out, 'mean_treated', at, 'primary', 'top_bottom_coded', t);
  if (c) s.hide(out, 'mean_comparison', at, 'primary', 'top_bottom_coded', c);
  // the unadjusted difference is p1 − p2 of raw rates that other tables show (the dose contrasts' reference), so it goes too
  for (const f of ESTIMATE_STATISTICS) if ((f !== 'estimate' || e.method === 'unadjusted') && f !== 'mean_treated' && f !== 'mean_comparison') s.hide(out, f, at, 'complementary', 'protects_coded');
  s.hide(out, 'mean_comparison', at, 'complementary', 'protects_coded');
  s.hide(out, 'mean_treated', at, 'complementary', 'protects_coded');
  if (out.bh_significant !== undefined) out.bh_significant = null;
  if (out.alternative_se) out.alternative_se = null;
  if (out.baseline) out.baseline = { ...out.baseline };
  out.notes = [...out.notes, note('top_bottom_coded')];
  return out;
}

/** Top/bottom-code a contrast's two rates, hiding what would give a coded one back (as for estimates). */
function codeContrast(c: ContrastResult, tb: readonly [number, number], s: Suppressor, at: At): ContrastResult {
  const a = codedText(c.mean_level, tb);
  const b = codedText(c.mean_reference, tb);
  if (!a && !b) return c;
  const out = { ...c };
  if (a) s.hide(out, 'mean_level', at, 'primary', 'top_bottom_coded', a);
  if (b) s.hide(out, 'mean_reference', at, 'primary', 'top_bottom_coded', b);
  // the difference too: with the n's, a difference of two rates of small integers gives both back (a/n1 − b/n2)
  for (const f of ['mean_level', 'mean_reference', 'estimate', 'se', 'ci_low', 'ci_high', 'p_value', 'ratio', 'ratio_ci_low', 'ratio_ci_high'] as const) s.hide(out, f, at, 'complementary', 'protects_coded');
  out.notes = [...out.notes, note('top_bottom_coded')];
  return out;
}

/** Contrast models whose estimate is a raw difference of the two groups' rates. */
const RAW_DIFFERENCES: readonly string[] = ['proportion_difference', 'welch_difference', 'group_means'];

/**
 * Where an outcome's overall rate is coded, its subgroup and dose families must not give it back: the levels
 * partition the visited group (n-weighted level rates sum to the overall rate) and the dose contrasts' reference
 * is the overall comparison group. So in each such family every reference rate is hidden and, unless a level is
 * already hidden, the smallest level is hidden whole.
 */
function protectFamilies(rows: ContrastResult[] | undefined, coded: ReadonlySet<string>, table: string, key: string, s: Suppressor, partition: boolean): ContrastResult[] | undefined {
  if (!rows) return rows;
  const out = rows.map((c) => ({ ...c }));
  const families = new Map<string, number[]>();
  out.forEach((c, i) => {
    if (!coded.has(c.outcome)) return;
    const f = `${c.analysis}\u0000${c.outcome}\u0000${c.reference}`;
    families.set(f, [...(families.get(f) ?? []), i]);
  });
  const at = (c: ContrastResult, i: number): At => ({ table, cell: `${c.analysis} / ${c.level} / ${c.outcome}`, path: `/${key}/${i}` });
  for (const idx of families.values()) {
    for (const i of idx) {
      s.hide(out[i]!, 'mean_reference', at(out[i]!, i), 'complementary', 'protects_coded');
      // a raw difference of rates with its n's solves for the integer counts behind both rates
      if (RAW_DIFFERENCES.includes(out[i]!.model)) for (const f of ['estimate', 'se', 'ci_low', 'ci_high', 'p_value'] as const) s.hide(out[i]!, f, at(out[i]!, i), 'complementary', 'protects_coded');
    }
    if (!partition || idx.some((i) => out[i]!.suppressed)) continue;
    const smallest = idx.reduce((a, b) => ((rows[a]!.n_level ?? 0) <= (rows[b]!.n_level ?? 0) ? a : b));
    const c = out[smallest]!;
    for (const f of ['n_level', 'n_reference', 'mean_level', 'mean_reference', 'estimate', 'se', 'ci_low', 'ci_high', 'p_value', 'ratio', 'ratio_ci_low', 'ratio_ci_high'] as const) {
      s.hide(c, f, at(c, smallest), 'complementary', 'protects_coded');
    }
    c.suppressed = true;
    c.notes = [...c.notes, note('suppressed_complementary')];
  }
  return out;
}

/** Apply top/bottom coding to the yes/no outcomes' estimates and contrasts. */
export function topBottomCode(
  outcomes: OutcomeResult[],
  tables: { key: 'subgroups' | 'dose' | 'school_level'; table: string; rows: ContrastResult[] | undefined }[],
  tb: readonly [number, number],
  s: Suppressor,
): { outcomes: OutcomeResult[]; tables: (ContrastResult[] | undefined)[] } {
  const binary = new Set(outcomes.filter((o) => o.type === 'binary').map((o) => o.outcome));
  const coded = outcomes.map((o, i) =>
    o.type !== 'binary'
      ? o
      : { ...o, estimates: o.estimates.map((e, j) => (e.suppressed ? e : codeEstimate(e, tb, s, { table: 'outcomes', cell: `${o.outcome} / ${e.method}`, path: `/outcomes/${i}/estimates/${j}` }))) },
  );
  const codedOutcomes = new Set(
    coded.filter((o) => o.estimates.some((e) => e.notes.some((n) => n.code === 'top_bottom_coded') && e.method === 'unadjusted')).map((o) => o.outcome),
  );
  const rows = tables.map(({ key, table, rows: r }) => {
    const codedRows = r?.map((c, i) => (c.suppressed || !binary.has(c.outcome) ? c : codeContrast(c, tb, s, { table, cell: `${c.analysis} / ${c.level} / ${c.outcome}`, path: `/${key}/${i}` })));
    // subgroup and dose levels partition the visited group; school-level rows do not, but their raw differences count
    return protectFamilies(codedRows, codedOutcomes, table, key, s, key !== 'school_level');
  });
  return { outcomes: coded, tables: rows };
}
