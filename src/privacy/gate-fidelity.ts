import type { Results } from '../results/results-schema.js';
import type { CostResults, FidelityResults, FidelityRow } from '../results/fidelity-results-schema.js';
import type { Suppressor, At } from './suppressor.js';

/** The count and number fields of a fidelity row, hidden together when the row's school is hidden. */
const ROW_FIELDS = [
  'students', 'students_visited', 'reach', 'families', 'families_visited', 'visiting_educators', 'visits_completed', 'visits_attempted', 'visits_cancelled',
  'visits_declined', 'median_lead_days', 'stipend_total', 'summer_visits', 'school_year_visits', 'median_days_to_first_visit', 'score',
] as const;

/** The counts of students (and families) of a row, which add up over the schools to the site's. */
const STUDENT_COUNTS = ['students', 'students_visited', 'families_visited'] as const;

/** Hide every number of a school's row (its visited or not-visited students are 1 to k − 1): shares, targeting, timing, score. */
function hideRow(r: FidelityRow, s: Suppressor, at: At): void {
  const [rule, reason] = ['primary', 'small_group'] as const;
  for (const f of ROW_FIELDS) s.hide(r, f, at, rule, reason, s.small(r[f] as number | null) && (f === 'students' || f === 'students_visited') ? s.fewer : 'suppressed');
  r.shares.forEach((c, j) => {
    for (const f of ['numerator', 'denominator', 'share'] as const) s.hide(c, f, { ...at, cell: `${at.cell} / ${c.measure}`, path: `${at.path}/shares/${j}` }, rule, reason);
  });
  r.targeting?.covariates.forEach((c, j) => {
    for (const f of ['n_visited', 'n_not_visited', 'smd', 'worse_off', 'se'] as const) s.hide(c, f, { ...at, cell: `${at.cell} / ${c.covariate}`, path: `${at.path}/targeting/covariates/${j}` }, rule, reason);
  });
  // whether reach ≥ the threshold tells only a range of a school of k or more students; of a smaller one, it goes
  if (s.small(r.students)) s.hide(r, 'at_threshold', at, rule, reason);
  if (r.targeting) r.targeting = { ...r.targeting, targeting: null, targeting_on: [], targeting_imprecise_on: [], self_selection: null, self_selection_on: [] };
  r.score_components = [];
  r.practices_not_met = [];
  r.suppressed = true;
}

/** The shares whose denominator is the school's visited students: with it they would give the visited count back. */
const PER_VISITED_STUDENT = new Set(['relationship_first', 'later_academic']);

/**
 * Hide what gives a school's visited students (or families) away, to protect another school's hidden count: the
 * count, its reach, the shares over visited students and the score (whose exact value, with the other shares,
 * gives those shares back). Its visits, visit practices, targeting contrasts and timing stay.
 */
function hidePartner(r: FidelityRow, s: Suppressor, at: At, field: (typeof STUDENT_COUNTS)[number]): void {
  if (field === 'families_visited') return s.hide(r, field, at, 'complementary', 'protects_count');
  if (field === 'students') {
    for (const f of ['students', 'reach'] as const) s.hide(r, f, at, 'complementary', 'protects_count');
    return;
  }
  for (const f of ['students_visited', 'reach', 'families_visited', 'score'] as const) s.hide(r, f, at, 'complementary', 'protects_count');
  r.shares.forEach((c, j) => {
    if (!PER_VISITED_STUDENT.has(c.measure)) return;
    for (const f of ['numerator', 'denominator', 'share'] as const) s.hide(c, f, { ...at, cell: `${at.cell} / ${c.measure}`, path: `${at.path}/shares/${j}` }, 'complementary', 'protects_count');
  });
  // a practice "not met" whose share is hidden would still say the share is below the threshold
  r.practices_not_met = r.practices_not_met.filter((p) => !PER_VISITED_STUDENT.has(p));
  r.score_components = [];
}

/** Whether a row's students split into 1 to k − 1 visited or not visited (the count, or enrolled minus it). */
function smallRow(r: FidelityRow, s: Suppressor): boolean {
  const n = r.students;
  const v = r.students_visited;
  return s.small(n) || s.small(v) || (n !== null && v !== null && s.small(n - v));
}

/**
 * Gate the fidelity block. Students and families are counted under the rule; a school whose students split into 1
 * to k − 1 visited (or not visited) shows none of its numbers (its visits and practice shares would give the small
 * group's size away). Counts of visits, practice shares among visits and visited students, and timing describe
 * how the program was run, not a student's record: they are published for a shown school (docs/privacy.md). The
 * schools' students, visited students and families add up to the site's: one hidden school gets a partner (a
 * school without a program, else the smallest), which hides only what gives those counts away. A targeting contrast with 1 to k − 1 students tested in a group is hidden.
 */
export function gateFidelity(f: FidelityResults | undefined, s: Suppressor): FidelityResults | undefined {
  if (!f) return f;
  const at = (r: FidelityRow, i: number): At => ({ table: 'fidelity', cell: r.school_id ?? 'site', path: i < 0 ? '/fidelity/site' : `/fidelity/schools/${i}` });
  const copy = (r: FidelityRow): FidelityRow => ({
    ...r,
    shares: r.shares.map((c) => ({ ...c })),
    targeting: r.targeting ? { ...r.targeting, covariates: r.targeting.covariates.map((c) => ({ ...c })) } : null,
  });
  const site = copy(f.site);
  const schools = f.schools.map(copy);
  [site, ...schools].forEach((r, k) => {
    if (smallRow(r, s)) return hideRow(r, s, at(r, k - 1));
    for (const f of ['families_visited'] as const) if (s.small(r[f])) s.hide(r, f, at(r, k - 1), 'primary', 'small_group', s.fewer);
    r.targeting?.covariates.forEach((c, j) => {
      if (!s.small(c.n_visited) && !s.small(c.n_not_visited)) return;
      const where = { ...at(r, k - 1), cell: `${r.school_id ?? 'site'} / ${c.covariate}`, path: `${at(r, k - 1).path}/targeting/covariates/${j}` };
      for (const g of ['n_visited', 'n_not_visited'] as const) s.hide(c, g, where, 'primary', 'small_group', s.small(c[g]) ? s.fewer : 'suppressed');
      for (const g of ['smd', 'worse_off', 'se'] as const) s.hide(c, g, where, 'primary', 'small_group');
    });
  });
  // the site's count minus the shown schools' would give one hidden school's back
  for (const field of STUDENT_COUNTS) {
    if (site[field] === null) continue;
    // both counts of a hidden school are protected: its enrolment minus its visited students may be the small group
    const hidden = schools.filter((r, i) => r[field] === null && (f.schools[i]![field] ?? 0) > 0);
    const shown = schools.map((_, i) => i).filter((i) => schools[i]![field] !== null && (f.schools[i]![field] ?? 0) > 0);
    if (hidden.length !== 1 || !shown.length) continue;
    // the partner: a school without a program if there is one (it has little else to show), else the smallest
    const size = (i: number) => (f.schools[i]!.program_school ? 1e12 : 0) + (f.schools[i]![field] ?? 0);
    const i = shown.reduce((a, b) => (size(a) <= size(b) ? a : b));
    hidePartner(schools[i]!, s, at(schools[i]!, i), field);
  }
  return { ...f, site, schools, months: f.months.map((m) => ({ ...m })) };
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
