import { z } from 'zod';
import { QualitySchema } from '../quality/quality-schema.js';
import { FidelityResultsSchema, CostResultsSchema } from './fidelity-results-schema.js';
import { SurveyResultsSchema } from './survey-results-schema.js';
import { ContrastModelSchema, EstimandSchema, NoteSchema, SeTypeSchema, SuppressionReasonSchema } from './vocabulary.js';

export const SCHEMA_VERSION = '2.1.0';
/**
 * Versions this schema reads: 2.0.0 made notes, SE types, estimands and models codes, so 1.x files are not read
 * (rerun hve run); 2.1.0 added the optional `fidelity` and `cost` blocks, so a 2.0.0 file reads as one without them.
 */
export const READABLE_SCHEMA_VERSIONS = ['2.0.0', SCHEMA_VERSION] as const;

/** A number that is finite, or null when suppressed or undefined (never NaN or Infinity). */
const num = z.number().finite().nullable();

export const EstimateSchema = z.object({
  method: z.enum(['unadjusted', 'regression', 'matching', 'weighting']),
  estimand: EstimandSchema,
  n_treated: z.number().int().nonnegative().nullable(),
  n_comparison: z.number().int().nonnegative().nullable(),
  mean_treated: num,
  mean_comparison: num,
  sd_treated: num,
  sd_comparison: num,
  estimate: num.describe('treated minus comparison, on the outcome scale (a proportion for binary outcomes)'),
  se: num,
  df: num.describe('degrees of freedom of the test; null for a normal (z) test'),
  ci_low: num,
  ci_high: num,
  p_value: num,
  effect_size: num,
  effect_size_type: z.enum(['hedges_g', 'cox_index']),
  improvement_index: num.describe('percentile points; positive favours the visited group'),
  suppressed: z.boolean(),
  notes: z.array(NoteSchema).describe('why a number is null, and other cautions, as codes'),
  se_type: SeTypeSchema.optional().describe('how the SE was computed'),
  clusters: z.number().int().nullable().optional(),
  ratio: num.optional().describe('odds ratio (binary, logistic) or rate ratio (count, Poisson) of the adjusted model'),
  ratio_type: z.enum(['odds_ratio', 'rate_ratio']).nullable().optional(),
  ratio_ci_low: num.optional(),
  ratio_ci_high: num.optional(),
  bh_p_value: num.optional().describe('Benjamini–Hochberg adjusted p within the outcome domain and method'),
  bh_significant: z.boolean().nullable().optional().describe('bh_p_value ≤ 0.05'),
  alternative_se: z
    .object({ se_type: SeTypeSchema, clusters: z.number().int().nullable(), se: num, ci_low: num, ci_high: num, p_value: num })
    .nullable()
    .optional()
    .describe('a second SE reported beside the main one (pair-clustered for matching)'),
  display: z.record(z.string(), z.string()).optional().describe('what a report shows for a value the privacy gate hid: field → "fewer than 10", "< 5%", "suppressed"'),
  baseline: z
    .object({
      measure: z.string(),
      effect_size: num,
      effect_size_type: z.enum(['hedges_g', 'cox_index']),
      band: z.enum(['satisfied', 'adjustment_required', 'not_satisfied', 'undefined']),
      adjusted_in_model: z.boolean(),
      verdict: z.enum(['meets_with_reservations', 'does_not_meet', 'not_assessed']),
      n_treated: z.number().int().nonnegative().nullable().describe('students of the visited group with the baseline measure'),
      n_comparison: z.number().int().nonnegative().nullable(),
    })
    .nullable()
    .optional(),
});
export type Estimate = z.infer<typeof EstimateSchema>;

export const OutcomeResultSchema = z.object({
  outcome: z.string(),
  label: z.string(),
  domain: z.string().min(1).describe('the Benjamini–Hochberg family: attendance, behavior, achievement in a pipeline run; as set (default: the outcome itself) in hve compare'),
  type: z.enum(['continuous', 'binary', 'count']),
  lower_is_better: z.boolean(),
  unit: z.enum(['percent', 'days', 'incidents', 'sd', 'value']),
  unit_label: z.string().min(1).optional().describe("the unit of a 'value' outcome as the user named it (e.g. scale points); none: numbers are shown without a unit"),
  estimates: z.array(EstimateSchema),
  coverage: z
    .object({ analytic: z.number().int().nullable(), with_outcome: z.number().int().nullable(), missing_share: num, display: z.record(z.string(), z.string()).optional().describe('what a report shows for a value the privacy gate hid: field → "fewer than 10", "< 5%", "suppressed"') })
    .optional()
    .describe('students of the analytic sample with this outcome (set by the privacy gate from the unadjusted n and the sample flow)'),
});
export type OutcomeResult = z.infer<typeof OutcomeResultSchema>;

export const InputSchema = z.object({
  extract: z.string(),
  kind: z.string().optional(),
  path: z.string(),
  files: z.number().int(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  rows_read: z.number().int().nonnegative(),
  rows_accepted: z.number().int().nonnegative(),
  rows_rejected: z.number().int().nonnegative(),
  rejected_by_reason: z.record(z.string(), z.number().int().nonnegative()),
});

export const SampleFlowStepSchema = z.object({
  step: z.string(),
  students: z.number().int().nonnegative().nullable(),
  visited: z.number().int().nonnegative().nullable(),
  comparison: z.number().int().nonnegative().nullable(),
  excluded: z.number().int().nonnegative().nullable().optional().describe('students of the step above left out at this step (set by the privacy gate)'),
  display: z.record(z.string(), z.string()).optional().describe('what a report shows for a value the privacy gate hid: field → "fewer than 10", "< 5%", "suppressed"'),
});
export type SampleFlowRow = z.infer<typeof SampleFlowStepSchema>;

export const SuppressionSchema = z.object({
  table: z.string(),
  cell: z.string(),
  rule: z.enum(['primary', 'complementary']),
  reason: SuppressionReasonSchema,
  path: z.string().describe('JSON pointer of the hidden value in results.json'),
  display: z.string().describe('what a report shows in its place, e.g. "fewer than 10", "< 5%", "suppressed"'),
});
export type SuppressionEntry = z.infer<typeof SuppressionSchema>;

export const BalanceRowSchema = z.object({
  name: z.string(),
  binary: z.boolean(),
  n_treated: num,
  n_comparison: num,
  mean_treated: num,
  mean_comparison: num,
  effect_size: num,
  effect_size_type: z.enum(['hedges_g', 'cox_index']),
  band: z.enum(['satisfied', 'adjustment_required', 'not_satisfied', 'undefined']),
  variance_ratio: num,
  suppressed: z.boolean(),
  display: z.record(z.string(), z.string()).optional().describe('what a report shows for a value the privacy gate hid: field → "fewer than 10", "< 5%", "suppressed"'),
});
export type BalanceRowResult = z.infer<typeof BalanceRowSchema>;

export const ContrastSchema = z.object({
  analysis: z.string().describe('subgroup dimension, dose contrast, or school-level analysis'),
  outcome: z.string(),
  level: z.string(),
  reference: z.string(),
  n_level: z.number().int().nullable(),
  n_reference: z.number().int().nullable(),
  mean_level: num,
  mean_reference: num,
  estimate: num,
  se: num,
  ci_low: num,
  ci_high: num,
  p_value: num,
  interaction_p_value: num.optional(),
  schools: z
    .object({ level: z.number().int().nonnegative(), reference: z.number().int().nonnegative(), min_per_arm: z.number().int().positive() })
    .optional()
    .describe('school-level analysis: schools on each side (not students), and how many each side needs for a test'),
  display: z.record(z.string(), z.string()).optional().describe('what a report shows for a value the privacy gate hid: field → "fewer than 10", "< 5%", "suppressed"'),
  model: ContrastModelSchema,
  se_type: SeTypeSchema.nullable(),
  clusters: z.number().int().nullable(),
  ratio: num.optional().describe('odds or rate ratio of a logistic or Poisson contrast'),
  ratio_type: z.enum(['odds_ratio', 'rate_ratio']).nullable().optional(),
  ratio_ci_low: num.optional(),
  ratio_ci_high: num.optional(),
  descriptive: z.boolean(),
  suppressed: z.boolean(),
  notes: z.array(NoteSchema),
});
export type ContrastResult = z.infer<typeof ContrastSchema>;

/** Why a domain or an outcome was not estimated. */
export const NotEvaluatedReasonSchema = z.enum([
  'no_discipline_extract', // behaviour: the pipeline has no discipline source
  'no_assessments_extract', // achievement: the pipeline has no assessments source
  'no_outcome_values', // the outcome has no value for any student of the analytic sample
]);
export type NotEvaluatedReason = z.infer<typeof NotEvaluatedReasonSchema>;

/** A domain (outcome null) or one outcome that is absent from `outcomes`, with the reason code. */
export const NotEvaluatedSchema = z.object({
  domain: z.string(),
  outcome: z.string().nullable(),
  label: z.string().nullable(),
  reason: NotEvaluatedReasonSchema,
});
export type NotEvaluated = z.infer<typeof NotEvaluatedSchema>;

export const ResultsSchema = z.object({
  schema_version: z.enum(READABLE_SCHEMA_VERSIONS),
  name: z.string(),
  site: z.string(),
  state: z.string().nullable(),
  outcome_year: z.number().int().nullable().describe('Y, the school year ending in Y; null when no school year is known (hve compare without --year)'),
  generated_at: z.string(),
  provenance: z.object({
    software: z.literal('home-visit-eval'),
    software_version: z.string(),
    duckdb_version: z.string(),
    pipeline_file: z.string(),
    pipeline_sha256: z.string().regex(/^[0-9a-f]{64}$/),
    seed: z.number().int(),
    inputs: z.array(InputSchema),
  }),
  definitions: z.object({
    source: z.enum(['pipeline', 'analytic_file']).default('pipeline'),
    school_year_window: z.string().nullable(),
    chronic_threshold: z.number().nullable(),
    min_days_enrolled: z.number().nullable(),
    proficient_level: z.number().nullable(),
    comparison: z.string().describe('who the comparison group is, as a sentence for display'),
    comparison_group: z.enum(['program_schools', 'all_schools']).optional().describe("the pipeline's comparison: setting (absent for an analytic file, hve compare)"),
    attendance_kind: z.enum(['daily', 'summary']).nullable(),
    program: z.enum(['home_visits', 'generic']).optional().describe('report wording: home visits (pipeline runs; hve compare --program home-visits) or treatment vs. comparison; absent: home_visits for a pipeline, generic for an analytic file'),
    cluster: z.string().nullable().optional().describe('the column standard errors are clustered by (null: none, each row its own cluster)'),
    visited: z.string(),
  }),
  privacy: z.object({ min_cell: z.number().int(), rule: z.string(), top_bottom_code: z.tuple([z.number(), z.number()]).nullable().default(null) }),
  quality: QualitySchema.optional().describe('data-quality gates that were checked, and missing values of optional columns (hve run; not hve compare)'),
  sample_flow: z.array(SampleFlowStepSchema),
  outcomes: z.array(OutcomeResultSchema),
  covariates: z
    .array(z.object({ name: z.string(), kind: z.string(), missing: z.number().int().nullable(), fill: num, columns: z.number().int(), display: z.record(z.string(), z.string()).optional().describe('what a report shows for a value the privacy gate hid: field → "fewer than 10", "< 5%", "suppressed"') }))
    .optional()
    .describe('baseline covariates of the adjusted models, with missing values filled (indicator + mean)'),
  balance: z.array(z.object({ sample: z.enum(['analytic', 'matched', 'weighted']), rows: z.array(BalanceRowSchema) })).optional(),
  adjustment: z
    .object({
      clusters: z.number().int(),
      se_type: SeTypeSchema.describe('the SE rule of the adjusted models: cr2_satterthwaite below cr2_below_clusters schools, else cr1_t'),
      cr2_below_clusters: z.number().int(),
      propensity: z.object({ covariates: z.number().int(), converged: z.boolean(), warnings: z.array(NoteSchema) }).optional().describe('absent when neither matching nor weighting was run'),
      matching: z.object({
        caliper_sd: z.number(),
        caliper: num,
        exact: z.array(z.string()),
        treated: z.number().int().nullable(),
        matched_treated: z.number().int().nullable(),
        matched_comparison: z.number().int().nullable(),
        dropped_by_caliper: z.number().int().nullable(),
        no_candidates: z.number().int().nullable(),
        outside_support: z.number().int().nullable(),
        display: z.record(z.string(), z.string()).optional().describe('what a report shows for a value the privacy gate hid: field → "fewer than 10", "< 5%", "suppressed"'),
      }).optional().describe('absent when matching was not run'),
      weighting: z.object({ ess_treated: num, ess_comparison: num, trimmed: z.number().int().nullable(), trim: z.number().nullable().describe('propensity scores truncated to [trim, 1 − trim]; null: none'), display: z.record(z.string(), z.string()).optional().describe('what a report shows for a value the privacy gate hid: field → "fewer than 10", "< 5%", "suppressed"') }).optional().describe('absent when weighting was not run'),
    })
    .optional(),
  subgroups: z.array(ContrastSchema).optional(),
  dose: z.array(ContrastSchema).optional(),
  school_level: z.array(ContrastSchema).optional(),
  surveys: SurveyResultsSchema.optional().describe('teacher and parent surveys: reliability, group comparisons, pre/post change (hve run with sources.surveys; hve survey)'),
  fidelity: FidelityResultsSchema.optional().describe('reach, the five practices, timing and the fidelity score, per school and for the site (hve run)'),
  cost: CostResultsSchema.optional().describe('ingredients cost, cost per visit, student and family, and cost-effectiveness (hve run)'),
  not_evaluated: z.array(NotEvaluatedSchema).optional().describe('outcome domains or outcomes that were not estimated, and why'),
  suppression_log: z.array(SuppressionSchema),
});
export type Results = z.infer<typeof ResultsSchema>;
