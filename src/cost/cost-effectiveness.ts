/**
 * Cost-effectiveness of the visits on an outcome where lower is better: the cost per visited
 * student C divided by the gain −Δ, where Δ is the visited − comparison difference.
 * - chronic absence (Δ a risk difference): C/(−Δ) = cost per additional student not chronically absent;
 * - days absent (Δ in days per student): C/(−Δ) = cost per absence avoided.
 * Its intervals: Fieller's with C fixed (v_aa = v_ab = 0, so [C/(−Δ + t·se), C/(−Δ − t·se)]) and,
 * when draws of Δ are given, the bootstrap percentile interval of C/(−Δ).
 */
import { fiellerInterval, type FiellerSet } from '../stats/fieller.js';
import { normalQuantile } from '../stats/normal.js';
import { percentileRatioInterval } from '../stats/percentile-ratio-interval.js';
import { tQuantile } from '../stats/student-t.js';

/** Outcomes with a cost-effectiveness ratio. */
export type CostEffectivenessOutcome = 'chronic_absence' | 'days_absent';

/** An effect estimate of the reported method (visited − comparison, on the outcome's scale). */
export interface EffectEstimate {
  estimate: number;
  se: number;
  /** Degrees of freedom of the t reference; null for a normal reference. */
  df: number | null;
  ci_low: number;
  ci_high: number;
}

/**
 * bounded: the effect's CI lies entirely on the gain side (Δ < 0), so the ratio has a finite interval;
 * unbounded: the effect's CI includes zero, so the ratio's interval is unbounded (say it in words);
 * no_gain: the CI lies entirely on the wrong side (the visited group did worse), so there is no cost per gain.
 */
export type CostEffectivenessStatus = 'bounded' | 'unbounded' | 'no_gain';

/** A bootstrap interval of the ratio, or why there is none. */
export type BootstrapRatioInterval = { kind: 'bounded'; low: number; high: number } | { kind: 'unbounded' } | { kind: 'no_gain' };

/** A cost-effectiveness ratio with its intervals. */
export interface CostEffectiveness {
  outcome: CostEffectivenessOutcome;
  /** What one unit of gain is. */
  unit: 'student_not_chronically_absent' | 'absence_avoided';
  cost_per_student: number;
  /** −Δ: the gain per visited student (positive is better). */
  gain: number;
  status: CostEffectivenessStatus;
  /** C/(−Δ) when the point gain is positive (also when status is unbounded); null for no_gain or a gain ≤ 0. */
  ratio: number | null;
  /** The critical value used (t quantile of df, or normal). */
  critical_value: number;
  /** Fieller's set for C/(−Δ), whatever its shape. */
  fieller: FiellerSet;
  /** Fieller's interval when status is bounded, else null. */
  interval: { low: number; high: number } | null;
  /** Bootstrap percentile interval from draws of Δ; null when no draws were given. */
  bootstrap: BootstrapRatioInterval | null;
}

/** Inputs of costEffectiveness: the cost per visited student, the effect, optional bootstrap draws of Δ and the level. */
export interface CostEffectivenessInput {
  outcome: CostEffectivenessOutcome;
  cost_per_student: number;
  effect: EffectEstimate;
  draws?: ArrayLike<number> | null;
  /** Confidence level of both intervals (default 0.95). */
  level?: number;
}

/**
 * The cost per unit of gain (C/(−Δ)) with Fieller's interval (C fixed) and a bootstrap interval;
 * its status comes from the effect's CI, and a Fieller set that is not bounded (at the boundary, by
 * rounding) makes it unbounded too.
 */
export function costEffectiveness(input: CostEffectivenessInput): CostEffectiveness {
  const { outcome, cost_per_student: C, effect } = input;
  const level = input.level ?? 0.95;
  if (!(Number.isFinite(C) && C >= 0)) throw new RangeError(`costEffectiveness: cost per student must be finite and ≥ 0, got ${C}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`costEffectiveness: level must be in (0, 1), got ${level}`);
  const { estimate, se, df, ci_low, ci_high } = effect;
  if (![estimate, se, ci_low, ci_high].every(Number.isFinite) || se < 0 || ci_low > ci_high) {
    throw new RangeError('costEffectiveness: the effect needs a finite estimate, se ≥ 0 and ci_low ≤ ci_high');
  }
  if (df !== null && !(df > 0)) throw new RangeError(`costEffectiveness: df must be > 0 or null, got ${df}`);

  const p = 1 - (1 - level) / 2;
  const t = df === null ? normalQuantile(p) : tQuantile(p, df);
  const gain = -estimate;
  const fieller = fiellerInterval({ a: C, b: gain, v_aa: 0, v_bb: se * se, v_ab: 0 }, t);

  let status: CostEffectivenessStatus;
  if (ci_low > 0) status = 'no_gain';
  else if (ci_high < 0 && fieller.kind === 'bounded') status = 'bounded';
  else status = 'unbounded';

  return {
    outcome,
    unit: outcome === 'chronic_absence' ? 'student_not_chronically_absent' : 'absence_avoided',
    cost_per_student: C,
    gain,
    status,
    ratio: status !== 'no_gain' && gain > 0 ? C / gain : null,
    critical_value: t,
    fieller,
    interval: status === 'bounded' && fieller.kind === 'bounded' ? { low: fieller.low, high: fieller.high } : null,
    bootstrap: input.draws == null ? null : bootstrapInterval(C, input.draws, level),
  };
}

function bootstrapInterval(C: number, draws: ArrayLike<number>, level: number): BootstrapRatioInterval {
  // 1/(−Δ) = (−1)/Δ over the draws of Δ, then scaled by C ≥ 0 (which keeps the order)
  const r = percentileRatioInterval(-1, draws, level);
  if (r.kind === 'unbounded') return r;
  // the draws' percentile interval lies above 0: the visited group did worse
  if (r.high < 0) return { kind: 'no_gain' };
  return { kind: 'bounded', low: C * r.low, high: C * r.high };
}
