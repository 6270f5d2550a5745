import type { Results } from '../results/results-schema.js';
import type { CostResults, FidelityResults, FidelityRow } from '../results/fidelity-results-schema.js';
import type { Suppressor, At } from './suppressor.js';

/** The count and number fields of a fidelity row, hidden together when the row's school is hidden. */
const ROW_FIELDS = [
  'students', 'students_visited', 'reach', 'families', 'families_visited', 'visiting_educators', 'visits_completed', 'visits_attempted', 'visits_cancelled',
  'visits_declined', 'median_lead_days', 'stipend_total', 'summer_visits', 'school_year_visits', 'median_days_to_first_visit', 'score',
] as const;

/**
 * Hide every number of a school's row: counts, shares, targeting, timing, score, and whether it reached the
 * threshold (the statement "9 of 11 schools" counts only shown schools). Primary when its visited or not-visited
 * students are 1 to k − 1; complementary when it protects another hidden school (its counts, visits and shares add
 * up with the others to the site's, and an exact share gives its counts back).
 */
export function hideFidelityRow(r: FidelityRow, s: Suppressor, at: At, rule: 'primary' | 'complementary' = 'primary'): void {
  const reason = rule === 'primary' ? 'small_group' : 'protects_count';
  const display = (f: string) => (rule === 'primary' && s.small(r[f as keyof FidelityRow] as number | null) && (f === 'students' || f === 'students_visited') ? s.fewer : 'suppressed');
  for (const f of ROW_FIELDS) s.hide(r, f, at, rule, reason, display(f));
  s.hide(r, 'at_threshold', at, rule, reason);
  r.shares.forEach((c, j) => {
    for (const f of ['numerator', 'denominator', 'share'] as const) s.hide(c, f, { ...at, cell: `${at.cell} / ${c.measure}`, path: `${at.path}/shares/${j}` }, rule, reason);
  });
  r.targeting?.covariates.forEach((c, j) => {
    for (const f of ['n_visited', 'n_not_visited', 'smd', 'worse_off', 'se'] as const) s.hide(c, f, { ...at, cell: `${at.cell} / ${c.covariate}`, path: `${at.path}/targeting/covariates/${j}` }, rule, reason);
  });
  if (r.targeting) r.targeting = { ...r.targeting, targeting: null, targeting_on: [], targeting_imprecise_on: [], self_selection: null, self_selection_on: [] };
  r.score_components = [];
  r.practices_not_met = [];
  r.suppressed = true;
}

/** Whether a row's students split into 1 to k − 1 visited or not visited (the count, or enrolled minus it). */
function smallRow(r: FidelityRow, s: Suppressor): boolean {
  const n = r.students;
  const v = r.students_visited;
  return s.small(n) || s.small(v) || (n !== null && v !== null && s.small(n - v));
}

/** Where a fidelity row lives in results.json. */
export function fidelityAt(r: FidelityRow, i: number): At {
  return { table: 'fidelity', cell: r.school_id ?? 'site', path: i < 0 ? '/fidelity/site' : `/fidelity/schools/${i}` };
}

/**
 * Gate the fidelity block. Students and families are counted under the rule; a school whose students split into 1
 * to k − 1 visited (or not visited) shows none of its numbers. Counts of visits, practice shares among visits and
 * visited students, and timing describe how the program was run, not a student's record: they are published for a
 * shown school (docs/privacy.md). The schools' counts add up to the site's, so one hidden school gets a partner
 * (the smallest other school), hidden whole; a small count of visited families alone gets a partner's families
 * count. A targeting contrast with 1 to k − 1 students tested in a group is hidden. (gateResults then aligns the
 * hidden schools with the subgroup table's school rows, which count the same students.)
 */
export function gateFidelity(f: FidelityResults | undefined, s: Suppressor): FidelityResults | undefined {
  if (!f) return f;
  const copy = (r: FidelityRow): FidelityRow => ({
    ...r,
    shares: r.shares.map((c) => ({ ...c })),
    targeting: r.targeting ? { ...r.targeting, covariates: r.targeting.covariates.map((c) => ({ ...c })) } : null,
  });
  const site = copy(f.site);
  const schools = f.schools.map(copy);
  [site, ...schools].forEach((r, k) => {
    if (smallRow(r, s)) return hideFidelityRow(r, s, fidelityAt(r, k - 1));
    r.targeting?.covariates.forEach((c, j) => {
      if (!s.small(c.n_visited) && !s.small(c.n_not_visited)) return;
      const where = { ...fidelityAt(r, k - 1), cell: `${r.school_id ?? 'site'} / ${c.covariate}`, path: `${fidelityAt(r, k - 1).path}/targeting/covariates/${j}` };
      for (const g of ['n_visited', 'n_not_visited'] as const) s.hide(c, g, where, 'primary', 'small_group', s.small(c[g]) ? s.fewer : 'suppressed');
      for (const g of ['smd', 'worse_off', 'se'] as const) s.hide(c, g, where, 'primary', 'small_group');
    });
  });
  if (!site.suppressed && s.small(site.families_visited)) s.hide(site, 'families_visited', fidelityAt(site, -1), 'primary', 'small_group', s.fewer);
  if (!site.suppressed) {
    const smallest = (idx: number[], field: 'students_visited' | 'families_visited') => idx.reduce((a, b) => ((f.schools[a]![field] ?? 0) <= (f.schools[b]![field] ?? 0) ? a : b));
    const shown = () => schools.map((_, i) => i).filter((i) => !schools[i]!.suppressed && (f.schools[i]!.students ?? 0) > 0);
    // the partner must have visited students of its own, or the hidden school's count would still come back
    const partners = shown().filter((i) => (f.schools[i]!.students_visited ?? 0) > 0);
    if (schools.filter((r) => r.suppressed).length === 1 && partners.length) {
      const i = smallest(partners, 'students_visited');
      hideFidelityRow(schools[i]!, s, fidelityAt(schools[i]!, i), 'complementary');
    }
    // a shown school's visited families of 1 to k − 1, with the site's count shown, and its partner
    const rest = shown();
    for (const i of rest) if (s.small(schools[i]!.families_visited)) s.hide(schools[i]!, 'families_visited', fidelityAt(schools[i]!, i), 'primary', 'small_group', s.fewer);
    const alone = rest.filter((i) => schools[i]!.families_visited === null && (f.schools[i]!.families_visited ?? 0) > 0);
    const withFamilies = rest.filter((i) => schools[i]!.families_visited !== null && (f.schools[i]!.families_visited ?? 0) > 0);
    if (alone.length === 1 && withFamilies.length && !schools.some((r) => r.suppressed)) {
      const i = smallest(withFamilies, 'families_visited');
      s.hide(schools[i]!, 'families_visited', fidelityAt(schools[i]!, i), 'complementary', 'protects_count');
    }
  }
  // the site's visits by month add up to its completed visits: hidden with a hidden site
  const months = f.months.map((m) => ({ ...m }));
  if (site.suppressed) months.forEach((m, i) => s.hide(m, 'visits', { table: 'fidelity', cell: `visits / ${m.month}`, path: `/fidelity/months/${i}` }, 'complementary', 'protects_count'));
  return { ...f, site, schools, months };
}

/**
 * Gate the cost block. Money is not a student count, but a cost per visited student (or family) with the total
 * gives the count back: it goes when the site's count is hidden. A cost-effectiveness row follows the estimate it
 * divides by: hidden when that estimate (same outcome and method) is hidden after the gate.
 */
export function gateCost(c: CostResults | undefined, fidelity: FidelityResults | undefined, outcomes: Results['outcomes'], s: Suppressor): CostResults | undefined {
  if (!c) return c;
  const out: CostResults = { ...c, quantities: { ...c.quantities }, effectiveness: c.effectiveness.map((e) => ({ ...e })) };
  const at = (cell: string): At => ({ table: 'cost', cell, path: '/cost' });
  if (fidelity?.site.suppressed) {
    // a hidden site (1 to k − 1 visited students): its visits, hours and every cost priced on them give its size
    // away, so no number of the cost block is shown
    out.ingredients = out.ingredients.map((r, i) => {
      const row = { ...r };
      for (const f of ['quantity', 'cost'] as const) s.hide(row, f, { table: 'cost', cell: `${r.name} / ${f}`, path: `/cost/ingredients/${i}` }, 'complementary', 'protects_count');
      return row;
    });
    out.by_payer = out.by_payer.map((r, i) => {
      const row = { ...r };
      s.hide(row, 'cost', { table: 'cost', cell: `${r.payer} / cost`, path: `/cost/by_payer/${i}` }, 'complementary', 'protects_count');
      return row;
    });
    for (const f of ['total', 'known_total', 'per_completed_visit'] as const) s.hide(out, f, at(f), 'complementary', 'protects_count');
    for (const f of ['completed_visits', 'visit_hours', 'educator_visit_hours', 'visiting_educators', 'program_schools'] as const) {
      s.hide(out.quantities, f, { ...at(f), path: '/cost/quantities' }, 'complementary', 'protects_count');
    }
  }
  if (fidelity?.site.students_visited === null) {
    s.hide(out, 'per_visited_student', at('per visited student'), 'complementary', 'protects_count');
    s.hide(out.quantities, 'visited_students', { ...at('visited students'), path: '/cost/quantities' }, 'complementary', 'protects_count');
  }
  if (fidelity?.site.families_visited === null) {
    s.hide(out, 'per_visited_family', at('per visited family'), 'complementary', 'protects_count');
    s.hide(out.quantities, 'visited_families', { ...at('visited families'), path: '/cost/quantities' }, 'complementary', 'protects_count');
  }
  out.effectiveness.forEach((e, i) => {
    const est = outcomes.find((o) => o.outcome === e.outcome)?.estimates.find((x) => x.method === e.method);
    if (out.per_visited_student !== null && est && !est.suppressed && est.estimate !== null && est.ci_low !== null) return;
    const where = { table: 'cost', cell: `cost-effectiveness / ${e.outcome}`, path: `/cost/effectiveness/${i}` };
    for (const f of ['gain', 'ratio', 'fieller_low', 'fieller_high', 'bootstrap_low', 'bootstrap_high'] as const) s.hide(e, f, where, 'complementary', 'protects_count');
    e.suppressed = true;
  });
  return out;
}
