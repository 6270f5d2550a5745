/**
 * network.json (network_version 1.0.0): the pooled results of `hve network` (site bundles) and `hve pool` (a plain
 * effects table). Every number carries the estimator and CI method that produced it (METHODS.md §5, §13).
 */
import { z } from 'zod';

export const NETWORK_VERSION = '1.0.0';

const num = z.number().finite().nullable();
const count = z.number().int().nonnegative().nullable();

/** How a pooled number was estimated: fixed effect, random effects with the DL or REML τ², or robust variance estimation (several years of one site). */
export const EstimatorSchema = z.enum(['FE', 'DL', 'REML', 'RVE']);
export type Estimator = z.infer<typeof EstimatorSchema>;

/** How a CI was made: Wald (normal), Hartung–Knapp–Sidik–Jonkman (t, k − 1 df), or CR2 with Satterthwaite df (RVE). */
export const CiMethodSchema = z.enum(['wald', 'hksj', 'cr2_satterthwaite']);
export type CiMethod = z.infer<typeof CiMethodSchema>;

/** Which scale a pooled cell is on: the site estimate in its outcome's unit (a proportion for yes/no outcomes), the effect size (Hedges g / Cox index), or as reported in a pool CSV. */
export const ScaleSchema = z.enum(['difference', 'effect_size', 'reported']);
export type Scale = z.infer<typeof ScaleSchema>;

/** The method a site used; `reported` for a row of a pool CSV. */
export const SiteMethodSchema = z.enum(['unadjusted', 'regression', 'matching', 'weighting', 'reported']);
export type SiteMethod = z.infer<typeof SiteMethodSchema>;

/** One study (site-year) of a pooled cell, as its bundle (or CSV row) gave it, with its weight under each estimator. */
export const StudyRowSchema = z
  .object({
    site: z.string(),
    state: z.string().nullable(),
    year: z.number().int().nullable(),
    estimate: z.number().finite(),
    se: z.number().finite().positive(),
    variance: z.number().finite().positive(),
    ci_low: z.number().finite().describe('estimate ± z·se (Wald, normal), as a forest plot draws it'),
    ci_high: z.number().finite(),
    n_treated: count,
    n_comparison: count,
    n: count.describe('n_treated + n_comparison, or the n column of a pool CSV'),
    reach: num,
    fidelity_score: num,
    weights: z
      .array(z.object({ estimator: EstimatorSchema, weight: z.number().min(0).max(1).describe('share of the total weight (sums to 1 over the studies)') }).strict())
      .describe('inverse-variance weights: FE 1/v, DL and REML 1/(v + τ²), RVE its working weights'),
  })
  .strict();
export type StudyRow = z.infer<typeof StudyRowSchema>;

/** One CI of a pooled estimate. */
export const PooledCiSchema = z
  .object({
    ci_method: CiMethodSchema,
    se: num.describe('the SE this CI uses (the HKSJ SE for hksj)'),
    df: num.describe('degrees of freedom of the t reference (k − 1 for hksj, Satterthwaite for RVE); null for Wald (normal)'),
    ci_low: num,
    ci_high: num,
    p_value: num,
    prediction: z
      .object({ method: z.enum(['z', 't_k_minus_1']), low: num, high: num })
      .strict()
      .nullable()
      .optional()
      .describe("the prediction interval beside this CI, as metafor's predict(): μ ± z·√(τ² + SE²) beside Wald and CR2, μ ± t(k − 1)·√(τ² + SE²_HKSJ) beside HKSJ; null for FE"),
  })
  .strict();
export type PooledCi = z.infer<typeof PooledCiSchema>;

/** One estimator's pooled result. */
export const PooledFitSchema = z
  .object({
    estimator: EstimatorSchema,
    estimate: num,
    se: num.describe('1/√Σw of this estimator (model-based; the RVE robust SE for RVE)'),
    tau2: num.describe('between-site variance τ²: 0 for FE, DL or REML for the random-effects fits, the RVE moment estimate for RVE'),
    tau: num,
    i2: num.describe('I² as a share 0..1 (metafor: τ² / (τ² + s̃²)); null for FE'),
    cis: z.array(PooledCiSchema).describe('FE: wald; DL and REML: wald and hksj; RVE: cr2_satterthwaite'),
    prediction: z
      .object({ method: z.enum(['z', 't_k_minus_1']), low: num, high: num })
      .strict()
      .nullable()
      .describe("prediction interval μ ± z·√(τ² + SE²) beside the Wald CI (metafor's default); the HKSJ one is on its CI; null for FE"),
    rows: z
      .enum(['every_study', 'latest_year_per_site'])
      .optional()
      .describe('latest_year_per_site: with several years of a site, the FE/DL/REML fits over one row per site (its latest year), beside the RVE fit over every year'),
    k: z.number().int().nonnegative().optional().describe('the rows this fit pooled (latest_year_per_site: one per site), when not every study of the cell'),
    n_total: count.optional().describe('Σ n over the rows this fit pooled, when not every study of the cell'),
  })
  .strict();
export type PooledFit = z.infer<typeof PooledFitSchema>;

/** Why a pooled cell (or a state row) shows no numbers. */
export const PooledSuppressionSchema = z.enum(['pooled_n_below_min_cell', 'no_study', 'single_study']);

/** One pooled cell: an outcome × site method × scale, pooled over the studies that showed a number. */
export const PooledCellSchema = z
  .object({
    outcome: z.string(),
    label: z.string(),
    outcome_type: z.enum(['continuous', 'binary', 'count', 'reported']),
    unit: z.enum(['percent', 'days', 'incidents', 'sd', 'value', 'effect_size', 'reported']).describe('the unit of estimate: percent outcomes are on the proportion scale (0.05 = 5 points)'),
    lower_is_better: z.boolean().nullable(),
    method: SiteMethodSchema,
    scale: ScaleSchema,
    effect_size_type: z.enum(['hedges_g', 'cox_index']).nullable().describe('scale effect_size: which effect size'),
    k: z.number().int().nonnegative().describe('studies (site-years) pooled'),
    sites: z.number().int().nonnegative(),
    dependence: z.enum(['one_study_per_site', 'several_years_rve']).describe('several_years_rve: some site has several years, so only RVE clustered by site is reported (never FE/DL/REML over dependent rows)'),
    left_out: z
      .object({
        suppressed: z.number().int().nonnegative().describe("studies whose bundle hid this estimate or its SE (the site's gate)"),
        sites: z.array(z.string()),
        not_credible: z
          .array(z.object({ site: z.string(), year: z.number().int().nullable(), reason: z.enum(['df_at_most_2', 'se_not_credible']) }).strict())
          .optional()
          .describe('studies refused from pooling because their uncertainty is not credible: df of 2 or fewer (a t with 2 or fewer df has no finite variance), or an SE not finite and positive or below 1e-8·|estimate| + 1e-12'),
      })
      .strict(),
    n_total: count.describe('Σ (n_treated + n_comparison) over the pooled studies; null when some study has no n'),
    suppressed: z.boolean(),
    suppression_reason: PooledSuppressionSchema.nullable(),
    heterogeneity: z
      .object({
        q: num,
        q_df: z.number().int().nullable(),
        q_p_value: num,
        rows: z.enum(['every_study', 'latest_year_per_site']).optional().describe('latest_year_per_site: computed over one row per site (its latest year), as the FE/DL/REML fits beside RVE'),
        k: z.number().int().nonnegative().optional(),
        tau2_reml: num.optional().describe('REML τ² over the same rows'),
        i2_reml: num.optional().describe('I² (REML) over the same rows, a share 0..1'),
      })
      .strict()
      .nullable()
      .describe("Cochran's Q about the fixed-effect mean, df k − 1, χ² p, with the REML τ² and I², over the rows named by `rows`"),
    fits: z.array(PooledFitSchema),
    studies: z.array(StudyRowSchema),
    notes: z.array(z.string()),
  })
  .strict();
export type PooledCell = z.infer<typeof PooledCellSchema>;

/** One coefficient of a meta-regression. */
export const CoefficientSchema = z
  .object({ term: z.string(), estimate: num, se: num, df: num, ci_low: num, ci_high: num, p_value: num })
  .strict();

/** A meta-regression of site effects on one site-level moderator. */
export const MetaRegressionSchema = z
  .object({
    outcome: z.string(),
    label: z.string(),
    method: SiteMethodSchema,
    scale: ScaleSchema,
    moderator: z.enum(['reach', 'fidelity_score']),
    k: z.number().int().nonnegative(),
    sites: z.number().int().nonnegative(),
    estimator: z.enum(['REML', 'RVE']).describe('REML τ² (metafor rma mods = ~ x), or RVE clustered by site when a site has several years'),
    test: z.enum(['knha', 'cr2_satterthwaite']).describe('Knapp–Hartung t(k − p), or CR2 with Satterthwaite df'),
    tau2_residual: num,
    coefficients: z.array(CoefficientSchema),
    low_power: z.boolean().describe('fewer than 10 sites'),
    suppressed: z.boolean(),
    suppression_reason: z.enum(['pooled_n_below_min_cell', 'too_few_studies', 'moderator_constant']).nullable(),
    notes: z.array(z.string()).describe('e.g. "with fewer than 10 sites the test has little power"'),
  })
  .strict();
export type MetaRegressionRow = z.infer<typeof MetaRegressionSchema>;

/** The by-state roll-up of one pooled cell: REML τ² with the HKSJ CI within a state, or a single site shown as that site. */
export const StateRowSchema = z
  .object({
    state: z.string(),
    outcome: z.string(),
    method: SiteMethodSchema,
    scale: ScaleSchema,
    kind: z.enum(['state', 'single_site']).describe('single_site: the state has one site, shown as that site (its own estimate and Wald CI), not as a state'),
    site: z.string().nullable().describe('the site, for single_site'),
    year: z.number().int().nullable().describe('single_site: the year shown (its latest, when the site has several)'),
    sites: z.number().int().nonnegative(),
    k: z.number().int().nonnegative(),
    estimator: EstimatorSchema.nullable().describe('null for single_site (the site estimate itself)'),
    ci_method: CiMethodSchema,
    estimate: num,
    ci_low: num,
    ci_high: num,
    tau2: num,
    n_total: count,
    suppressed: z.boolean(),
    suppression_reason: PooledSuppressionSchema.nullable(),
  })
  .strict();
export type StateRow = z.infer<typeof StateRowSchema>;

/** One site (site-year) of the network, as its bundle (or the CSV) gave it. */
export const SiteRowSchema = z
  .object({
    site: z.string(),
    state: z.string().nullable(),
    year: z.number().int().nullable(),
    file: z.string().describe('the bundle or CSV it came from, as named (relative to the folder given)'),
    schools: z.number().int().nonnegative().nullable(),
    reach: num.describe("the site's share of students visited"),
    schools_at_threshold: z.number().int().nonnegative().nullable(),
    program_schools: z.number().int().nonnegative().nullable(),
    fidelity_score: num,
    n: count.describe('the largest n_treated + n_comparison of its estimates'),
    cost_per_visited_student: num,
    currency: z.string().nullable(),
    price_year: z.number().int().nullable(),
  })
  .strict();
export type SiteRow = z.infer<typeof SiteRowSchema>;

/** A bundle left out of the pool, and why. */
export const ExcludedSchema = z
  .object({ file: z.string(), site: z.string().nullable(), year: z.number().int().nullable(), reason: z.enum(['mixed_definitions', 'mixed_version', 'mixed_min_cell']) })
  .strict();

export const NetworkResultsSchema = z
  .object({
    network_version: z.literal(NETWORK_VERSION),
    source: z.enum(['bundles', 'pool_csv']),
    generated_at: z.string(),
    software_version: z.string(),
    min_cell: z.number().int().positive().describe('the largest min_cell of the bundles (or 10 for a pool CSV): a pooled cell resting on fewer students is suppressed'),
    definitions: z
      .object({ chronic_threshold: z.number(), min_days_enrolled: z.number(), proficient_level: z.number(), comparison_group: z.enum(['program_schools', 'all_schools']) })
      .strict()
      .nullable()
      .describe('the definitions every pooled bundle shares; null for a pool CSV or a mixed pool'),
    mixed: z.boolean().describe('--allow-mixed pooled bundles with different definitions or versions'),
    excluded: z.array(ExcludedSchema).describe('bundles left out, each named by its path relative to the folder given'),
    input_rows: z
      .object({
        file: z.string(),
        read: z.number().int().nonnegative(),
        accepted: z.number().int().nonnegative(),
        rejected: z.number().int().nonnegative(),
        rejected_by_reason: z.record(z.string(), z.number().int().nonnegative()),
      })
      .strict()
      .nullable()
      .optional()
      .describe('hve pool: the rows of the effects CSV, read = accepted + rejected, rejects by reason'),
    sites: z.array(SiteRowSchema),
    pooled: z.array(PooledCellSchema),
    meta_regression: z.array(MetaRegressionSchema),
    states: z.array(StateRowSchema),
    rules: z
      .object({
        prediction_interval: z.literal('z_wald_t_hksj').describe("as metafor's predict(): μ ± z·√(τ² + SE²) beside Wald (and CR2), μ ± t(k − 1)·√(τ² + SE²_HKSJ) beside HKSJ"),
        level: z.number(),
        several_years: z.literal('rve_cr2_by_site'),
        state_rollup: z.literal('REML_hksj'),
        low_power_sites: z.literal(10),
      })
      .strict(),
    notes: z.array(z.string()).describe('sentences about the whole pool (left-out bundles, mixed definitions)'),
  })
  .strict();
export type NetworkResults = z.infer<typeof NetworkResultsSchema>;
