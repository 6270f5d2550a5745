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
