/**
 * bundle.json (bundle_version 1.0.0): what one site sends the network. Aggregates only, built from the site's
 * gated results: no subgroup or school rows (they carry the small cells), and no free text except the site and
 * state names; every other string is a code from a fixed list.
 */
import { z } from 'zod';
import { OUTCOMES } from '../estimate/outcomes.js';
import { SeTypeSchema } from '../results/vocabulary.js';
import { SHARE_MEASURES } from '../results/fidelity-results-schema.js';

export const BUNDLE_VERSION = '1.0.0';
/** Bundle versions this software reads. */
export const READABLE_BUNDLE_VERSIONS = [BUNDLE_VERSION] as const;

/** The outcome ids a bundle may name (the pipeline's outcomes, METHODS.md §2). */
export const BUNDLE_OUTCOMES = OUTCOMES.map((o) => o.outcome) as [string, ...string[]];
export const BUNDLE_METHODS = ['unadjusted', 'regression', 'matching', 'weighting'] as const;
export const BUNDLE_EXTRACTS = ['students', 'visits', 'attendance', 'discipline', 'assessments', 'schools', 'educators'] as const;

/** A site id, as the pipeline file allows it. */
export const SITE_ID = /^[a-z0-9][a-z0-9_-]*$/i;
/** A state: a two-letter code or a name of letters, spaces, dots and hyphens (no digits). */
export const STATE_NAME = /^[A-Za-z][A-Za-z .'-]{0,39}$/;

const num = z.number().finite().nullable();
/** A count of students: 0, at least min_cell, or null when hidden (the second gate checks it). */
const students = z.number().int().nonnegative().nullable();
const sha = z.string().regex(/^[0-9a-f]{64}$/);

export const BundleEstimateSchema = z
  .object({
    method: z.enum(BUNDLE_METHODS),
    estimate: num.describe('visited − comparison on the outcome scale (a proportion for yes/no outcomes)'),
    se: num,
    se_type: SeTypeSchema.nullable(),
    df: num.describe('null: a normal (z) test'),
    ci_low: num,
    ci_high: num,
    p_value: num,
    n_treated: students,
    n_comparison: students,
    effect_size: num,
    effect_size_type: z.enum(['hedges_g', 'cox_index']),
    effect_size_se: num.describe("large-sample SE of the effect size, computed at the site (g: from g and the n's; Cox index: from the group proportions and n's); null when a number it needs was hidden"),
    baseline_verdict: z.enum(['meets_with_reservations', 'does_not_meet', 'not_assessed']),
    suppressed: z.boolean().describe("the site's gate hid this estimate: every number of it is null"),
  })
  .strict();
export type BundleEstimate = z.infer<typeof BundleEstimateSchema>;

export const BundleOutcomeSchema = z
  .object({
    outcome: z.enum(BUNDLE_OUTCOMES),
    type: z.enum(['continuous', 'binary', 'count']),
    unit: z.enum(['percent', 'days', 'incidents', 'sd']),
    lower_is_better: z.boolean(),
    estimates: z.array(BundleEstimateSchema),
  })
  .strict();
export type BundleOutcome = z.infer<typeof BundleOutcomeSchema>;

export const BundleDefinitionsSchema = z
  .object({
    chronic_threshold: z.number(),
    min_days_enrolled: z.number(),
    proficient_level: z.number(),
    comparison_group: z.enum(['program_schools', 'all_schools']),
  })
  .strict();
export type BundleDefinitions = z.infer<typeof BundleDefinitionsSchema>;

export const BundleSchema = z
  .object({
    bundle_version: z.literal(BUNDLE_VERSION),
    site: z.string().regex(SITE_ID),
    state: z.string().regex(STATE_NAME).nullable(),
    outcome_year: z.number().int().min(1990).max(2100),
    schools: z.number().int().nonnegative().nullable().describe('schools of the site (fidelity rows)'),
    provenance: z
      .object({
        software: z.literal('home-visit-eval'),
        software_version: z.string().regex(/^[0-9A-Za-z.+-]+$/),
        results_schema_version: z.string().regex(/^\d+\.\d+\.\d+$/),
        pipeline_sha256: sha,
        inputs: z.array(z.object({ extract: z.enum(BUNDLE_EXTRACTS), sha256: sha }).strict()),
      })
      .strict(),
    definitions: BundleDefinitionsSchema,
    min_cell: z.number().int().positive(),
    outcomes: z.array(BundleOutcomeSchema),
    reach: z
      .object({
        share: num.describe("the site's share of its students visited"),
        threshold: z.number(),
        schools_at_threshold: z.number().int().nonnegative().nullable(),
        program_schools: z.number().int().nonnegative().nullable(),
      })
      .strict()
      .nullable(),
    fidelity: z
      .object({
        score: num.describe('the site fidelity score (plain mean of the recorded practice components)'),
        practice_shares: z.array(z.object({ measure: z.enum(SHARE_MEASURES), recorded: z.boolean(), share: num }).strict()),
      })
      .strict()
      .nullable(),
    cost: z
      .object({
        source: z.enum(['ingredients', 'logged_stipends']),
        total: num,
        per_visited_student: num,
        currency: z.string().regex(/^[A-Z]{3}$/),
        price_year: z.number().int().nullable(),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type Bundle = z.infer<typeof BundleSchema>;

/** The JSON pointers of every student-count field of a bundle: the fields the second gate checks against min_cell. */
export function studentCountFields(b: Bundle): { path: string; value: number | null }[] {
  const out: { path: string; value: number | null }[] = [];
  b.outcomes.forEach((o, i) =>
    o.estimates.forEach((e, j) => {
      out.push({ path: `/outcomes/${i}/estimates/${j}/n_treated`, value: e.n_treated });
      out.push({ path: `/outcomes/${i}/estimates/${j}/n_comparison`, value: e.n_comparison });
    }),
  );
  return out;
}
