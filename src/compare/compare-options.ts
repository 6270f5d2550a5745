import { z } from 'zod';

/** Options of `hve compare`: any student-level table an evaluator already has. */
export const CompareOptionsSchema = z
  .object({
    data: z.string().min(1).describe('CSV or Parquet file, one row per student'),
    treatment: z.string().min(1).describe('0/1 (or true/false) column: 1 = treated'),
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
    title: z.string().min(1).default('Comparison from an analytic file').describe('report title'),
    year: z.number().int().min(1900).max(2100).nullable().default(null).describe('Y, the school year ending in Y; none: the report names no school year'),
    program: z.enum(['home-visits', 'generic']).default('generic').describe('home-visits: the report speaks of home visits and visited students; generic: of treatment and comparison'),
    units: z.record(z.string(), z.string().min(1)).default({}).describe('outcome → its unit as shown ("scale points"); "SD" marks a z-score; none: numbers without a unit'),
    domains: z.record(z.string(), z.string().min(1)).default({}).describe('outcome → its Benjamini–Hochberg domain; default: each outcome is its own domain'),
  })
  .strict();

export type CompareOptions = z.infer<typeof CompareOptionsSchema>;

/** The command-line flag of each option, so an error names the flag the user typed. */
export const COMPARE_FLAG: Record<keyof CompareOptions, string> = {
  data: '--data',
  treatment: '--treatment',
  outcomes: '--outcome',
  covariates: '--covariates',
  counts: '--counts',
  baselines: '--baseline',
  lowerIsBetter: '--lower-is-better',
  fixedEffects: '--fixed-effects',
  cluster: '--cluster',
  methods: '--method',
  out: '--out',
  minCell: '--min-cell',
  seed: '--seed',
  caliperSd: '--caliper-sd',
  trim: '--trim',
  title: '--title',
  year: '--year',
  program: '--program',
  units: '--units',
  domains: '--domain',
};

/** A unit that marks an outcome as a z-score (shown in SD). */
export const Z_SCORE_UNIT = /^(sd|z|z-?scores?)$/i;
