/** Regression: OLS / logistic / Poisson fits (fixed effects absorbed), robust and cluster-robust covariances, CR2 df, AME. */
export type { Design } from './design.js';
export {
  fitLinear,
  fitLogistic,
  fitPoisson,
  modelVcov,
  type GlmFit,
  type GlmFamily,
  type GlmOptions,
  type LinearOptions,
} from './glm.js';
export { clusterVcov, type ClusterVcov, type VcovType } from './vcov.js';
export { satterthwaiteDf } from './satterthwaite.js';
export { coefTest, deltaMethodSe, type CoefTest } from './inference.js';
export { averageMarginalEffectOnTreated } from './marginal-effects.js';
export type { FitWarning } from './fit-warning.js';
export { poissonAmeOnTreated } from './poisson-ame.js';
export { type FixedEffects, type AbsorbedEffects, demeanedDesign, expandFixedEffects, makeAbsorber, nestedIn } from './absorb.js';
export { absorbedDeltaSe } from './absorbed-delta.js';
export { waldTestP } from './wald-test.js';
