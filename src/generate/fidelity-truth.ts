import { summarize } from '../stats/summary.js';
import { hedgesG } from '../stats/hedges-g.js';
import { studentId, type SchoolModel } from './district-model.js';
import { BROKEN_PRACTICE, PRACTICES, type Breaks, type Practice } from './practice-breaks.js';
import type { VisitRow } from './write-visits.js';

/** Days after the visit within which a reflection counts (the pipeline's default `fidelity.reflection_days`). */
export const REFLECTION_DAYS = 14;

/** A share with its numerator and denominator (share null when the denominator is 0). */
export interface Share {
  numerator: number;
  denominator: number;
  share: number | null;
}

/** Prior-year attendance rate of a school's visited and non-visited students, and their standardized difference. */
export interface PriorAttendanceBalance {
  n_visited: number;
  n_not_visited: number;
  mean_visited: number | null;
  mean_not_visited: number | null;
  /** Hedges' g (visited − non-visited over the WWC pooled SD, with the small-sample correction); negative = visited were worse off */
  smd: number | null;
}

/** Reach and practice shares of one school (or the site) in the outcome year. */
export interface FidelityShares {
  enrolled: number;
  visited: number;
  reach: Share;
  families_enrolled: number;
  families_visited: number;
  completed_visits: number;
  prearranged: Share;
  with_scheduled_date: Share;
  pairs: Share;
  paid: Share;
  stipend_total: number;
  relationship_first: Share;
  later_academic: Share;
  reflection: Share;
}

/** What truth.json's `fidelity` block holds. */
export interface FidelityTruth {
  description: string;
  reflection_days: number;
  breaks: Breaks;
  breaking_schools: Record<Practice, string[]>;
  site: FidelityShares;
  schools: Record<string, FidelityShares & { program: boolean; prior_attendance: PriorAttendanceBalance }>;
}

/** The students the truth needs: primary school index, family index and prior-year attendance rate (NaN = none) by slot. */
export interface FidelityStudents {
  n: number;
  primarySchool: (i: number) => number;
  family: Int32Array;
  priorAttendance: Float64Array;
}

const share = (numerator: number, denominator: number): Share => ({ numerator, denominator, share: denominator ? numerator / denominator : null });
const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;

/** Reach and the practice shares over one set of completed visits and one set of enrolled students. */
function sharesOf(visits: VisitRow[], enrolled: number[], visitedSet: Set<string>, st: FidelityStudents): FidelityShares {
  const visited = enrolled.filter((i) => visitedSet.has(studentId(i)));
  const scheduled = visits.filter((v) => v.scheduled_date !== '');
  const staffOf = (v: VisitRow) => (v.educator_ids !== '' ? new Set(v.educator_ids.split(';').filter(Boolean)).size : v.educator_count !== '' ? Number(v.educator_count) : null);
  const withStaff = visits.filter((v) => staffOf(v) !== null);
  const withPaid = visits.filter((v) => v.compensated !== '');
  const byStudent = new Map<string, VisitRow[]>();
  for (const v of visits) byStudent.set(v.student_id, [...(byStudent.get(v.student_id) ?? []), v]);
  const firsts = new Map<string, VisitRow>();
  for (const [id, list] of byStudent) firsts.set(id, list.reduce((f, v) => (v.visit_date < f.visit_date ? v : f)));
  const laterAcademic = [...firsts.values()].filter((f) => byStudent.get(f.student_id)!.some((v) => v.visit_date > f.visit_date && v.visit_type === 'academic'));
  const reflected = visits.filter((v) => v.reflection_date !== '' && days(v.visit_date, v.reflection_date) >= 0 && days(v.visit_date, v.reflection_date) <= REFLECTION_DAYS);
  return {
    enrolled: enrolled.length,
    visited: visited.length,
    reach: share(visited.length, enrolled.length),
    families_enrolled: new Set(enrolled.map((i) => st.family[i])).size,
    families_visited: new Set(visited.map((i) => st.family[i])).size,
    completed_visits: visits.length,
    prearranged: share(scheduled.filter((v) => v.scheduled_date < v.visit_date).length, scheduled.length),
    with_scheduled_date: share(scheduled.length, visits.length),
    pairs: share(withStaff.filter((v) => staffOf(v)! >= 2).length, withStaff.length),
    paid: share(withPaid.filter((v) => v.compensated === 'Y').length, withPaid.length),
    stipend_total: Math.round(visits.reduce((a, v) => a + (v.stipend_amount === '' ? 0 : Number(v.stipend_amount)), 0) * 100) / 100,
    relationship_first: share([...firsts.values()].filter((f) => f.visit_type === 'relationship').length, firsts.size),
    later_academic: share(laterAcademic.length, firsts.size),
    reflection: share(reflected.length, visits.length),
  };
}

/** Prior-year attendance of a school's visited vs non-visited students (those with a prior-year rate). */
function priorBalance(enrolled: number[], visitedSet: Set<string>, st: FidelityStudents): PriorAttendanceBalance {
  const withPrior = enrolled.filter((i) => !Number.isNaN(st.priorAttendance[i]!));
  const v = summarize(withPrior.filter((i) => visitedSet.has(studentId(i))).map((i) => st.priorAttendance[i]!));
  const c = summarize(withPrior.filter((i) => !visitedSet.has(studentId(i))).map((i) => st.priorAttendance[i]!));
  const g = v.n >= 2 && c.n >= 2 ? hedgesG(v, c) : NaN;
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  return { n_visited: v.n, n_not_visited: c.n, mean_visited: num(v.mean), mean_not_visited: num(c.mean), smd: num(g) };
}

/**
 * The true reach and practice shares per school and for the site, computed from the clean visit rows the
 * generator wrote (before dirty rows), over completed visits in school year Y (July 1 of Y−1 to June 30 of Y).
 */
export function computeFidelityTruth(visits: readonly VisitRow[], schools: readonly SchoolModel[], Y: number, breaks: Breaks, st: FidelityStudents): FidelityTruth {
  const completed = visits.filter((v) => v.status === 'completed' && v.visit_date >= `${Y - 1}-07-01` && v.visit_date <= `${Y}-06-30`);
  const visitedSet = new Set(completed.map((v) => v.student_id));
  const enrolledBy = schools.map(() => [] as number[]);
  for (let i = 0; i < st.n; i++) enrolledBy[st.primarySchool(i)]!.push(i);
  const out: FidelityTruth['schools'] = {};
  schools.forEach((s, k) => {
    const own = completed.filter((v) => v.school_id === s.id);
    out[s.id] = { program: s.visitBase !== null, ...sharesOf(own, enrolledBy[k]!, visitedSet, st), prior_attendance: priorBalance(enrolledBy[k]!, visitedSet, st) };
  });
  const breaking = Object.fromEntries(PRACTICES.map((p) => [p, [] as string[]])) as Record<Practice, string[]>;
  for (const [id, list] of Object.entries(breaks).sort(([a], [b]) => (a < b ? -1 : 1))) for (const b of list) breaking[BROKEN_PRACTICE[b]].push(id);
  return {
    description:
      'True reach and practice shares of year Y, from the clean visit rows as written (before dirty rows), over completed visits with a visit_date in Y (July 1 of Y−1 to June 30 of Y). ' +
      'Reach, families and prior_attendance are by primary school (most attendance days in Y, ties to the lowest school id) over all students enrolled in Y; visited = at least one completed visit in Y. ' +
      'Practice shares are by the school that made the visit: prearranged = scheduled_date before visit_date among visits with one; pairs = two or more educators (distinct educator_ids, else educator_count) among visits recording either; ' +
      'paid = compensated among visits recording it; relationship_first and later_academic = among visited students, by their first completed visit; reflection = reflection_date 0 to reflection_days days after visit_date among all completed visits. ' +
      'prior_attendance.smd is Hedges\' g (WWC pooled SD, small-sample correction) of the prior-year attendance rate, visited − non-visited: negative means the visited were worse off (targeting).',
    reflection_days: REFLECTION_DAYS,
    breaks,
    breaking_schools: breaking,
    site: sharesOf(completed, Array.from({ length: st.n }, (_, i) => i), visitedSet, st),
    schools: out,
  };
}
