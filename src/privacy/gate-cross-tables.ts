import type { Results } from '../results/results-schema.js';
import { balanceRowCountsLevel } from '../results/subgroup-levels.js';
import type { Suppressor } from './suppressor.js';
import type { FidelityResults } from '../results/fidelity-results-schema.js';
import { hideFidelityRow, fidelityAt } from './gate-fidelity.js';
import { smallNumerator, smallTotal } from './privacy-rule.js';
import { note } from '../results/vocabulary.js';

/**
 * A subgroup level whose n the gate hid (a small level, or the level hidden to protect it) is hidden in the balance
 * tables too: there, its share of the visited (or comparison) students times the group's n gives the same count
 * back, and with it, by subtraction, the small level. Applies to every sample (the matched and weighted samples
 * keep most students); school rows have no balance row.
 */
export function hideBalanceOfHiddenLevels(subgroups: Results['subgroups'], balance: Results['balance'], s: Suppressor): void {
  const hidden = (subgroups ?? []).filter((c) => c.analysis !== 'school' && (c.n_level === null || c.n_reference === null));
  if (!hidden.length) return;
  balance?.forEach((b, i) =>
    b.rows.forEach((r, j) => {
      if (!hidden.some((c) => balanceRowCountsLevel(r.name, c.analysis, c.level))) return;
      const at = { table: `balance (${b.sample})`, cell: r.name, path: `/balance/${i}/rows/${j}` };
      for (const f of ['mean_treated', 'mean_comparison', 'effect_size', 'variance_ratio'] as const) s.hide(r, f, at, 'complementary', 'protects_level');
      r.band = 'undefined';
      r.suppressed = true;
    }),
  );
}

/**
 * A contrast that is a model coefficient (no group means of its own, e.g. the school visit rate as moderator) rests
 * on the outcome's whole sample: when the outcome's visited or comparison students with (or without) the outcome
 * are 1 to k − 1, so that its estimates are hidden, the coefficient is hidden too.
 */
export function hideModelRowsOfHiddenOutcomes(raw: Results, tables: { table: string; key: string; rows: Results['subgroups'] }[], s: Suppressor): void {
  const hidden = new Set(
    raw.outcomes
      .filter((o) =>
        o.estimates.some(
          (e) =>
            e.method === 'unadjusted' &&
            ((o.type === 'binary' && (smallNumerator(e.n_treated, e.mean_treated, s.k) || smallNumerator(e.n_comparison, e.mean_comparison, s.k))) ||
              (o.type === 'count' && (smallTotal(e.n_treated, e.mean_treated, s.k) || smallTotal(e.n_comparison, e.mean_comparison, s.k)))),
        ),
      )
      .map((o) => o.outcome),
  );
  for (const t of tables) {
    t.rows?.forEach((c, i) => {
      if (!hidden.has(c.outcome) || c.suppressed || c.mean_level !== null || c.mean_reference !== null) return;
      const at = { table: t.table, cell: `${c.analysis} / ${c.level} / ${c.outcome}`, path: `/${t.key}/${i}` };
      for (const f of ['estimate', 'se', 'ci_low', 'ci_high', 'p_value', 'ratio', 'ratio_ci_low', 'ratio_ci_high'] as const) s.hide(c, f, at, 'primary', 'small_numerator');
      c.suppressed = true;
      c.notes = [...c.notes, note('suppressed_numerator', { values: { min_cell: s.k } })];
    });
  }
}

/**
 * The subgroup table's school rows and the fidelity block count the same students (the analytic sample by primary
 * school): a school hidden in one is hidden in the other, for every outcome, so that both hide the same set of
 * schools (each table's own complement already left at least two hidden, so the union does too).
 */
export function alignHiddenSchools(subgroups: Results['subgroups'], fidelity: FidelityResults | undefined, s: Suppressor): void {
  if (!fidelity) return;
  const schoolRows = (subgroups ?? []).map((c, i) => ({ c, i })).filter(({ c }) => c.analysis === 'school');
  // the attendance outcomes cover the whole analytic sample, so their school rows' n's are the fidelity counts
  // (a school hidden only for a test score, with a few students tested, gives no fidelity count away)
  const wholeSample = new Set(['attendance_rate', 'chronic_absence', 'days_absent']);
  const inSubgroups = new Set(schoolRows.filter(({ c }) => wholeSample.has(c.outcome) && (c.n_level === null || c.n_reference === null)).map(({ c }) => c.level));
  const inFidelity = new Set(fidelity.schools.filter((r) => r.suppressed && r.school_id !== null).map((r) => r.school_id!));
  for (const { c, i } of schoolRows) {
    if (!inFidelity.has(c.level) || (c.n_level === null && c.n_reference === null)) continue;
    const at = { table: 'subgroups', cell: `${c.analysis} / ${c.level} / ${c.outcome}`, path: `/subgroups/${i}` };
    for (const f of ['mean_level', 'mean_reference', 'estimate', 'se', 'ci_low', 'ci_high', 'p_value', 'ratio', 'ratio_ci_low', 'ratio_ci_high', 'n_level', 'n_reference'] as const) {
      s.hide(c, f, at, 'complementary', 'protects_level');
    }
    c.suppressed = true;
    if (!c.notes.some((x) => x.code === 'suppressed_complementary')) c.notes = [...c.notes, note('suppressed_complementary')];
  }
  fidelity.schools.forEach((r, i) => {
    if (!r.suppressed && r.school_id !== null && inSubgroups.has(r.school_id)) hideFidelityRow(r, s, fidelityAt(r, i), 'complementary');
  });
}
