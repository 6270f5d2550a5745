import { z } from 'zod';

/** Options of `hve compare`: any student-level table an evaluator already has. */
export const CompareOptionsSchema = z
  .object({
    data: z.string().min(1).describe('CSV or Parquet file, one row per student'),
    treatment: z.string().min(1).describe('0/1 (or true/false) column: 1 = visited'),
    outcomes: z.array(z.string().min(1)).min(1),
    covariates: z.array(z.string().min(1)).default([]),
    counts: z.array(z.string()).default([]).describe('outcomes to model as counts (Poisson)'),
    baselines: z.record(z.string(), z.string()).default({}).describe('outcome → its baseline (pre-test) column, for baseline equivalence'),
    lowerIsBetter: z.array(z.string()).default([]),
    fixedEffects: z.string().optional(),
    cluster: z.string().optional().describe('default: the fixed-effects column, else none (HC1-like, each row its own cluster)'),
    methods: z.array(z.enum(['unadjusted', 'regression', 'matching', 'weighting'])).default(['unadjusted', 'regression', 'matching', 'weighting']),
    out: z.string().min(1),
    minCell: z.number().int().min(1).default(10),
    seed: z.number().int().default(1),
    caliperSd: z.number().positive().default(0.2),
    trim: z.number().min(0).lt(0.5).nullable().default(null),
    name: z.string().default('Comparison from an analytic file'),
  })
  .strict();

export type CompareOptions = z.infer<typeof CompareOptionsSchema>;
