/** The pooling input: studies (site-years) grouped into cells of outcome × method × scale. */
import type { PooledCell } from './network-schema.js';

/** One study of a cell: a site-year's estimate and SE on the cell's scale, with its n and moderators. */
export interface PoolStudy {
  site: string;
  state: string | null;
  year: number | null;
  yi: number;
  se: number;
  /** the site estimate's degrees of freedom (null: a normal test, or not given) */
  df: number | null;
  n_treated: number | null;
  n_comparison: number | null;
  /** n_treated + n_comparison, or the n of a pool CSV row */
  n: number | null;
  reach: number | null;
  fidelity_score: number | null;
}

/** One cell to pool, before pooling. */
export interface PoolCellInput {
  outcome: string;
  label: string;
  outcome_type: PooledCell['outcome_type'];
  unit: PooledCell['unit'];
  lower_is_better: boolean | null;
  method: PooledCell['method'];
  scale: PooledCell['scale'];
  effect_size_type: PooledCell['effect_size_type'];
  studies: PoolStudy[];
  /** sites (site-years) whose bundle hid this estimate or its SE */
  left_out: string[];
}

/** The cell key (outcome, method, scale) as one string. */
export function cellKey(outcome: string, method: string, scale: string): string {
  return `${outcome}\u0000${method}\u0000${scale}`;
}
