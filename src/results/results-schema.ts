import { z } from 'zod';

export const SCHEMA_VERSION = '1.0.0';

/** A number that is finite, or null when suppressed or undefined (never NaN or Infinity). */
const num = z.number().finite().nullable();

export const EstimateSchema = z.object({
  method: z.enum(['unadjusted', 'regression', 'matching', 'weighting']),
  estimand: z.string(),
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
  notes: z.array(z.string()).describe('why a number is null, and other cautions'),
});
export type Estimate = z.infer<typeof EstimateSchema>;

export const OutcomeResultSchema = z.object({
  outcome: z.string(),
  label: z.string(),
  domain: z.enum(['attendance', 'behavior', 'achievement']),
  type: z.enum(['continuous', 'binary', 'count']),
  lower_is_better: z.boolean(),
  unit: z.enum(['percent', 'days', 'incidents', 'sd']),
  estimates: z.array(EstimateSchema),
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
});
export type SampleFlowRow = z.infer<typeof SampleFlowStepSchema>;

export const SuppressionSchema = z.object({
  table: z.string(),
  cell: z.string(),
  rule: z.enum(['primary', 'complementary']),
  detail: z.string(),
});
export type SuppressionEntry = z.infer<typeof SuppressionSchema>;

export const ResultsSchema = z.object({
  schema_version: z.literal(SCHEMA_VERSION),
  name: z.string(),
  site: z.string(),
  state: z.string().nullable(),
  outcome_year: z.number().int(),
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
    school_year_window: z.string(),
    chronic_threshold: z.number(),
    min_days_enrolled: z.number(),
    proficient_level: z.number(),
    comparison: z.string(),
    attendance_kind: z.enum(['daily', 'summary']),
    visited: z.string(),
  }),
  privacy: z.object({ min_cell: z.number().int(), rule: z.string() }),
  sample_flow: z.array(SampleFlowStepSchema),
  outcomes: z.array(OutcomeResultSchema),
  suppression_log: z.array(SuppressionSchema),
});
export type Results = z.infer<typeof ResultsSchema>;
