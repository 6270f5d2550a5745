/** The fidelity measures of one outcome year as data: reach, the five practices, timing, score and cost quantities, per school and for the site. */
import { z } from 'zod';

/** The practices that enter the fidelity score, in the order the report lists them. */
export { PRACTICES, type Practice } from '../results/vocabulary.js';
import { PRACTICES } from '../results/vocabulary.js';

/** The prior-year student_year columns on which visited and non-visited students are compared (targeting). */
export const TARGETING_COVARIATES = ['prior_attendance_rate', 'prior_chronic_absence', 'prior_any_incident', 'prior_ela_z'] as const;
export type TargetingCovariate = (typeof TARGETING_COVARIATES)[number];

const count = z.number().int().nonnegative();
const nullableNumber = z.number().nullable();

/** A share with its numerator and denominator (the denominator is never 0: a share with nothing to count is null, "not recorded"). */
export const ShareSchema = z
  .object({ numerator: count, denominator: z.number().int().positive(), share: z.number().min(0).max(1) })
  .strict();
export type Share = z.infer<typeof ShareSchema>;

/** One prior-year measure compared between a school's visited and non-visited students. */
export const CovariateContrastSchema = z
  .object({
    covariate: z.enum(TARGETING_COVARIATES),
    /** Hedges' g (pooled SD, WWC small-sample correction) for rates and z-scores; the Cox index for yes/no measures, as the balance table */
    effect_size_type: z.enum(['hedges_g', 'cox_index']),
    n_visited: count,
    n_not_visited: count,
    mean_visited: nullableNumber,
    mean_not_visited: nullableNumber,
    /** visited − not visited, standardized; null when undefined (a group empty, an SD of 0, a proportion of 0 or 1) */
    smd: nullableNumber,
    /** the smd oriented so that positive means the visited students were worse off (lower attendance or ELA, more chronic absence or incidents) */
    worse_off: nullableNumber,
    /** large-sample SE of the smd (Hedges & Olkin for g; the log odds ratio's for the Cox index); null when undefined */
    se: nullableNumber,
  })
  .strict();
export type CovariateContrast = z.infer<typeof CovariateContrastSchema>;

/** The no-targeting practice: the contrasts, and the flags they raise at ± targeting_smd. */
export const NotTargetedSchema = z
  .object({
    covariates: z.array(CovariateContrastSchema),
    /** visited students worse off by more than targeting_smd on at least one measure: a breach of the practice */
    targeting: z.boolean(),
    targeting_on: z.array(z.enum(TARGETING_COVARIATES)),
    /** worse off by more than targeting_smd, but not distinguishable from no difference (few students tested): not flagged */
    targeting_imprecise_on: z.array(z.enum(TARGETING_COVARIATES)),
    /** visited students better off by more than targeting_smd on at least one measure: a baseline-equivalence warning, not a breach */
    self_selection: z.boolean(),
    self_selection_on: z.array(z.enum(TARGETING_COVARIATES)),
  })
  .strict();
export type NotTargeted = z.infer<typeof NotTargetedSchema>;

/** Visits of the outcome year by status (all visits, whatever their status, by visit_date). */
export const VisitStatusCountsSchema = z.object({ completed: count, attempted: count, cancelled: count, declined: count }).strict();

/** Reach: students, families and educators. */
export const ReachSchema = z
  .object({
    /** students enrolled in Y at least min_days_enrolled days whose primary school is this school (the school visit rate's denominator) */
    students: count,
    /** of them, students with at least one completed visit in Y */
    students_visited: count,
    share: nullableNumber,
    /** share ≥ reach_threshold; null when the school has no students */
    at_threshold: z.boolean().nullable(),
    /** distinct families (students sharing family_id; a student without one is a family alone); null when family_id is not recorded */
    families: count.nullable(),
    families_visited: count.nullable(),
    /** distinct educator ids on the completed visits of Y made by this school; null when educator_ids is not recorded */
    visiting_educators: count.nullable(),
    /** the roster's educators who made a completed visit (of this school) in Y, among the roster; null without an educators extract */
    roster_visited: ShareSchema.nullable(),
    /** visiting educators marked trained, among the visiting educators on the roster with `trained` recorded; null when not recorded */
    trained_visitors: ShareSchema.nullable(),
    visits: VisitStatusCountsSchema,
  })
  .strict();
export type Reach = z.infer<typeof ReachSchema>;

/** The five practices, each a share or null ("not recorded"), with the extras the issue asks for beside them. */
export const PracticesSchema = z
  .object({
    prearranged: ShareSchema.nullable(),
    /** completed visits with a scheduled_date, among completed visits; null when scheduled_date is not recorded */
    scheduled: ShareSchema.nullable(),
    /** median of visit_date − scheduled_date in days, over completed visits with a scheduled_date */
    median_lead_days: nullableNumber,
    pairs: ShareSchema.nullable(),
    paid: ShareSchema.nullable(),
    /** Σ stipend_amount over completed visits; null when not recorded */
    stipend_total: nullableNumber,
    relationship_first: ShareSchema.nullable(),
    /** visited students with an academic visit after their first completed visit (the two-visit model), same denominator */
    later_academic: ShareSchema.nullable(),
    reflection: ShareSchema.nullable(),
    not_targeted: NotTargetedSchema.nullable(),
  })
  .strict();
export type Practices = z.infer<typeof PracticesSchema>;

/** Timing of the completed visits of Y. */
export const TimingSchema = z
  .object({
    by_month: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), visits: count }).strict()),
    /** completed visits dated before the first school day of the visiting school */
    summer_visits: count,
    school_year_visits: count,
    /** the school's first school day of Y (ISO date); null for the site, where each school has its own */
    first_school_day: z.string().nullable(),
    /** attendance: the earliest attendance date of Y at the school; default: no attendance dates (summary attendance), so Aug 15 of Y − 1 */
    first_school_day_source: z.enum(['attendance', 'default']).nullable(),
    /** visited students (by primary school) whose first completed visit of Y came before their school's first day */
    students_first_visit_summer: count,
    /** median over visited students of first visit date − their primary school's first day; negative for a summer visit */
    median_days_to_first_visit: nullableNumber,
  })
  .strict();
export type Timing = z.infer<typeof TimingSchema>;

/** The fidelity score: the plain mean of the components that were recorded. */
export const FidelityScoreSchema = z
  .object({
    score: z.number().min(0).max(1).nullable(),
    components: z.array(z.object({ practice: z.enum(PRACTICES), value: z.number().min(0).max(1) }).strict()),
  })
  .strict();
export type FidelityScore = z.infer<typeof FidelityScoreSchema>;

/** The quantities the cost stage multiplies prices by. */
export const CostQuantitiesSchema = z
  .object({
    completed_visits: count,
    /** Σ duration_min / 60 over completed visits; null when duration_min is not recorded */
    visit_hours: nullableNumber,
    /** Σ duration_min / 60 × educators on the visit, over completed visits recording both; null when none does */
    educator_visit_hours: nullableNumber,
    visiting_educators: count.nullable(),
    visited_students: count,
    visited_families: count.nullable(),
    program_schools: count,
  })
  .strict();
export type CostQuantities = z.infer<typeof CostQuantitiesSchema>;

/** The measures of one school, or of the site (school_id null). */
export const FidelityUnitSchema = z
  .object({
    school_id: z.string().nullable(),
    /** at least one completed visit in Y (for the site: any school has one) */
    program_school: z.boolean(),
    reach: ReachSchema,
    practices: PracticesSchema,
    timing: TimingSchema,
    fidelity: FidelityScoreSchema,
    cost: CostQuantitiesSchema,
  })
  .strict();
export type FidelityUnit = z.infer<typeof FidelityUnitSchema>;

/** Which practice fields the outcome year's completed visits record at all (a field no visit records makes its practice "not recorded"). */
export const RecordedFieldsSchema = z
  .object({
    scheduled_date: z.boolean(),
    educators: z.boolean(),
    educator_ids: z.boolean(),
    compensated: z.boolean(),
    stipend_amount: z.boolean(),
    visit_type: z.boolean(),
    reflection_date: z.boolean(),
    duration_min: z.boolean(),
    family_id: z.boolean(),
    educators_extract: z.boolean(),
  })
  .strict();
export type RecordedFields = z.infer<typeof RecordedFieldsSchema>;

/** Every fidelity measure of the outcome year: aggregates only, never a student or visit row. */
export const FidelityMeasuresSchema = z
  .object({
    outcome_year: z.number().int(),
    settings: z.object({ reach_threshold: z.number(), reflection_days: z.number().int(), targeting_smd: z.number() }).strict(),
    recorded: RecordedFieldsSchema,
    site: FidelityUnitSchema,
    schools: z.array(FidelityUnitSchema),
  })
  .strict();
export type FidelityMeasures = z.infer<typeof FidelityMeasuresSchema>;
