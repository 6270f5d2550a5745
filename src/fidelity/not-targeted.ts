/** The no-targeting practice from group aggregates: WWC standardized differences of visited vs non-visited students on prior-year measures. */
import { hedgesG } from '../stats/hedges-g.js';
import { coxIndex } from '../stats/cox-index.js';
import { hedgesGStandardError, coxIndexStandardError } from '../stats/effect-size-se.js';
import { normalQuantile } from '../stats/normal.js';
import type { CovariateContrast, NotTargeted, TargetingCovariate } from './fidelity-schema.js';

/** Count, mean and sample variance of one group on one measure (from SQL: count, avg, var_samp). */
export interface GroupMoments {
  n: number;
  mean: number | null;
  variance: number | null;
}

/** How each measure is scored and which direction is worse off: +1 when a higher value is worse. */
const COVARIATES: Record<TargetingCovariate, { binary: boolean; worse: 1 | -1 }> = {
  prior_attendance_rate: { binary: false, worse: -1 },
  prior_chronic_absence: { binary: true, worse: 1 },
  prior_any_incident: { binary: true, worse: 1 },
  prior_ela_z: { binary: false, worse: -1 },
};

const finite = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * One measure's contrast: Hedges' g (pooled SD with the WWC small-sample correction) for a rate or z-score, the
 * Cox index for a yes/no measure, as the balance table scores them; null when undefined.
 */
export function covariateContrast(covariate: TargetingCovariate, visited: GroupMoments, other: GroupMoments): CovariateContrast {
  const { binary, worse } = COVARIATES[covariate];
  let smd: number | null = null;
  if (visited.n > 0 && other.n > 0 && visited.mean !== null && other.mean !== null) {
    smd = binary
      ? finite(coxIndex(visited.mean, other.mean, visited.n, other.n))
      : finite(
          hedgesG(
            { n: visited.n, mean: visited.mean, sd: Math.sqrt(visited.variance ?? 0) },
            { n: other.n, mean: other.mean, sd: Math.sqrt(other.variance ?? 0) },
          ),
        );
  }
  const se =
    smd === null ? null : finite(binary ? coxIndexStandardError(visited.mean!, other.mean!, visited.n, other.n) : hedgesGStandardError(smd, visited.n, other.n));
  return {
    covariate,
    effect_size_type: binary ? 'cox_index' : 'hedges_g',
    se,
    n_visited: visited.n,
    n_not_visited: other.n,
    mean_visited: visited.n > 0 ? visited.mean : null,
    mean_not_visited: other.n > 0 ? other.mean : null,
    smd,
    worse_off: smd === null ? null : smd * worse,
  };
}

/**
 * The no-targeting practice. Targeting is flagged on a measure when the visited students were worse off than the
 * others by more than `threshold` and that difference is distinguishable from none: worse_off / se above the
 * normal quantile 1 − 0.05/(2m), Bonferroni over the m measures compared (so that, in a school without targeting,
 * noise in a few dozen tested students flags no practice 95% of the time). A difference beyond the threshold that
 * is not distinguishable from none is listed as `targeting_imprecise_on`, not flagged. Self-selection (better off
 * by more than `threshold`) is a baseline-equivalence warning and needs no test. Null when no measure was compared.
 */
export function notTargeted(contrasts: CovariateContrast[], threshold: number): NotTargeted | null {
  const scored = contrasts.filter((c) => c.worse_off !== null);
  if (!scored.length) return null;
  const z = normalQuantile(1 - 0.05 / (2 * scored.length));
  const beyond = scored.filter((c) => c.worse_off! > threshold);
  const clear = (c: CovariateContrast) => c.se !== null && c.se > 0 && c.worse_off! / c.se > z;
  const targetingOn = beyond.filter(clear).map((c) => c.covariate);
  const impreciseOn = beyond.filter((c) => !clear(c)).map((c) => c.covariate);
  const selfOn = scored.filter((c) => c.worse_off! < -threshold).map((c) => c.covariate);
  return {
    covariates: contrasts,
    targeting: targetingOn.length > 0,
    targeting_on: targetingOn,
    targeting_imprecise_on: impreciseOn,
    self_selection: selfOn.length > 0,
    self_selection_on: selfOn,
  };
}
