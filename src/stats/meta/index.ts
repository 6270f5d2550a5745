/** Meta-analysis: pooling, meta-regression and robust variance estimation across sites (METHODS.md §5, §13). */
export { metaAnalysis } from './meta-analysis.js';
export { metaRegression, type MetaRegressionOptions } from './meta-regression.js';
export { robustMeta } from './robust-meta.js';
export { fSurvival } from '../f-distribution.js';
export type {
  MetaMethod,
  MetaTest,
  MetaNote,
  MetaInput,
  MetaRegressionInput,
  RobustMetaInput,
  MetaOptions,
  MetaAnalysisResult,
  MetaCoefficient,
  MetaRegressionResult,
  RobustMetaOptions,
  RobustMetaResult,
} from './meta-types.js';
