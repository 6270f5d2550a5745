/** A caution from a model fit, as a code (with the count of rows it concerns) rather than text. */
export interface FitWarning {
  code: 'not_converged' | 'aliased_columns' | 'separation';
  /** rows whose fitted probability is numerically 0 or 1 (separation) */
  rows?: number;
}
