/**
 * measureFidelity on the hand district of hand-district.ts; every number worked out by hand from the table there.
 *
 * Reach (primary school, ≥ 10 days): A = A1..A6 (L1 has 5 days, M1 belongs to B), visited A1, A2 (A3 only attempted,
 * A4 and A5 visited outside 2017, A6 cancelled/declined) → 2/6. B = B1..B4 + M1, visited B1, B2, M1 → 3/5. C → 0/2.
 * Site 5/13. Families: A {F1, F2, F3, A4 alone} = 4, visited {F1} = 1; B {F1, F4, F5, F6, F7} = 5, visited 3;
 * C 2 (two students without a family), 0; site F1..F7 + A4, C1, C2 = 10, visited {F1, F4, F7} = 3.
 *
 * Visit-level (the visiting school, completed visits of 2017): A = VA1, VA2, VA3, VA4, VA6, VA7 (6).
 *   prearranged: 5 with a scheduled date, 4 before the visit (VA2 same day) → 4/5; scheduled 5/6; leads 10, 0, 19, 7, 5 → median 7.
 *   pairs: educators 2, 1, 2 (count), 1 (" E3 ; E3 ;" is one id, which wins over count 2), 2, 2 → 4/6.
 *   paid: 5 record it, 4 true → 4/5; stipend 70 + 35 + 35 + 70 + 70 = 280.
 *   reflection (0..14 days): 5 ✓, 31 ✗, none ✗, 0 ✓, 19 ✗, −1 ✗ → 2/6.
 *   hours: (60 + 30 + 45 + 60 + 30)/60 = 3.75; educator hours (120 + 30 + 45 + 120 + 60)/60 = 6.25.
 *   educators E1, E2, E3, E4, E5 = 5 (the attempted VA5 does not count). Summer: VA1 (08-20 < 09-05) → 1 of 6.
 *   B = VB1, VB2: prearranged 2/2, leads 11, 13 → 12; pairs 1/2; paid 2/2, 105; reflection 14 ✓ (the bound counts), none ✗ → 1/2;
 *   hours 1.5, educator hours 2.5; educators E6, E7.
 *   Site: 8 completed, prearranged 6/7, scheduled 7/8, leads → median 10, pairs 5/8, paid 6/7, 385, reflection 3/8,
 *   hours 5.25, educator hours 8.75, educators 7.
 *
 * Relationship first (visited students by primary school, first completed visit of 2017 by date): A1 VA1 relationship,
 *   then VA2 academic; A2 VA3 academic first → A 1/2, later academic 1/2. B: B1, B2, M1 (VA6) relationship → 3/3, 0/3.
 * Timing from the first school day 2016-09-05: A1 −16, A2 +10 → A median −3; B1 +7, B2 +28, M1 +57 → 28; site 10.
 *
 * Roster of 2017 (E3 is of 2016): A {E1, E2, E8, E9}, visited E1, E2 → 2/4, trained 1 of 2 (E2 not);
 *   B {E6, E10} → 1/2, trained 1/1; site 3/6, trained 2/3.
 *
 * Targeting on prior attendance rate (prior chronic: a group proportion of 0 or 1 leaves the Cox index undefined):
 *   A visited 0.5, 0.7 (var 0.02), others 1, 0.9, 1, 1 (mean 0.975, var 0.0025); pooled SD √((0.02 + 3·0.0025)/4) = 0.0829156,
 *     ω = 1 − 3/(4·6 − 9) = 0.8, g = 0.8 · (0.6 − 0.975)/0.0829156 = −3.618136 → worse off: targeting.
 *   B visited 1, 0.9 (mean 0.95, var 0.005; M1 has no prior year), others 0.5, 0.7 (0.6, 0.02); SD √0.0125 = 0.1118034,
 *     ω = 1 − 3/7, g = (4/7) · 0.35/0.1118034 = 1.788854 → better off: self-selection, no breach.
 *   Site (students of program schools A and B): visited 0.5, 0.7, 1, 0.9 (0.775, var 0.0491667), others 1, 0.9, 1, 1, 0.5, 0.7
 *     (0.85, var 0.043); SD √((0.1475 + 0.215)/8) = 0.2128673, ω = 1 − 3/31, g = −0.3182355 → targeting. Chronic: visited
 *     3/4, others 3/6: Cox (1 − 3/31) · ln(3)/1.65 = 0.6013909 → more chronic absence: targeting too.
 * Score: A (0.8 + 4/6 + 0.8 + 0.5 + 2/6 + 0)/6 = 0.5166667; B (1 + 0.5 + 1 + 1 + 0.5 + 1)/6 = 0.8333333; C none → null.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { measureFidelity, type FidelityMeasures, type FidelityOptions, type FidelityUnit } from '../../src/fidelity/index.js';
import { openDb, queryRows, type Db } from '../../src/util/duckdb.js';
import { ANALYTIC, loadHandDistrict } from './hand-district.js';
import { analyticSql } from '../../src/analytic/student-year-sql.js';

const OPTIONS: FidelityOptions = { outcomeYear: 2017, yearStart: '07-01', reflectionDays: 14, reachThreshold: 0.1, targetingSmd: 0.25, hasEducators: true };
const share = (numerator: number, denominator: number) => ({ numerator, denominator, share: numerator / denominator });

let db: Db;
let m: FidelityMeasures;
let school: Record<string, FidelityUnit>;
beforeAll(async () => {
  db = await openDb(':memory:', 1);
  await loadHandDistrict(db);
  m = await measureFidelity(db.conn, OPTIONS);
  school = Object.fromEntries(m.schools.map((s) => [s.school_id!, s]));
});
afterAll(() => db.close());

describe('reach', () => {
  it('counts students and visited students by primary school, ignoring attempted visits and visits outside the year', () => {
    expect(m.schools.map((s) => s.school_id)).toEqual(['A', 'B', 'C']);
    const pick = (u: FidelityUnit) => [u.reach.students, u.reach.students_visited, u.reach.at_threshold, u.program_school];
    // the population is the analytic sample: C, without a program, has no students in it (comparison: program schools)
    expect([school.A!, school.B!, school.C!, m.site].map(pick)).toEqual([[6, 2, true, true], [5, 3, true, true], [0, 0, null, false], [11, 5, true, true]]);
    expect(school.A!.reach.share).toBeCloseTo(2 / 6, 12);
    expect(m.site.reach.share).toBeCloseTo(5 / 11, 12);
  });

  it('gives the same share as the school visit rate of student_year (one reach number per school)', async () => {
    const rates = await queryRows<{ school_id: string; rate: number }>(db.conn, 'SELECT school_id, any_value(school_visit_rate) AS rate FROM student_year WHERE analytic = 1 GROUP BY 1 ORDER BY 1');
    expect(rates.map((r) => r.rate)).toEqual(m.schools.filter((s) => s.program_school).map((s) => s.reach.share));
  });

  it('counts families (a student without a family_id is a family alone) and visited families', () => {
    const pick = (u: FidelityUnit) => [u.reach.families, u.reach.families_visited];
    // site: A's 4 and B's 5 families, one of them with children in both schools
    expect([school.A!, school.B!, school.C!, m.site].map(pick)).toEqual([[4, 1], [5, 3], [0, 0], [8, 3]]);
  });

  it('counts visits by status in the year', () => {
    expect(school.A!.reach.visits).toEqual({ completed: 6, attempted: 1, cancelled: 1, declined: 1 });
    expect(m.site.reach.visits).toEqual({ completed: 8, attempted: 1, cancelled: 1, declined: 1 });
    expect(school.C!.reach.visits).toEqual({ completed: 0, attempted: 0, cancelled: 0, declined: 0 });
  });

  it('counts visiting educators and the share of the roster who visited', () => {
    expect([school.A!.reach.visiting_educators, school.B!.reach.visiting_educators, m.site.reach.visiting_educators]).toEqual([5, 2, 7]);
    expect([school.A!.reach.roster_visited, school.B!.reach.roster_visited, m.site.reach.roster_visited]).toEqual([share(2, 4), share(1, 2), share(3, 6)]);
    expect([school.A!.reach.trained_visitors, school.B!.reach.trained_visitors, m.site.reach.trained_visitors]).toEqual([share(1, 2), share(1, 1), share(2, 3)]);
    expect(school.C!.reach.roster_visited).toBeNull(); // C has no roster
  });
});

describe('the five practices', () => {
  it('prearranged, with the share scheduled and the median lead time', () => {
    const pick = (u: FidelityUnit) => [u.practices.prearranged, u.practices.scheduled, u.practices.median_lead_days];
    expect(pick(school.A!)).toEqual([share(4, 5), share(5, 6), 7]);
    expect(pick(school.B!)).toEqual([share(2, 2), share(2, 2), 12]);
    expect(pick(m.site)).toEqual([share(6, 7), share(7, 8), 10]);
  });

  it('pairs from distinct educator ids, else educator_count', () => {
    expect([school.A!.practices.pairs, school.B!.practices.pairs, m.site.practices.pairs]).toEqual([share(4, 6), share(1, 2), share(5, 8)]);
  });

  it('paid among visits that record it, and the stipend total', () => {
    const pick = (u: FidelityUnit) => [u.practices.paid, u.practices.stipend_total];
    expect([pick(school.A!), pick(school.B!), pick(m.site)]).toEqual([[share(4, 5), 280], [share(2, 2), 105], [share(6, 7), 385]]);
  });

  it('relationship first and a later academic visit, among visited students by primary school', () => {
    const pick = (u: FidelityUnit) => [u.practices.relationship_first, u.practices.later_academic];
    expect([pick(school.A!), pick(school.B!), pick(m.site)]).toEqual([[share(1, 2), share(1, 2)], [share(3, 3), share(0, 3)], [share(4, 5), share(1, 5)]]);
  });

  it('reflection from 0 to reflection_days days after the visit, a missing date counting as none', () => {
    expect([school.A!.practices.reflection, school.B!.practices.reflection, m.site.practices.reflection]).toEqual([share(2, 6), share(1, 2), share(3, 8)]);
  });

  it('a school without completed visits has no practice to measure', () => {
    const p = school.C!.practices;
    expect([p.prearranged, p.pairs, p.paid, p.relationship_first, p.reflection, p.not_targeted]).toEqual([null, null, null, null, null, null]);
    expect(school.C!.fidelity).toEqual({ score: null, components: [] });
  });
});

describe('not targeted', () => {
  it('flags A as targeting on prior attendance (visited students worse off); chronic absence is undefined there', () => {
    const nt = school.A!.practices.not_targeted!;
    expect(nt.covariates.map((c) => c.covariate)).toEqual(['prior_attendance_rate', 'prior_chronic_absence']); // no discipline, no assessments
    const att = nt.covariates[0]!;
    expect([att.n_visited, att.n_not_visited, att.effect_size_type]).toEqual([2, 4, 'hedges_g']);
    expect(att.mean_visited).toBeCloseTo(0.6, 12);
    expect(att.smd).toBeCloseTo(-3.618136, 5);
    expect(att.worse_off).toBeCloseTo(3.618136, 5);
    expect(nt.covariates[1]).toMatchObject({ effect_size_type: 'cox_index', mean_visited: 1, smd: null });
    expect([nt.targeting, nt.targeting_on, nt.self_selection]).toEqual([true, ['prior_attendance_rate'], false]);
  });

  it('reports B as self-selection (visited students better off), not as a breach', () => {
    const nt = school.B!.practices.not_targeted!;
    expect([nt.covariates[0]!.n_visited, nt.covariates[0]!.n_not_visited]).toEqual([2, 2]);
    expect(nt.covariates[0]!.smd).toBeCloseTo(1.788854, 5);
    expect([nt.targeting, nt.self_selection, nt.self_selection_on]).toEqual([false, true, ['prior_attendance_rate']]);
  });

  it('compares the site over the students of program schools', () => {
    const nt = m.site.practices.not_targeted!;
    expect([nt.covariates[0]!.n_visited, nt.covariates[0]!.n_not_visited]).toEqual([4, 6]);
    expect(nt.covariates[0]!.smd).toBeCloseTo(-0.3182355, 6);
    expect(nt.covariates[1]!.smd).toBeCloseTo(0.6013909, 6);
    // both beyond 0.25 in the targeting direction, but 4 vs 6 students cannot tell them from no difference
    // (g −0.318 with SE √(10/24 + 0.101/20) = 0.649): listed as imprecise, not flagged
    expect([nt.targeting, nt.targeting_on, nt.targeting_imprecise_on]).toEqual([false, [], ['prior_attendance_rate', 'prior_chronic_absence']]);
  });
});

describe('timing, score and cost quantities', () => {
  it('counts completed visits by month and summer vs school year', () => {
    expect(school.A!.timing.by_month).toEqual([{ month: '2016-08', visits: 1 }, { month: '2016-09', visits: 3 }, { month: '2016-10', visits: 1 }, { month: '2016-11', visits: 1 }]);
    expect(m.site.timing.by_month).toEqual([{ month: '2016-08', visits: 1 }, { month: '2016-09', visits: 4 }, { month: '2016-10', visits: 2 }, { month: '2016-11', visits: 1 }]);
    expect([school.A!.timing.summer_visits, school.A!.timing.school_year_visits, m.site.timing.summer_visits, m.site.timing.school_year_visits]).toEqual([1, 5, 1, 7]);
    expect([school.A!.timing.first_school_day, school.A!.timing.first_school_day_source]).toEqual(['2016-09-05', 'attendance']);
  });

  it('takes the median days from the first school day to a student’s first visit (negative for summer)', () => {
    const pick = (u: FidelityUnit) => [u.timing.median_days_to_first_visit, u.timing.students_first_visit_summer];
    expect([pick(school.A!), pick(school.B!), pick(m.site)]).toEqual([[-3, 1], [28, 0], [10, 1]]);
  });

  it('scores fidelity as the plain mean of the recorded components', () => {
    expect(school.A!.fidelity.score).toBeCloseTo(3.1 / 6, 12);
    expect(school.A!.fidelity.components.map((c) => c.practice)).toEqual(['prearranged', 'pairs', 'paid', 'relationship_first', 'reflection', 'not_targeted']);
    expect(school.A!.fidelity.components.at(-1)!.value).toBe(0);
    expect(school.B!.fidelity.score).toBeCloseTo(5 / 6, 12);
  });

  it('gives the cost stage its quantities', () => {
    expect(school.A!.cost).toEqual({ completed_visits: 6, visit_hours: 3.75, educator_visit_hours: 6.25, visiting_educators: 5, visited_students: 2, visited_families: 1, program_schools: 1 });
    expect(m.site.cost).toEqual({ completed_visits: 8, visit_hours: 5.25, educator_visit_hours: 8.75, visiting_educators: 7, visited_students: 5, visited_families: 3, program_schools: 2 });
    expect(school.C!.cost).toMatchObject({ completed_visits: 0, visit_hours: 0, program_schools: 0 });
  });

  it('drops its temp tables', async () => {
    const left = await queryRows(db.conn, `SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'fid_%'`);
    expect(left).toEqual([]);
  });
});

describe('fields that are not recorded', () => {
  let bare: FidelityMeasures;
  beforeAll(async () => {
    const d = await openDb(':memory:', 1);
    try {
      await loadHandDistrict(d);
      await d.conn.run(`UPDATE visits SET compensated = NULL, stipend_amount = NULL, reflection_date = NULL, educator_ids = NULL, educator_count = NULL, duration_min = NULL`);
      await d.conn.run(`UPDATE students SET family_id = NULL`);
      bare = await measureFidelity(d.conn, { ...OPTIONS, hasEducators: false });
    } finally {
      d.close();
    }
  });

  it('are null ("not recorded"), never 0 or 1, and leave the score to the recorded components', () => {
    const a = bare.schools[0]!;
    expect(bare.recorded).toMatchObject({ compensated: false, reflection_date: false, educators: false, educator_ids: false, family_id: false, educators_extract: false, scheduled_date: true });
    expect([a.practices.paid, a.practices.stipend_total, a.practices.reflection, a.practices.pairs]).toEqual([null, null, null, null]);
    expect([a.reach.families, a.reach.visiting_educators, a.reach.roster_visited, a.reach.trained_visitors]).toEqual([null, null, null, null]);
    expect([a.cost.visit_hours, a.cost.educator_visit_hours, a.cost.visited_families]).toEqual([null, null, null]);
    expect(a.fidelity.components.map((c) => c.practice)).toEqual(['prearranged', 'relationship_first', 'not_targeted']);
    expect(a.fidelity.score).toBeCloseTo((0.8 + 0.5 + 0) / 3, 12);
    expect(a.practices.prearranged).toEqual(share(4, 5)); // what is recorded is unchanged
  });
});

describe('a school whose visited students were all visited by other schools', () => {
  it('is not a program school: no not-targeted flags and no score, and (comparison: program schools) no students in the sample', async () => {
    const d = await openDb(':memory:', 1);
    try {
      await loadHandDistrict(d);
      await d.conn.run(`UPDATE visits SET school_id = 'A' WHERE visit_id IN ('VB1', 'VB2')`);
      for (const s of analyticSql(ANALYTIC)) await d.conn.run(s); // B is no longer a program school
      const b = (await measureFidelity(d.conn, OPTIONS)).schools.find((s) => s.school_id === 'B')!;
      expect([b.program_school, b.reach.students, b.reach.students_visited, b.reach.visits.completed]).toEqual([false, 0, 0, 0]);
      expect(b.practices.relationship_first).toBeNull();
      expect([b.practices.not_targeted, b.fidelity]).toEqual([null, { score: null, components: [] }]);
    } finally {
      d.close();
    }
  });
});
