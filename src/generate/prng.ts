import { SeededUniform } from '../stats/matching/seeded-uniform.js';

/** A small seeded pseudo-random generator (sfc32 seeded by splitmix32, shared with matching's tie-breaker), with normal, integer and weighted draws. */
export class Prng extends SeededUniform {
  private spare: number | null = null;

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** An integer in [lo, hi], inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.uniform() * (hi - lo + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** One of the options, by weights. */
  pick<T>(options: readonly T[], weights?: readonly number[]): T {
    if (!weights) return options[Math.floor(this.uniform() * options.length)]!;
    const total = weights.reduce((a, b) => a + b, 0);
    let x = this.uniform() * total;
    for (let i = 0; i < options.length; i++) {
      x -= weights[i]!;
      if (x < 0) return options[i]!;
    }
    return options[options.length - 1]!;
  }
}

/** The logistic function. */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The logit function. */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

/** The smallest k with Poisson(λ) CDF(k) ≥ u: inverse-CDF draw, so two rates share one uniform. */
export function poissonInverse(u: number, lambda: number): number {
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  while (u > cdf && k < 1000) {
    k += 1;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}
