/** Input, option and result types of the meta-analysis functions (METHODS.md §5, §13). */
import type { Design } from '../regression/design.js';

/** τ² estimator: none (fixed / common effect), DerSimonian–Laird, or REML by Fisher scoring. */
export type MetaMethod = 'FE' | 'DL' | 'REML';
/** Wald z test, or Hartung–Knapp–Sidik–Jonkman (metafor's test = "knha"): t(k − p) with a scaled variance. */
export type MetaTest = 'z' | 'knha';
/** Cautions as codes: one estimate only (no τ², Q or prediction interval), REML did not converge. */
export type MetaNote = 'single_estimate' | 'tau2_not_converged';

export interface MetaInput {
  /** Estimates, one per study (site × year). */
  yi: ArrayLike<number>;
  /** Their sampling variances (SE²), all > 0. */
  vi: ArrayLike<number>;
}

export interface MetaRegressionInput extends MetaInput {
  /** Column-major design with the intercept as a column of ones (put it in yourself). */
  X: Design;
  /** Coefficient names (default X.names). */
  names?: string[];
}

export interface RobustMetaInput extends MetaInput {
  /** Cluster (site) of each estimate. */
  cluster: ArrayLike<string | number>;
  /** Design as for metaRegression; default intercept only. */
  X?: Design;
  names?: string[];
}

export interface MetaOptions {
  method: MetaMethod;
  test: MetaTest;
  /** Confidence level of every interval (default 0.95). */
  level?: number;
}

export interface MetaAnalysisResult {
  method: MetaMethod;
  /** The test used ('z' when k = 1, whatever was asked, as metafor does). */
  test: MetaTest;
  level: number;
  k: number;
  estimate: number;
  se: number;
  ci_low: number;
  ci_high: number;
  statistic: number;
  /** t degrees of freedom (k − 1) for knha; null for z. */
  df: number | null;
  p_value: number;
  /** Between-study variance (0 for FE); null when k = 1. */
  tau2: number | null;
  tau: number | null;
  /** I² as a proportion in [0, 1] (metafor prints it × 100). */
  I2: number | null;
  H2: number | null;
  /** Cochran's Q with df k − 1 and its χ² p-value. */
  Q: number | null;
  Q_df: number | null;
  Q_p: number | null;
  /** Prediction interval μ ± crit·√(τ² + SE²), crit as for the CI (metafor's predict default); null for FE (metafor gives none) and k = 1. */
  pi_low: number | null;
  pi_high: number | null;
  /** 'z' for test z, 't_k-1' for knha (metafor uses the test's t(k − 1), not Higgins' t(k − 2)). */
  pi_method: 'z' | 't_k-1';
  /** Relative random-effects weights wᵢ/Σw, wᵢ = 1/(vᵢ + τ²) (sum 1), in input order. */
  weights: number[];
  notes: MetaNote[];
}

export interface MetaCoefficient {
  name: string;
  estimate: number;
  se: number;
  statistic: number;
  /** t df (k − p for knha, Satterthwaite for robustMeta); null for z. */
  df: number | null;
  p_value: number;
  ci_low: number;
  ci_high: number;
}

export interface MetaRegressionResult {
  method: 'REML' | 'DL';
  test: MetaTest;
  level: number;
  k: number;
  /** Kept coefficients (p of them) in design order. */
  coefficients: MetaCoefficient[];
  /** Aliased design columns left out (R's NA coefficients). */
  dropped: string[];
  /** Residual heterogeneity τ²_res, its I² (proportion) and H². */
  tau2: number;
  I2: number;
  H2: number;
  /** (τ²_0 − τ²_res)/τ²_0 with τ²_0 from the intercept-only model, floored at 0; 0 when τ²_0 = 0; null without an intercept. */
  R2: number | null;
  /** Residual heterogeneity test QE ~ χ²(k − p). */
  QE: number;
  QE_df: number;
  QE_p: number;
  /** Omnibus test of the non-intercept coefficients: χ²(m) for z; for knha QM is the F statistic on (m, k − p). Null when there is no moderator. */
  QM: number | null;
  QM_df1: number | null;
  QM_df2: number | null;
  QM_p: number | null;
  notes: MetaNote[];
}

export interface RobustMetaOptions {
  /** Working model whose weights 1/(v + τ²) are used (default REML). */
  method?: MetaMethod;
  level?: number;
}

export interface RobustMetaResult {
  method: MetaMethod;
  level: number;
  k: number;
  /** Number of clusters G. */
  clusters: number;
  /** τ² of the working model (estimated ignoring the clustering, as rma.uni). */
  tau2: number;
  /** CR2 SEs with Satterthwaite df (clubSandwich coef_test). */
  coefficients: MetaCoefficient[];
  dropped: string[];
  notes: MetaNote[];
}
