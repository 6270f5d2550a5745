/** Pure statistics functions: distributions, group summaries, two-group differences, WWC effect sizes, BH. */
export { normalCdf, normalQuantile } from './normal.js';
export { tCdf, tQuantile, tTwoSidedP } from './student-t.js';
export { logGamma, logBeta } from './log-gamma.js';
export { regularizedIncompleteBeta } from './incomplete-beta.js';
export { summarize, type GroupSummary } from './summary.js';
export { type DifferenceResult } from './difference-result.js';
export { welchDifference } from './welch.js';
export { proportionDifference, type ProportionSummary } from './proportion-difference.js';
export { pooledSd, smallSampleCorrection, hedgesG } from './hedges-g.js';
export { coxIndex, oddsRatio } from './cox-index.js';
export { improvementIndex } from './improvement-index.js';
export { bhAdjust, bhSignificant } from './benjamini-hochberg.js';
export {
  nearestNeighborMatch,
  attOddsWeights,
  balanceTable,
  wwcBand,
  type MatchOrder,
  type MatchResult,
  type NearestNeighborMatchOptions,
  type AttOddsWeightsOptions,
  type AttOddsWeightsResult,
  type BalanceCovariate,
  type BalanceRow,
  type BalanceTableOptions,
  type WwcBand,
} from './matching/index.js';
export { chiSquareSurvival, regularizedGammaQ } from './chi-square.js';
export {
  fitLinear,
  fitLogistic,
  fitPoisson,
  modelVcov,
  clusterVcov,
  satterthwaiteDf,
  coefTest,
  deltaMethodSe,
  averageMarginalEffectOnTreated,
  poissonAmeOnTreated,
  waldTestP,
  type Design,
  type FitWarning,
  type GlmFit,
  type GlmFamily,
  type GlmOptions,
  type LinearOptions,
  type ClusterVcov,
  type VcovType,
  type CoefTest,
} from './regression/index.js';
export { fiellerInterval, type FiellerInput, type FiellerSet } from './fieller.js';
export {
  clusterCount,
  clusterDrawCounts,
  rowWeightsFromCounts,
  clusterBootstrapWeights,
  clusterOlsRefitter,
  olsBootstrapDraws,
} from './cluster-bootstrap.js';
export { percentileRatioInterval, sortedQuantile, type PercentileRatioInterval } from './percentile-ratio-interval.js';
export { hedgesGStandardError, coxIndexStandardError } from './effect-size-se.js';
export {
  metaAnalysis,
  metaRegression,
  robustMeta,
  fSurvival,
  type MetaMethod,
  type MetaTest,
  type MetaNote,
  type MetaInput,
  type MetaRegressionInput,
  type RobustMetaInput,
  type MetaOptions,
  type MetaRegressionOptions,
  type MetaAnalysisResult,
  type MetaCoefficient,
  type MetaRegressionResult,
  type RobustMetaOptions,
  type RobustMetaResult,
} from './meta/index.js';
