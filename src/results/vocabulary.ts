import { z } from 'zod';

/**
 * The fixed vocabulary of results.json: every field that used to be free text is a code from these lists,
 * and the report turns codes into sentences only after the privacy gate. No free-text field carries a
 * number: numbers travel in typed fields (`counts`, `values`) that the gate checks.
 */

/** How a standard error was computed. */
export const SE_TYPES = [
  'welch_t', // Welch t-test (unadjusted continuous and count outcomes)
  'wald_unpooled', // unpooled Wald, normal (unadjusted yes/no outcomes)
  'cr2_satterthwaite', // CR2 (Bell–McCaffrey) cluster-robust, Satterthwaite df
  'cr1_t', // CR1 cluster-robust, t with G − 1 df
  'cr1_pairs', // CR1 clustered by matched pair, t with (pairs − 1) df
  'hc1', // HC1 heteroskedasticity-robust
] as const;
export const SeTypeSchema = z.enum(SE_TYPES);
export type SeType = z.infer<typeof SeTypeSchema>;

/** What an estimate estimates. */
export const ESTIMANDS = ['difference_in_means', 'difference_in_proportions', 'att_regression', 'att_matched', 'att_weighted'] as const;
export const EstimandSchema = z.enum(ESTIMANDS);

/** The model behind a contrast (subgroup, dose or school-level row). */
export const CONTRAST_MODELS = [
  'welch_difference', // difference in means, Welch (unadjusted)
  'proportion_difference', // difference in proportions (unadjusted)
  'group_means', // difference in group means, descriptive (no test)
  'linear_covariates', // linear regression with the covariates
  'linear_covariates_fe', // linear regression with the covariates and school fixed effects
  'logistic_ame_covariates', // logistic regression, average marginal effect, with the covariates
  'poisson_ame_covariates', // Poisson regression, average marginal effect, with the covariates
  'moderator_interaction', // linear regression of the outcome on treatment × school visit rate, covariates and school fixed effects
] as const;
export const ContrastModelSchema = z.enum(CONTRAST_MODELS);

/** Why a number is null, or a caution about an estimate. */
export const NOTE_CODES = [
  'group_empty', // no students in a group (`field`: treated, comparison, level or reference)
  'sd_needs_two', // an SD needs at least two students
  'no_outcome_variation', // the outcome does not vary, so a standardised effect is undefined
  'value_undefined', // a statistic came out undefined (`field` names it)
  'no_test', // no SE, CI or p: the SE is zero (no variation) or a group has fewer than two students
  'rate_at_bound', // a group's rate is 0% or 100%, so the Cox index (a log odds ratio) is undefined
  'ratio_ci_undefined', // the ratio's CI is undefined: a very small group or a rare outcome
  'model_rows_dropped', // privacy gate: some students were left out of a model; why and how many would describe fewer than min_cell students
  'constant_groups_dropped', // schools where the outcome never varies left out of a GLM (`counts.students`, `counts.schools`, `model`)
  'model_not_estimable', // the model could not be fitted (singular design, no variation)
  'not_converged', // the model did not converge
  'glm_fallback_linear', // a GLM did not converge: the estimate comes from a linear (probability) model (`model`: the GLM)
  'separation', // fitted probabilities numerically 0 or 1 (`counts.rows`)
  'aliased_columns', // covariate columns dropped as collinear during fitting
  'needs_both_school_kinds', // the school-level contrast needs students in both kinds of school
  'too_few_in_group', // too few students in a group to estimate
  'few_schools', // descriptive only: fewer than `values.min_per_arm` schools on a side (`counts.level_schools`, `counts.reference_schools`)
  'suppressed_small_group', // privacy gate: a group has fewer than min_cell students (`field`: treated, comparison, level, reference)
  'suppressed_numerator', // privacy gate: fewer than min_cell students of a group had, or did not have, the outcome
  'suppressed_complementary', // privacy gate: hidden to protect a suppressed cell of the same table
  'top_bottom_coded', // privacy gate: a rate is shown only as "< x%" / "> y%", and what would give it back is hidden
  'baseline_wave', // a survey comparison at the first (baseline) wave: baseline equivalence, not an outcome, so outside the BH family
] as const;
export const NoteCodeSchema = z.enum(NOTE_CODES);
export type NoteCode = z.infer<typeof NoteCodeSchema>;

/** Counts a note may carry. Student-based counts (`students`, `rows`, `pairs`) pass the gate's min_cell check; school counts are publishable. */
export const NOTE_COUNT_KEYS = ['students', 'rows', 'pairs', 'schools', 'level_schools', 'reference_schools'] as const;
/** The note counts that rest on students, so the gate hides them below min_cell. */
export const STUDENT_COUNT_KEYS: readonly NoteCountKey[] = ['students', 'rows', 'pairs'];
export type NoteCountKey = (typeof NOTE_COUNT_KEYS)[number];

/** Settings a note may quote (from the pipeline, not from the data). */
export const NOTE_VALUE_KEYS = ['min_per_arm', 'min_cell'] as const;

/** Which statistic or group a note is about. */
export const NOTE_FIELDS = [
  'treated',
  'comparison',
  'level',
  'reference',
  'estimate',
  'se',
  'df',
  'ci',
  'p_value',
  'ratio',
  'effect_size',
  'mean',
  'sd',
  'adjusted_mean',
  'difference',
] as const;

/** The model a note is about. */
export const NOTE_MODELS = ['linear', 'logistic', 'poisson'] as const;

/** One note: a code, with the counts, settings, field or model it refers to. */
export const NoteSchema = z
  .object({
    code: NoteCodeSchema,
    counts: z.partialRecord(z.enum(NOTE_COUNT_KEYS), z.number().int().nonnegative().nullable()).optional(),
    values: z.partialRecord(z.enum(NOTE_VALUE_KEYS), z.number().finite()).optional(),
    field: z.enum(NOTE_FIELDS).optional(),
    model: z.enum(NOTE_MODELS).optional(),
  })
  .strict();
export type Note = z.infer<typeof NoteSchema>;

/** Build a note. */
export function note(code: NoteCode, extra: Omit<Note, 'code'> = {}): Note {
  return { code, ...extra };
}

/** Add a note unless an equal one is already there. */
export function addNote(notes: Note[], n: Note): void {
  const key = JSON.stringify(n);
  if (!notes.some((x) => JSON.stringify(x) === key)) notes.push(n);
}

/** Why the privacy gate hid a cell (the suppression log's `reason`). */
export const SUPPRESSION_REASONS = [
  'small_group', // a statistic rests on 1 to min_cell − 1 students
  'small_numerator', // fewer than min_cell students of a group had, or did not have, the outcome
  'small_difference', // the step above minus this count would reveal 1 to min_cell − 1 excluded students
  'protects_part', // with a total shown, this part would give a hidden part back
  'protects_total', // the parts would give a hidden total back
  'protects_level', // the next smallest level of a family, so a hidden level cannot be recovered from the total
  'protects_count', // another count would give a hidden count back by subtraction
  'top_bottom_coded', // a rate outside the coding bounds, shown only as "< x%" / "> y%"
  'protects_coded', // would give a coded rate back (the other group's rate, the difference, its SE or CI, the effect size, the ratio)
] as const;
export const SuppressionReasonSchema = z.enum(SUPPRESSION_REASONS);

/** The five core practices (no targeting counted as its own), by the names truth.json, the fidelity measures and results use. */
export const PRACTICES = ['prearranged', 'pairs', 'paid', 'relationship_first', 'reflection', 'not_targeted'] as const;
export type Practice = (typeof PRACTICES)[number];
