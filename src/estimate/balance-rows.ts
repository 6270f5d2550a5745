import { balanceTable } from '../stats/matching/index.js';
import type { BalanceRowResult, Results } from '../results/results-schema.js';
import type { AnalysisFrame } from './analysis-frame.js';
import type { CovariateSpec } from './covariate-design.js';
import { finiteOrNone } from './finite-or-null.js';

/** The balance table of one sample (results.json `balance[]`). */
export type SampleBalance = NonNullable<Results['balance']>[number];

/**
 * The balance of every covariate (numeric measures and one row per demographic level) between the visited
 * and comparison students of a sample: the analytic sample, or the matched or weighted one (`weights`, one per frame row).
 */
export function sampleBalance(frame: AnalysisFrame, spec: CovariateSpec, sample: SampleBalance['sample'], weights?: Float64Array): SampleBalance {
  const covs: { name: string; values: Float64Array; binary: boolean }[] = [];
  for (const name of spec.numeric) {
    const v = frame.numeric[name]!;
    let binary = true;
    for (let i = 0; i < v.length && binary; i++) if (!Number.isNaN(v[i]!) && v[i] !== 0 && v[i] !== 1) binary = false;
    covs.push({ name, values: v, binary });
  }
  for (const name of spec.categorical) {
    const c = frame.categorical[name]!;
    c.levels.forEach((level, l) => covs.push({ name: `${name}: ${level}`, values: Float64Array.from(c.codes, (x) => (x < 0 ? NaN : x === l ? 1 : 0)), binary: true }));
  }
  const treated = Uint8Array.from(frame.numeric.visited!, (v) => (v === 1 ? 1 : 0));
  const rows = balanceTable({ covariates: covs, treated, ...(weights ? { weights } : {}) });
  return {
    sample,
    rows: rows.map(
      (r): BalanceRowResult => ({
        name: r.name,
        binary: r.binary,
        n_treated: finiteOrNone(r.n_treated),
        n_comparison: finiteOrNone(r.n_comparison),
        mean_treated: r.mean_treated,
        mean_comparison: r.mean_comparison,
        effect_size: r.effect_size,
        effect_size_type: r.effect_size_type,
        band: r.wwc_band,
        variance_ratio: r.variance_ratio,
        suppressed: false,
      }),
    ),
  };
}
