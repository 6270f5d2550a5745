/**
 * Fieller's (1954) confidence set for a ratio ρ = a/b of two estimates with a joint
 * (approximately normal) sampling distribution.
 *
 * The set is every ρ for which the t-statistic of a − ρb stays within the critical value:
 *   (a − ρb)² ≤ t² (v_aa − 2ρ v_ab + ρ² v_bb),
 * i.e. A ρ² − 2 B ρ + C ≤ 0 with A = b² − t² v_bb, B = ab − t² v_ab, C = a² − t² v_aa and
 * discriminant D = B² − A C. It is
 * - a bounded interval [(B − √D)/A, (B + √D)/A] when A > 0 (b significantly non-zero: b²/v_bb > t²);
 * - the two rays (−∞, below] ∪ [above, ∞) when A < 0 and D > 0;
 * - the whole line when A < 0 and D ≤ 0 (or A = 0 with nothing to bound ρ).
 * With v_aa = v_ab = 0 (a known exactly) the bounded interval is a/(b ± t·se_b) and √D = |a|·t·se_b.
 */

/** Fieller's confidence set for a ratio: an interval, the complement of one, or every real number. */
export type FiellerSet =
  | { kind: 'bounded'; low: number; high: number }
  /** Every ρ ≤ below or ρ ≥ above (the complement of the open interval (below, above)); below may be −Infinity when A = 0. */
  | { kind: 'unbounded_two_rays'; below: number; above: number }
  | { kind: 'whole_line' };

/** Estimates and (co)variances of the numerator a and denominator b. */
export interface FiellerInput {
  a: number;
  b: number;
  v_aa: number;
  v_bb: number;
  v_ab: number;
}

/** Relative slack for rounding when checking that the covariance matrix is positive semi-definite. */
const PSD_SLACK = 1e-10;

/**
 * Fieller's confidence set for a/b given the critical value t (e.g. 1.959964 for a normal 95% set,
 * or a Student t quantile); throws a RangeError for non-finite input or a covariance that is not PSD.
 */
export function fiellerInterval(input: FiellerInput, t: number): FiellerSet {
  const { a, b, v_aa, v_bb, v_ab } = input;
  for (const [name, v] of Object.entries({ a, b, v_aa, v_bb, v_ab, t })) {
    if (!Number.isFinite(v)) throw new RangeError(`fiellerInterval: ${name} must be finite, got ${v}`);
  }
  if (v_aa < 0 || v_bb < 0) throw new RangeError(`fiellerInterval: variances must be ≥ 0, got v_aa = ${v_aa}, v_bb = ${v_bb}`);
  if (v_ab * v_ab > v_aa * v_bb * (1 + PSD_SLACK) + Number.MIN_VALUE) {
    throw new RangeError(`fiellerInterval: covariance ${v_ab} exceeds √(v_aa·v_bb); the covariance matrix is not PSD`);
  }
  if (!(t > 0)) throw new RangeError(`fiellerInterval: the critical value must be > 0, got ${t}`);

  const t2 = t * t;
  const A = b * b - t2 * v_bb;
  const B = a * b - t2 * v_ab;
  const C = a * a - t2 * v_aa;
  // D ≥ 0 in exact arithmetic when A > 0 (ρ = a/b is always in the set); clamp rounding.
  const D = B * B - A * C;

  if (A > 0) {
    const r = Math.sqrt(Math.max(0, D));
    return { kind: 'bounded', low: (B - r) / A, high: (B + r) / A };
  }
  if (A < 0) {
    if (!(D > 0)) return { kind: 'whole_line' };
    const r = Math.sqrt(D);
    const x1 = (B - r) / A;
    const x2 = (B + r) / A;
    return { kind: 'unbounded_two_rays', below: Math.min(x1, x2), above: Math.max(x1, x2) };
  }
  // A = 0: −2Bρ + C ≤ 0, a single ray (or everything when B = 0 and C ≤ 0).
  if (B > 0) return { kind: 'unbounded_two_rays', below: -Infinity, above: C / (2 * B) };
  if (B < 0) return { kind: 'unbounded_two_rays', below: C / (2 * B), above: Infinity };
  return { kind: 'whole_line' };
}
