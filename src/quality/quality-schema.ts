import { z } from 'zod';

/** The data-quality gates a run checks before it estimates anything. */
export const GATES = ['reject_share', 'unknown_codes', 'visit_match'] as const;
export type GateName = (typeof GATES)[number];

/**
 * One gate's state. `passed`: within its setting; `dropped`: unknown codes were found and, as
 * `quality.unknown_codes: reject` asks, their rows were rejected; `failed`: the run stops.
 */
export const GateResultSchema = z.object({
  gate: z.enum(GATES),
  extract: z.string(),
  column: z.string().nullable(),
  code: z.string().nullable().describe('the unmapped source code (unknown_codes only)'),
  rows: z
    .number()
    .int()
    .nonnegative()
    .nullable()
    .describe('rows concerned: rejected (less rows dropped for unknown codes), with the code, or naming a roster student'),
  of: z.number().int().nonnegative().describe('rows read'),
  share: z.number().min(0).max(1).nullable(),
  setting: z.enum(['max_reject_share', 'unknown_codes', 'min_visit_match']).describe('the quality: setting that applies'),
  threshold: z.number().nullable().describe('its value (null for unknown_codes, whose setting is stop or reject)'),
  status: z.enum(['passed', 'dropped', 'failed']),
  rejected_naming_roster: z.number().int().nonnegative().optional().describe('visit_match only: rejected visit records that name a roster student (their students may count as not visited)'),
  distinct_codes: z.number().int().positive().optional().describe('set by the privacy gate when it merged several codes into this row (code null)'),
  display: z.record(z.string(), z.string()).optional().describe('what a report shows for a value the privacy gate hid'),
});
export type GateResult = z.infer<typeof GateResultSchema>;

/** Missing values of one optional column of an extract's accepted rows. */
export const MissingValuesSchema = z.object({
  extract: z.string(),
  column: z.string(),
  present: z.boolean().describe('false: the source has no such column, so the measure is not used'),
  rows: z.number().int().nonnegative(),
  missing: z.number().int().nonnegative().nullable().describe('accepted rows with no value: empty, or a code mapped to null'),
  mapped_to_missing: z.array(z.string()).describe('source codes the pipeline maps to missing (null)'),
  display: z.record(z.string(), z.string()).optional().describe('what a report shows for a value the privacy gate hid'),
});
export type MissingValues = z.infer<typeof MissingValuesSchema>;

/** The data-quality block of results.json. */
export const QualitySchema = z.object({
  settings: z.object({
    max_reject_share: z.number(),
    unknown_codes: z.enum(['stop', 'reject']),
    min_visit_match: z.number(),
  }),
  gates: z.array(GateResultSchema),
  missing: z.array(MissingValuesSchema),
});
export type Quality = z.infer<typeof QualitySchema>;

/** Rejected rows of one extract grouped by reason, column and (for unknown codes) code. */
export const RejectGroupSchema = z.object({
  extract: z.string(),
  reason: z.string(),
  column: z.string().nullable(),
  code: z.string().nullable(),
  rows: z.number().int().nonnegative(),
  /** one rejected value, for reasons where it says what went wrong (never an id or a key) */
  example: z.string().nullable(),
});
export type RejectGroup = z.infer<typeof RejectGroupSchema>;
