/** The no-targeting practice from group aggregates: WWC standardized differences of visited vs non-visited students on prior-year measures. */
import { hedgesG } from '../stats/hedges-g.js';
import { coxIndex } from '../stats/cox-index.js';
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
  return {
    covariate,
    effect_size_type: binary ? 'cox_index' : 'hedges_g',
    n_visited: visited.n,
    n_not_visited: other.n,
    mean_visited: visited.n > 0 ? visited.mean : null,
    mean_not_visited: other.n > 0 ? other.mean : null,
    smd,
    worse_off: smd === null ? null : smd * worse,
  };
}

/**
 * The no-targeting practice: targeting when the visited students were worse off than the others by more than
 * `threshold` on any measure, self-selection when better off by more than it; null when no measure could be compared.
 */
export function notTargeted(contrasts: CovariateContrast[], threshold: number): NotTargeted | null {
  const scored = contrasts.filter((c) => c.worse_off !== null);
  if (!scored.length) return null;
  const targetingOn = scored.filter((c) => c.worse_off! > threshold).map((c) => c.covariate);
  const selfOn = scored.filter((c) => c.worse_off! < -threshold).map((c) => c.covariate);
  return { covariates: contrasts, targeting: targetingOn.length > 0, targeting_on: targetingOn, self_selection: selfOn.length > 0, self_selection_on: selfOn };
}
