import type { FidelityMeasures, FidelityUnit, Practice, Share } from './fidelity-schema.js';
import type { FidelityResults, FidelityRow, ShareCell, ShareMeasure } from '../results/fidelity-results-schema.js';

/** One share cell: recorded with its counts, or not recorded (all null). */
function cell(measure: ShareMeasure, s: Share | null): ShareCell {
  return s ? { measure, recorded: true, numerator: s.numerator, denominator: s.denominator, share: s.share } : { measure, recorded: false, numerator: null, denominator: null, share: null };
}

/** The practices of a unit not met: a recorded share below `threshold`, and not_targeted when targeting is flagged. */
export function practicesNotMet(u: FidelityUnit, threshold: number): Practice[] {
  const p = u.practices;
  const low = (['prearranged', 'pairs', 'paid', 'relationship_first', 'reflection'] as const).filter((k) => p[k] !== null && p[k]!.share < threshold);
  return [...low, ...(p.not_targeted?.targeting ? (['not_targeted'] as const) : [])];
}

/** The flat results row of one school's (or the site's) measures. */
function row(u: FidelityUnit, threshold: number): FidelityRow {
  const p = u.practices;
  const t = p.not_targeted;
  return {
    school_id: u.school_id,
    program_school: u.program_school,
    students: u.reach.students,
    students_visited: u.reach.students_visited,
    reach: u.reach.share,
    at_threshold: u.reach.at_threshold,
    families: u.reach.families,
    families_visited: u.reach.families_visited,
    visiting_educators: u.reach.visiting_educators,
    visits_completed: u.reach.visits.completed,
    visits_attempted: u.reach.visits.attempted,
    visits_cancelled: u.reach.visits.cancelled,
    visits_declined: u.reach.visits.declined,
    shares: [
      cell('prearranged', p.prearranged),
      cell('scheduled', p.scheduled),
      cell('pairs', p.pairs),
      cell('paid', p.paid),
      cell('relationship_first', p.relationship_first),
      cell('later_academic', p.later_academic),
      cell('reflection', p.reflection),
      cell('roster_visited', u.reach.roster_visited),
      cell('trained_visitors', u.reach.trained_visitors),
    ],
    median_lead_days: p.median_lead_days,
    stipend_total: p.stipend_total,
    targeting: t
      ? {
          covariates: t.covariates.map((c) => ({ covariate: c.covariate, effect_size_type: c.effect_size_type, n_visited: c.n_visited, n_not_visited: c.n_not_visited, smd: c.smd, worse_off: c.worse_off, se: c.se })),
          targeting: t.targeting,
          targeting_on: t.targeting_on,
          targeting_imprecise_on: t.targeting_imprecise_on,
          self_selection: t.self_selection,
          self_selection_on: t.self_selection_on,
        }
      : null,
    summer_visits: u.timing.summer_visits,
    school_year_visits: u.timing.school_year_visits,
    first_school_day: u.timing.first_school_day,
    median_days_to_first_visit: u.timing.median_days_to_first_visit,
    practices_not_met: practicesNotMet(u, threshold),
    score: u.fidelity.score,
    score_components: u.fidelity.components,
    suppressed: false,
  };
}

/** The fidelity block of the results (before the privacy gate) from the measures: flat rows of the schools with a program or with students in the analytic sample, the site's visits by month. */
export function fidelityResults(m: FidelityMeasures, practiceThreshold: number): FidelityResults {
  return {
    settings: { ...m.settings, practice_threshold: practiceThreshold },
    recorded: m.recorded,
    site: row(m.site, practiceThreshold),
    // a school outside the analytic sample (no program, comparison: program schools) has nothing to show
    schools: m.schools.filter((u) => u.program_school || u.reach.students > 0).map((u) => row(u, practiceThreshold)),
    months: m.site.timing.by_month.map((x) => ({ month: x.month, visits: x.visits })),
  };
}

/** School id → fidelity score, for the schools that have one (the school-level moderator). */
export function fidelityScores(m: FidelityMeasures): Map<string, number> {
  return new Map(m.schools.flatMap((u) => (u.school_id !== null && u.fidelity.score !== null ? [[u.school_id, u.fidelity.score] as [string, number]] : [])));
}
