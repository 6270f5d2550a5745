/** Residual heterogeneity as metafor reports it: QE with the fixed-effect weights, I² and H². */
import type { Design } from '../regression/design.js';
import { chiSquareSurvival } from '../chi-square.js';
import type { MetaMethod } from './meta-types.js';
import { weightedPieces } from './projection.js';

export interface Heterogeneity {
  QE: number;
  QE_df: number;
  QE_p: number;
  /** Proportion in [0, 1]. */
  I2: number;
  H2: number;
}

/**
 * QE = Y′P_FE Y ~ χ²(k − p); for FE I² = max(0, (QE − (k − p))/QE), H² = QE/(k − p); otherwise
 * I² = τ²/(τ² + s̃²), H² = 1 + τ²/s̃² with the typical variance s̃² = (k − p)/tr(P_FE). With
 * k ≤ p: QE = 0, p = 1, I² = 0, H² = 1 (as metafor).
 */
export function heterogeneity(X: Design, y: Float64Array, v: Float64Array, method: MetaMethod, tau2: number): Heterogeneity {
  const k = y.length;
  const p = X.columns.length;
  if (k <= p) return { QE: 0, QE_df: k - p, QE_p: 1, I2: 0, H2: 1 };
  const { rss, traceP } = weightedPieces(X, y, v.map((x) => 1 / x));
  const QE = Math.max(0, rss);
  const df = k - p;
  const QE_p = chiSquareSurvival(QE, df);
  if (method === 'FE') return { QE, QE_df: df, QE_p, I2: QE > 0 ? Math.max(0, (QE - df) / QE) : 0, H2: QE / df };
  const vt = df / traceP;
  return { QE, QE_df: df, QE_p, I2: tau2 / (vt + tau2), H2: tau2 / vt + 1 };
}
