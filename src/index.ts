/**
 * The public API of home-visit-eval: what notebooks and other tools import (everything else under src/ is
 * internal and may change). See docs/architecture.md for how the pieces fit.
 */

/** Run an evaluation, or only read and check its extracts, from a pipeline file (what `hve run` and `hve validate` do). */
export { runPipeline, type RunResult } from './run/run-pipeline.js';
export { validatePipeline, type ValidationResult } from './run/validate-pipeline.js';

/** The pipeline file: its zod schema (every default and description), and reading a file or an object into a checked pipeline. */
export { PipelineSchema, SourceSchema, type Pipeline, type PipelineInput, type Source } from './config/pipeline-schema.js';
export { loadPipeline, parsePipeline, type LoadedPipeline } from './config/load-pipeline.js';

/** results.json: its zod schema and the types of its parts. */
export {
  ResultsSchema,
  SCHEMA_VERSION,
  type Results,
  type Estimate,
  type OutcomeResult,
  type ContrastResult,
  type BalanceRowResult,
  type SampleFlowRow,
  type SuppressionEntry,
  type NotEvaluated,
} from './results/results-schema.js';

/** The privacy gate: the only way to publishable results, the one type every writer of a publishable file takes. */
export { applyPrivacyGate, Publishable } from './privacy/privacy-gate.js';

/** The same estimators, gate and report on an analytic table an evaluator already has (what `hve compare` does). */
export { compareAnalyticFile } from './compare/compare-analytic-file.js';
export { CompareOptionsSchema, type CompareOptions } from './compare/compare-options.js';

/** A synthetic district with known true effects (what `hve generate` writes). */
export { generateDistrict, type GeneratedDistrict } from './generate/generate-district.js';
export { GeneratorOptionsSchema, type GeneratorOptions } from './generate/generator-options.js';

/** The data-quality assessment of an ingest: the gates a run checks before it estimates, and the results block. */
export { assessQuality, type QualityAssessment } from './quality/assess-quality.js';
export { QualitySchema, type Quality, type GateResult } from './quality/quality-schema.js';
export type { IngestResult } from './ingest/ingest-all.js';

/** The data contract: the canonical extracts (columns, types, codes, keys, rules), the reject reasons, and its documentation. */
export { EXTRACT_SPECS, type ExtractSpec, type ExtractName, type ColumnSpec } from './contract/extract-specs.js';
export { REJECT_REASONS, REASON_TEXT, type RejectReason } from './contract/reasons.js';
export { contractMarkdown } from './contract/contract-doc.js';

/**
 * The statistics a notebook uses: distributions, two-group comparisons and WWC effect sizes (Welch, difference in
 * proportions, Hedges' g, Cox index and their SEs, improvement index, Benjamini–Hochberg); regression (OLS, logistic
 * and Poisson fits, cluster-robust covariance CR1/CR2, Satterthwaite df, coefficient and Wald tests, AMEs on the
 * treated); propensity-score matching, ATT odds weights and WWC covariate balance; meta-analysis (FE, DL, REML,
 * Wald and HKSJ, meta-regression, robust variance estimation); Fieller and bootstrap ratio intervals; Cronbach's
 * alpha with Feldt's interval. The bootstrap's internals stay in src/stats.
 */
export {
  normalCdf, normalQuantile, tCdf, tQuantile, tTwoSidedP, logGamma, logBeta, regularizedIncompleteBeta, chiSquareSurvival, regularizedGammaQ,
  summarize, welchDifference, proportionDifference, hedgesG, pooledSd, smallSampleCorrection, coxIndex, oddsRatio, improvementIndex,
  bhAdjust, bhSignificant, hedgesGStandardError, coxIndexStandardError,
  fitLinear, fitLogistic, fitPoisson, modelVcov, clusterVcov, satterthwaiteDf, coefTest, deltaMethodSe, averageMarginalEffectOnTreated,
  poissonAmeOnTreated, waldTestP, nearestNeighborMatch, attOddsWeights, balanceTable, wwcBand,
  metaAnalysis, metaRegression, robustMeta, fiellerInterval, percentileRatioInterval, olsBootstrapDraws,
  type GroupSummary, type DifferenceResult, type ProportionSummary, type Design, type GlmFit, type ClusterVcov, type CoefTest,
  type BalanceRow, type MetaAnalysisResult, type MetaRegressionResult, type RobustMetaResult, type FiellerSet,
} from './stats/index.js';
export { cronbachAlpha, type AlphaResult } from './stats/cronbach-alpha.js';
export { feldtInterval } from './stats/feldt-interval.js';

/** Fidelity, cost and survey blocks of results.json, and the network: site bundles (aggregates only) and pooling across sites. */
export { FidelityResultsSchema, CostResultsSchema, type FidelityResults, type FidelityRow, type CostResults } from './results/fidelity-results-schema.js';
export { buildBundle } from './network/build-bundle.js';
export { BundleSchema, type Bundle } from './network/bundle-schema.js';
export { loadBundles } from './network/load-bundles.js';
export { poolNetwork } from './network/pool-network.js';
export { runNetwork, runPool } from './network/run-network.js';
export { NetworkResultsSchema, type NetworkResults } from './network/network-schema.js';
export { surveyFile } from './survey/survey-file.js';

/** Errors: a user's mistake (printed as one sentence, exit 2), and the seeded generator every random choice uses. */
export { InputError } from './util/input-error.js';
export { Prng } from './util/prng.js';
