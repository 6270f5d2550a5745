/** One school's (or the site's) fidelity measures from the aggregate rows of the fidelity SQL; pure, no I/O. */
import type { FidelityUnit, RecordedFields, Share } from './fidelity-schema.js';
import type { CovariateContrast } from './fidelity-schema.js';
import { notTargeted } from './not-targeted.js';
import { fidelityScore } from './fidelity-score.js';

/** A row of visitAggregatesSql. */
export interface VisitRow {
  completed: number;
  attempted: number;
  cancelled: number;
  declined: number;
  scheduled: number;
  prearranged: number;
  median_lead_days: number | null;
  pairs_of: number;
  pairs: number;
  paid_of: number;
  paid: number;
  stipend_total: number | null;
  reflection: number;
  visit_hours: number | null;
  educator_visit_hours: number | null;
  summer_visits: number;
}

/** A row of reachAggregatesSql. */
export interface ReachRow {
  students: number;
  students_visited: number;
  families: number;
  families_visited: number;
  first_typed: number;
  relationship_first: number;
  later_academic: number;
  first_visit_summer: number;
  median_days_to_first_visit: number | null;
}

/** A row of educatorAggregatesSql. */
export interface EducatorRow {
  visiting_educators: number;
  roster: number | null;
  roster_visited: number | null;
  trained_of: number | null;
  trained: number | null;
}

/** Everything the SQL found for one school or the site; a part is undefined when that school has no such rows. */
export interface UnitRows {
  school_id: string | null;
  program_school: boolean;
  program_schools: number;
  first_day: string | null;
  first_day_source: 'attendance' | 'default' | null;
  visits?: VisitRow;
  reach?: ReachRow;
  educators?: EducatorRow;
  months: { month: string; visits: number }[];
  contrasts: CovariateContrast[];
}

/** The run facts every unit is measured with. */
export interface UnitContext {
  recorded: RecordedFields;
  reachThreshold: number;
  targetingSmd: number;
}

const NO_VISITS: VisitRow = {
  completed: 0, attempted: 0, cancelled: 0, declined: 0, scheduled: 0, prearranged: 0, median_lead_days: null, pairs_of: 0, pairs: 0,
  paid_of: 0, paid: 0, stipend_total: null, reflection: 0, visit_hours: null, educator_visit_hours: null, summer_visits: 0,
};
const NO_STUDENTS: ReachRow = {
  students: 0, students_visited: 0, families: 0, families_visited: 0, first_typed: 0, relationship_first: 0, later_academic: 0,
  first_visit_summer: 0, median_days_to_first_visit: null,
};

/** A share with its numerator and denominator; null when there is nothing to count (a denominator of 0, or a field not recorded). */
export function shareOf(numerator: number | null, denominator: number | null, recorded = true): Share | null {
  if (!recorded || numerator === null || denominator === null || denominator <= 0) return null;
  return { numerator, denominator, share: numerator / denominator };
}

/** A total that is null when its field is not recorded, 0 when there is nothing to add up, else the SQL sum. */
function total(value: number | null, recorded: boolean, completed: number): number | null {
  if (!recorded) return null;
  return completed === 0 ? 0 : value;
}

/** Assemble one unit (a school, or the site) from its aggregate rows; a school without a completed visit in Y has no not-targeted flags and no score. */
export function assembleUnit(rows: UnitRows, ctx: UnitContext): FidelityUnit {
  const r = ctx.recorded;
  const v = rows.visits ?? NO_VISITS;
  const s = rows.reach ?? NO_STUDENTS;
  const e = rows.educators;
  const visitingEducators = r.educator_ids ? (e?.visiting_educators ?? 0) : null;
  const reachShare = s.students > 0 ? s.students_visited / s.students : null;
  const practices = {
    prearranged: shareOf(v.prearranged, v.scheduled, r.scheduled_date),
    scheduled: shareOf(v.scheduled, v.completed, r.scheduled_date),
    median_lead_days: r.scheduled_date ? v.median_lead_days : null,
    pairs: shareOf(v.pairs, v.pairs_of, r.educators),
    paid: shareOf(v.paid, v.paid_of, r.compensated),
    stipend_total: total(v.stipend_total, r.stipend_amount, v.completed),
    relationship_first: shareOf(s.relationship_first, s.first_typed, r.visit_type),
    later_academic: shareOf(s.later_academic, s.first_typed, r.visit_type),
    reflection: shareOf(v.reflection, v.completed, r.reflection_date),
    // a school that made no visit cannot target (its few visited students were visited by other schools)
    not_targeted: rows.program_school ? notTargeted(rows.contrasts, ctx.targetingSmd) : null,
  };
  return {
    school_id: rows.school_id,
    program_school: rows.program_school,
    reach: {
      students: s.students,
      students_visited: s.students_visited,
      share: reachShare,
      at_threshold: reachShare === null ? null : reachShare >= ctx.reachThreshold,
      families: r.family_id ? s.families : null,
      families_visited: r.family_id ? s.families_visited : null,
      visiting_educators: visitingEducators,
      roster_visited: r.educators_extract ? shareOf(e?.roster_visited ?? 0, e?.roster ?? 0) : null,
      trained_visitors: r.educators_extract ? shareOf(e?.trained ?? 0, e?.trained_of ?? 0) : null,
      visits: { completed: v.completed, attempted: v.attempted, cancelled: v.cancelled, declined: v.declined },
    },
    practices,
    timing: {
      by_month: rows.months,
      summer_visits: v.summer_visits,
      school_year_visits: v.completed - v.summer_visits,
      first_school_day: rows.first_day,
      first_school_day_source: rows.first_day_source,
      students_first_visit_summer: s.first_visit_summer,
      median_days_to_first_visit: s.median_days_to_first_visit,
    },
    fidelity: rows.program_school ? fidelityScore(practices) : { score: null, components: [] },
    cost: {
      completed_visits: v.completed,
      visit_hours: total(v.visit_hours, r.duration_min, v.completed),
      educator_visit_hours: total(v.educator_visit_hours, r.duration_min && r.educators, v.completed),
      visiting_educators: visitingEducators,
      visited_students: s.students_visited,
      visited_families: r.family_id ? s.families_visited : null,
      program_schools: rows.program_schools,
    },
  };
}
