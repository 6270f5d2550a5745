/** The fidelity and cost blocks of results.json (schema 2.1.0): flat rows the privacy gate can hide values of. */
import { z } from 'zod';
import { CovariateContrastSchema, TARGETING_COVARIATES } from '../fidelity/fidelity-schema.js';
import { PRACTICES } from './vocabulary.js';

const count = z.number().int().nonnegative().nullable();
const share = z.number().min(0).max(1).nullable();
const num = z.number().finite().nullable();
const display = z.record(z.string(), z.string()).optional().describe('what a report shows for a value the privacy gate hid: field → "fewer than 10", "suppressed"');

/** The share measures of a school's visits and visited students, as the report lists them. */
export const SHARE_MEASURES = ['prearranged', 'scheduled', 'pairs', 'paid', 'relationship_first', 'later_academic', 'reflection', 'roster_visited', 'trained_visitors'] as const;
export type ShareMeasure = (typeof SHARE_MEASURES)[number];

/** One share: numerator of denominator; all null when the field is not recorded (`recorded` false), or hidden (`display`). */
export const ShareCellSchema = z
  .object({ measure: z.enum(SHARE_MEASURES), recorded: z.boolean(), numerator: count, denominator: count, share, display })
  .strict();
export type ShareCell = z.infer<typeof ShareCellSchema>;

/**
 * One prior-year measure compared between a school's visited and non-visited students: the measures' contrast
 * without its group means (the standardized difference only), with nullable values the gate can hide.
 */
export const TargetingCellSchema = CovariateContrastSchema.omit({ mean_visited: true, mean_not_visited: true })
  .extend({ n_visited: count, n_not_visited: count, smd: num, worse_off: num, se: num, display })
  .strict();
export type TargetingCell = z.infer<typeof TargetingCellSchema>;

/** The fidelity measures of one school (or of the site: school_id null). */
export const FidelityRowSchema = z
  .object({
    school_id: z.string().nullable(),
    program_school: z.boolean(),
    students: count.describe('enrolled in Y at least min_days_enrolled days, with this as primary school'),
    students_visited: count,
    reach: share,
    at_threshold: z.boolean().nullable().describe('reach ≥ fidelity.reach_threshold'),
    families: count,
    families_visited: count,
    visiting_educators: count,
    visits_completed: count,
    visits_attempted: count,
    visits_cancelled: count,
    visits_declined: count,
    shares: z.array(ShareCellSchema),
    median_lead_days: num,
    stipend_total: num,
    targeting: z
      .object({
        covariates: z.array(TargetingCellSchema),
        targeting: z.boolean().nullable(),
        targeting_on: z.array(z.enum(TARGETING_COVARIATES)),
        targeting_imprecise_on: z.array(z.enum(TARGETING_COVARIATES)).describe('worse off beyond the threshold, but not distinguishable from no difference: not flagged'),
        self_selection: z.boolean().nullable(),
        self_selection_on: z.array(z.enum(TARGETING_COVARIATES)),
      })
      .strict()
      .nullable()
      .describe('null: no completed visit in Y, or no prior-year measure'),
    summer_visits: count,
    school_year_visits: count,
    first_school_day: z.string().nullable(),
    median_days_to_first_visit: num,
    practices_not_met: z.array(z.enum(PRACTICES)).describe('recorded practices whose share is below fidelity.practice_threshold, and not_targeted when targeting is flagged'),
    score: share.describe('the plain mean of the recorded components'),
    score_components: z.array(z.object({ practice: z.enum(PRACTICES), value: z.number().min(0).max(1) }).strict()),
    suppressed: z.boolean().describe('the school rests on 1 to k − 1 visited (or not visited) students: its measures are hidden'),
    display,
  })
  .strict();
export type FidelityRow = z.infer<typeof FidelityRowSchema>;

export const FidelityResultsSchema = z
  .object({
    settings: z.object({ reach_threshold: z.number(), reflection_days: z.number().int(), targeting_smd: z.number(), practice_threshold: z.number() }).strict(),
    recorded: z.record(z.string(), z.boolean()).describe('which practice fields the log records at all'),
    site: FidelityRowSchema,
    schools: z.array(FidelityRowSchema),
    months: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), visits: count, display }).strict()).describe('completed visits of the site by month'),
  })
  .strict();
export type FidelityResults = z.infer<typeof FidelityResultsSchema>;

/** One ingredient of the cost table. */
export const CostRowSchema = z
  .object({
    name: z.string(),
    basis: z.string(),
    quantity: num,
    unit_price: num,
    cost: num,
    payer: z.string().nullable(),
    note: z.string().nullable(),
    reason: z.enum(['visit_hours_not_recorded', 'educator_visit_hours_not_recorded', 'visiting_educators_not_recorded', 'stipends_not_recorded']).nullable(),
    display,
  })
  .strict();

/** Cost per unit of outcome gained, for one outcome. */
export const CostEffectivenessSchema = z
  .object({
    outcome: z.enum(['chronic_absence', 'days_absent']),
    unit: z.enum(['student_not_chronically_absent', 'absence_avoided']),
    method: z.enum(['unadjusted', 'regression', 'matching', 'weighting']),
    gain: num.describe('per visited student: fewer chronically absent (a share) or fewer days absent'),
    status: z.enum(['bounded', 'unbounded', 'no_gain']).nullable(),
    ratio: num,
    fieller_low: num,
    fieller_high: num,
    bootstrap_status: z.enum(['bounded', 'unbounded', 'no_gain']).nullable(),
    bootstrap_low: num,
    bootstrap_high: num,
    bootstrap_reps: z.number().int().nullable(),
    bootstrap_estimator: z.literal('regression_linear').nullable().describe('the bootstrap refits the linear regression-adjusted difference (school-cluster resampling)'),
    suppressed: z.boolean(),
    display,
  })
  .strict();
export type CostEffectivenessResult = z.infer<typeof CostEffectivenessSchema>;

export const CostResultsSchema = z
  .object({
    source: z.enum(['ingredients', 'logged_stipends']),
    price_year: z.number().int().nullable(),
    currency: z.string(),
    ingredients: z.array(CostRowSchema),
    by_payer: z.array(z.object({ payer: z.string(), cost: num, display }).strict()),
    total: num,
    known_total: num,
    missing: z.array(z.string()),
    per_completed_visit: num,
    per_visited_student: num,
    per_visited_family: num,
    quantities: z
      .object({ completed_visits: count, visit_hours: num, educator_visit_hours: num, visiting_educators: count, program_schools: count, visited_students: count, visited_families: count, display })
      .strict(),
    effectiveness: z.array(CostEffectivenessSchema),
    display,
  })
  .strict();
export type CostResults = z.infer<typeof CostResultsSchema>;
