/**
 * ATT "odds" weights (METHODS.md §4, weighting row), as R's `WeightIt::weightit(estimand = "ATT")`
 * with a logistic propensity score, and the effective sample size as WeightIt/cobalt report it.
 *
 * - treated: weight 1;
 * - comparison: ps/(1 − ps), then rescaled so the comparison weights sum to the number of treated
 *   units (a constant rescaling: it changes neither weighted means nor the ESS);
 * - ESS per group: (Σw)²/Σw² (Kish), cobalt's `bal.tab()` "Effective sample sizes".
 *
 * Trimming (decision): `trimAt = a` truncates (winsorises) every propensity score to [a, 1 − a]
 * before forming the odds, so a comparison weight is at most (1 − a)/a before normalisation; no unit
 * is dropped. This is ps truncation (e.g. a = 0.01 or 0.05), not WeightIt's `trim()` (which caps
 * the weights at a quantile). Default: no trimming. For the ATT only the comparison units' scores
 * change a weight, so `trimmed` counts the comparison units whose score was moved.
 */

export interface AttOddsWeightsOptions {
  /** Truncate ps to [trimAt, 1 − trimAt] before forming the odds; 0 ≤ trimAt < 0.5. Default: none. */
  trimAt?: number;
}

export interface AttOddsWeightsResult {
  /** One weight per unit: 1 for treated, normalised odds for comparison, 0 for units with a missing (NaN) ps. */
  weights: Float64Array;
  /** Kish effective sample size (Σw)²/Σw² per group; 0 for a group with no positive weight. */
  ess: { treated: number; comparison: number };
  /** Comparison units whose ps was truncated into [trimAt, 1 − trimAt]. */
  trimmed: number;
  /** Units with a NaN ps: weight 0, excluded from both groups. */
  missing: number;
}

/** ATT odds weights: treated 1, comparison ps/(1 − ps) normalised to sum to n_treated; ESS (Σw)²/Σw² per group. */
export function attOddsWeights(
  ps: Float64Array,
  treated: Uint8Array,
  opts: AttOddsWeightsOptions = {},
): AttOddsWeightsResult {
  const n = ps.length;
  if (treated.length !== n) throw new RangeError(`treated has length ${treated.length}, ps ${n}`);
  const trimAt = opts.trimAt;
  if (trimAt !== undefined && !(trimAt >= 0 && trimAt < 0.5)) {
    throw new RangeError(`trimAt must be in [0, 0.5), got ${trimAt}`);
  }
  const lo = trimAt ?? 0;
  const hi = trimAt === undefined ? 1 : 1 - trimAt;

  const weights = new Float64Array(n);
  let nTreated = 0;
  let missing = 0;
  let trimmed = 0;
  let sumC = 0;
  for (let i = 0; i < n; i++) {
    let p = ps[i]!;
    if (Number.isNaN(p)) {
      missing++;
      continue;
    }
    if (!(p >= 0 && p <= 1)) throw new RangeError(`ps[${i}] = ${p} is outside [0, 1]`);
    if (treated[i] !== 0) {
      weights[i] = 1;
      nTreated++;
      continue;
    }
    if (p < lo || p > hi) {
      p = p < lo ? lo : hi;
      trimmed++;
    }
    if (p === 1) {
      throw new RangeError(`comparison unit ${i} has ps = 1 (infinite odds weight); set trimAt to truncate`);
    }
    const w = p / (1 - p);
    weights[i] = w;
    sumC += w;
  }

  let swC = 0;
  let sw2C = 0;
  if (sumC > 0) {
    const scale = nTreated / sumC;
    for (let i = 0; i < n; i++) {
      if (treated[i] === 0 && weights[i]! > 0) {
        const w = weights[i]! * scale;
        weights[i] = w;
        swC += w;
        sw2C += w * w;
      }
    }
  }
  return {
    weights,
    ess: { treated: nTreated, comparison: sw2C > 0 ? (swC * swC) / sw2C : 0 },
    trimmed,
    missing,
  };
}
