/**
 * metafor 3.8.1 / clubSandwich 0.5.8 reference values (R 4.2.2), computed once by
 * r-reference/meta-reference.R and stored in r-reference/meta-reference.json; no test needs R.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Design } from '../../../src/stats/regression/design.js';

/** One intercept-only rma fit (weights as proportions, I² as a proportion). */
export interface RFit {
  estimate: number;
  se: number;
  ci_low: number;
  ci_high: number;
  statistic: number;
  df: number | null;
  p_value: number;
  tau2: number;
  I2: number;
  H2: number;
  Q: number;
  Q_p: number;
  pi_low: number | null;
  pi_high: number | null;
  weights: number[];
}
export interface RCase {
  yi: number[];
  vi: number[];
  fits: Record<string, RFit>;
}
export interface RRegression {
  estimate: number[];
  se: number[];
  statistic: number[];
  p_value: number[];
  ci_low: number[];
  ci_high: number[];
  df: number | null;
  tau2: number;
  I2: number;
  H2: number;
  R2: number;
  QE: number;
  QE_df: number;
  QE_p: number;
  QM: number;
  QM_df1: number;
  QM_df2: number | null;
  QM_p: number;
}
export interface RRobust {
  tau2: number;
  estimate: number[];
  se: number[];
  statistic: number[];
  df: number[];
  p_value: number[];
  ci_low: number[];
  ci_high: number[];
}
export interface MetaReference {
  normand: RCase & { REML_default_threshold_tau2: number; REML_default_estimate: number };
  k2: RCase;
  homogeneous: RCase;
  equal_vi: RCase;
  metareg_bcg: { yi: number[]; vi: number[]; ablat: number[]; year: number[] } & Record<string, RRegression>;
  robust_bcg: { cluster: number[] } & Record<string, RRobust>;
}

const here = dirname(fileURLToPath(import.meta.url));
export const ref = JSON.parse(readFileSync(join(here, 'r-reference', 'meta-reference.json'), 'utf8')) as MetaReference;

/** Design of an intercept plus the given named columns (k rows). */
export function designOf(columns: Record<string, number[]>): Design {
  const entries = Object.entries(columns);
  const n = entries[0]![1].length;
  return {
    n,
    names: ['intrcpt', ...entries.map(([name]) => name)],
    columns: [new Float64Array(n).fill(1), ...entries.map(([, c]) => Float64Array.from(c))],
  };
}
