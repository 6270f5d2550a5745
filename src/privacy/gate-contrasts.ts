import type { ContrastResult } from '../results/results-schema.js';
import { note } from '../results/vocabulary.js';
import type { Suppressor, At } from './suppressor.js';
import { smallNumerator, smallTotal } from './privacy-rule.js';
import { gateNotes } from './gate-notes.js';

/**
 * A level's own statistics. Its `interaction_p_value` is not among them: it is one test of the whole dimension
 * (do the differences vary across its levels?), the same on every level's row, and gives back no level's values.
 */
const CONTRAST_STATISTICS = ['mean_level', 'mean_reference', 'estimate', 'se', 'ci_low', 'ci_high', 'p_value', 'ratio', 'ratio_ci_low', 'ratio_ci_high'] as const;

/** Hide every statistic of a contrast, and its n's when they are what is protected; keep its labels. */
function hideContrast(c: ContrastResult, s: Suppressor, at: At, rule: 'primary' | 'complementary', reason: 'small_group' | 'small_numerator' | 'protects_level', withN: boolean): void {
  for (const f of CONTRAST_STATISTICS) s.hide(c, f, at, rule, reason);
  if (withN) for (const f of ['n_level', 'n_reference'] as const) s.hide(c, f, at, rule, reason, rule === 'primary' && s.small(c[f]) ? s.fewer : 'suppressed');
  c.suppressed = true;
}

/**
 * Gate one table of contrasts. A level with a group of 1 to k − 1 students (or, for a yes/no outcome, with
 * fewer than k students of a group with or without the outcome) is suppressed. Contrasts come in families
 * (the levels of one dimension for one outcome and reference); if that leaves exactly one hidden level in a
 * family, the next smallest level is hidden too, so the hidden one cannot be recovered from the rest: with its n's
 * when the hidden level's n is what is protected, its statistics only when the numerator rule hid a rate.
 */
export function gateContrasts(
  table: string,
  key: string,
  rows: readonly ContrastResult[] | undefined,
  s: Suppressor,
  binary: ReadonlySet<string>,
  counts: ReadonlySet<string> = new Set(),
): ContrastResult[] | undefined {
  if (!rows) return undefined;
  const at = (c: ContrastResult, i: number): At => ({ table, cell: `${c.analysis} / ${c.level} / ${c.outcome}`, path: `/${key}/${i}` });
  const out = rows.map((c0, i) => {
    const c: ContrastResult = { ...c0, notes: gateNotes(c0.notes, s, table, `${c0.analysis} / ${c0.level} / ${c0.outcome}`, `/${key}/${i}`) };
    const small = s.small(c.n_level) || s.small(c.n_reference);
    const numerator =
      (binary.has(c.outcome) && (smallNumerator(c.n_level, c.mean_level, s.k) || smallNumerator(c.n_reference, c.mean_reference, s.k))) ||
      (counts.has(c.outcome) && (smallTotal(c.n_level, c.mean_level, s.k) || smallTotal(c.n_reference, c.mean_reference, s.k)));
    if (small || numerator) {
      // a small group hides its n's; the numerator rule protects the count with the outcome, so the n's stay
      hideContrast(c, s, at(c, i), 'primary', small ? 'small_group' : 'small_numerator', small);
      c.notes = [...c.notes, note(small ? 'suppressed_small_group' : 'suppressed_numerator', { values: { min_cell: s.k } })];
    }
    return c;
  });
  const families = new Map<string, number[]>();
  out.forEach((c, i) => {
    const f = `${c.analysis}\u0000${c.outcome}\u0000${c.reference}`;
    families.set(f, [...(families.get(f) ?? []), i]);
  });
  // repeat until nothing changes: a level's n hidden in one family is hidden wherever the same level shows the same n
  // in another family (another outcome), which may leave that family with one hidden level, and so on
  for (let changed = true; changed; ) {
    changed = complementInFamilies(out, rows, families, s, at);
    changed = sameCountEverywhere(out, rows, s, at) || changed;
  }
  return out;
}

/**
 * In each family, protect a level hidden alone. The levels' n's add up to the outcome's n's: when exactly one level's
 * visited (or comparison) n is hidden, the next smallest level's n of the same group goes too, with its statistics
 * (a hidden n of 0 protects no student and needs no partner). Then, when exactly one level's statistics are hidden
 * (its rate would come back from the outcome's overall rate), the next smallest level's statistics go. Returns
 * whether anything was hidden.
 */
function complementInFamilies(out: ContrastResult[], rows: readonly ContrastResult[], families: Map<string, number[]>, s: Suppressor, at: (c: ContrastResult, i: number) => At): boolean {
  let changed = false;
  const smallest = (idx: number[]) => idx.reduce((a, b) => ((rows[a]!.n_level ?? 0) <= (rows[b]!.n_level ?? 0) ? a : b));
  const protect = (i: number, ns: readonly ('n_level' | 'n_reference')[]) => {
    const c = out[i]!;
    hideContrast(c, s, at(c, i), 'complementary', 'protects_level', false);
    for (const n of ns) s.hide(c, n, at(c, i), 'complementary', 'protects_level');
    if (!c.notes.some((x) => x.code === 'suppressed_complementary')) c.notes = [...c.notes, note('suppressed_complementary')];
    changed = true;
  };
  for (const idx of families.values()) {
    // the n's hidden alone in the family (a hidden 0 protects no one); one partner level covers them all when it can
    const alone = (['n_level', 'n_reference'] as const).filter((f) => idx.filter((i) => out[i]![f] === null && (rows[i]![f] ?? 0) > 0).length === 1 && idx.some((i) => out[i]![f] !== null));
    if (alone.length) {
      const both = idx.filter((i) => alone.every((f) => out[i]![f] !== null));
      if (both.length) protect(smallest(both), alone);
      else for (const f of alone) protect(smallest(idx.filter((i) => out[i]![f] !== null)), [f]);
    }
    const shown = idx.filter((i) => !out[i]!.suppressed);
    if (idx.length - shown.length === 1 && shown.length) protect(smallest(shown), []);
  }
  return changed;
}

/** Hide an n that is hidden in one row wherever another row of the same analysis and level shows the same value. */
function sameCountEverywhere(out: ContrastResult[], rows: readonly ContrastResult[], s: Suppressor, at: (c: ContrastResult, i: number) => At): boolean {
  let changed = false;
  for (const f of ['n_level', 'n_reference'] as const) {
    const hidden = new Set(out.flatMap((c, i) => (c[f] === null && rows[i]![f] !== null ? [`${c.analysis}\u0000${c.level}\u0000${rows[i]![f]}`] : [])));
    out.forEach((c, i) => {
      if (c[f] === null || !hidden.has(`${c.analysis}\u0000${c.level}\u0000${c[f]}`)) return;
      hideContrast(c, s, at(c, i), 'complementary', 'protects_level', true);
      c.notes = [...c.notes, note('suppressed_complementary')];
      changed = true;
    });
  }
  return changed;
}
