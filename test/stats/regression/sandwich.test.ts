import { describe, expect, it } from 'vitest';
import {
  type Design,
  type GlmFit,
  clusterVcov,
  coefTest,
  fitLinear,
  fitLogistic,
  fitPoisson,
  satterthwaiteDf,
} from '../../../src/stats/regression/index.js';
import { cr2GlmTuning, cr2Tuning } from '../../../src/stats/regression/cr2.js';
import { bruteForce, design, gauss, maxRelDiff, rng } from './helpers.js';

/**
 * Reference: bruteForce() in helpers.ts computes, with dense n×n matrices, from the definitions
 * (Pustejovsky & Tipton 2018 with clubSandwich's working models: lm Θ = I with the regression
 * weights in W; glm X̄ = (dμ/dη)X, W = w/V(μ), Θ = V(μ)/w; pseudo-inverse for singular blocks)
 *   CR2 = M (Σ_g X̄_g′W_g A_g r_g r_g′A_g W_g X̄_g) M,
 *   CR1 = G/(G−1)·(N−1)/(N−K) · B (Σ_g ψ_g ψ_g′) B   (sandwich::vcovCL(type = "HC1") adjustment),
 *   HC1 = N/(N−K) · B (Σ_i ψ_i ψ_i′) B                (sandwich::vcovHC(type = "HC1")),
 *   df = (Σ_g q_g′Θq_g)² / Σ_gh (q_g′Θq_h)²          (the Satterthwaite approximation),
 * and clubsandwich.test.ts checks the same quantities against clubSandwich itself.
 */

interface Sim {
  X: Design;
  y: Float64Array;
  cluster: Int32Array;
  treat: number;
}

/** Clustered data: sizes[g] rows in cluster g; columns: intercept, treat, x1, x2 (+ cluster dummies if fe). */
function simulate(seed: number, sizes: number[], opts: { fe?: boolean; binary?: boolean; counts?: boolean } = {}): Sim {
  const u = rng(seed);
  const cols: Record<string, number[]> = { '(Intercept)': [], treat: [], x1: [], x2: [] };
  const G = sizes.length;
  if (opts.fe) for (let g = 1; g < G; g++) cols[`school_${g}`] = [];
  const y: number[] = [];
  const cl: number[] = [];
  sizes.forEach((m, g) => {
    const ug = gauss(u);
    for (let k = 0; k < m; k++) {
      const t = u() < 0.4 + 0.05 * (g % 5) ? 1 : 0;
      const x1 = gauss(u) + 0.3 * (g % 5);
      const x2 = u() * 3;
      cols['(Intercept)']!.push(1);
      cols.treat!.push(t);
      cols.x1!.push(x1);
      cols.x2!.push(x2);
      if (opts.fe) for (let h = 1; h < G; h++) cols[`school_${h}`]!.push(g === h ? 1 : 0);
      const eta = -0.3 + 0.5 * t + 0.4 * x1 - 0.2 * x2 + 0.5 * ug;
      if (opts.binary) y.push(u() < 1 / (1 + Math.exp(-eta)) ? 1 : 0);
      else if (opts.counts) {
        // Poisson by inversion
        const lam = Math.exp(0.2 * eta + 0.5);
        let k2 = 0;
        let pr = Math.exp(-lam);
        let cdf = pr;
        const v = u();
        while (v > cdf && k2 < 50) {
          k2++;
          pr *= lam / k2;
          cdf += pr;
        }
        y.push(k2);
      } else y.push(eta + gauss(u) * (1 + 0.5 * x2));
      cl.push(100 + 7 * g); // arbitrary codes
    }
  });
  return { X: design(cols), y: Float64Array.from(y), cluster: Int32Array.from(cl), treat: 1 };
}

function contrastFor(fit: GlmFit, name: string): Float64Array {
  const c = new Float64Array(fit.p);
  c[fit.names.indexOf(name)] = 1;
  return c;
}

function checkAgainstBruteForce(fit: GlmFit, X: Design, cluster: Int32Array, dfTol = 1e-7) {
  const c = contrastFor(fit, 'treat');
  const bf = bruteForce(fit, X, cluster, c);
  const cr1 = clusterVcov(fit, X, cluster, 'CR1');
  const cr2 = clusterVcov(fit, X, cluster, 'CR2');
  const hc1 = clusterVcov(fit, X, cluster, 'HC1');
  expect(cr1.clusters).toBe(bf.G);
  expect(cr2.clusters).toBe(bf.G);
  expect(maxRelDiff(cr1.vcov, bf.cr1)).toBeLessThan(1e-9);
  expect(maxRelDiff(hc1.vcov, bf.hc1)).toBeLessThan(1e-9);
  expect(maxRelDiff(cr2.vcov, bf.cr2)).toBeLessThan(1e-7);
  const df = satterthwaiteDf(fit, X, cluster, c);
  expect(Math.abs(df - bf.df) / bf.df).toBeLessThan(dfTol);
  return { df, bf };
}

describe('clusterVcov / satterthwaiteDf against the dense brute force', () => {
  it('OLS, 40 rows in 5 clusters of 8 (low-rank CR2 path)', () => {
    const s = simulate(11, [8, 8, 8, 8, 8]);
    const fit = fitLinear(s.X, s.y);
    const { df } = checkAgainstBruteForce(fit, s.X, s.cluster);
    expect(df).toBeGreaterThan(0);
    expect(df).toBeLessThan(5);
  });

  it('OLS with school fixed effects clustered by school (singular I − H_gg)', () => {
    const s = simulate(12, [9, 7, 10, 6, 8], { fe: true });
    const fit = fitLinear(s.X, s.y);
    expect(fit.dropped).toEqual([]);
    checkAgainstBruteForce(fit, s.X, s.cluster, 1e-6);
  });

  it('OLS with small clusters (pairs: dense CR2 path) and mixed sizes', () => {
    const pairs = simulate(13, Array.from({ length: 20 }, () => 2));
    checkAgainstBruteForce(fitLinear(pairs.X, pairs.y), pairs.X, pairs.cluster);
    const mixed = simulate(14, [1, 2, 3, 5, 9, 20]);
    checkAgainstBruteForce(fitLinear(mixed.X, mixed.y), mixed.X, mixed.cluster);
  });

  it('weighted OLS (ATT-style weights)', () => {
    const s = simulate(15, [6, 10, 8, 9, 7]);
    const u = rng(99);
    const w = Float64Array.from(s.X.columns[1]!, (t) => (t === 1 ? 1 : 0.2 + 2 * u()));
    checkAgainstBruteForce(fitLinear(s.X, s.y, { weights: w }), s.X, s.cluster);
  });

  it('logistic and Poisson (working weights; scores = prior weight × (y − μ) × x)', () => {
    const b = simulate(16, [10, 12, 9, 11, 8, 10], { binary: true });
    const fb = fitLogistic(b.X, b.y);
    expect(fb.converged).toBe(true);
    checkAgainstBruteForce(fb, b.X, b.cluster);
    const c = simulate(17, [10, 12, 9, 11, 8, 10], { counts: true });
    const fc = fitPoisson(c.X, c.y);
    expect(fc.converged).toBe(true);
    checkAgainstBruteForce(fc, c.X, c.cluster);
  });

  it('weighted OLS and logistic with pairs and mixed cluster sizes (dense small-cluster paths)', () => {
    const u = rng(95);
    const pairs = simulate(28, Array.from({ length: 30 }, () => 2));
    const wp = Float64Array.from({ length: pairs.X.n }, () => 0.2 + 2 * u());
    checkAgainstBruteForce(fitLinear(pairs.X, pairs.y, { weights: wp }), pairs.X, pairs.cluster);
    const mixed = simulate(29, [1, 2, 3, 5, 9, 20]);
    const wm = Float64Array.from({ length: mixed.X.n }, () => 0.2 + 2 * u());
    checkAgainstBruteForce(fitLinear(mixed.X, mixed.y, { weights: wm }), mixed.X, mixed.cluster);
    const b = simulate(30, [2, 3, 4, 6, 8, 12, 15, 30], { binary: true });
    const fb = fitLogistic(b.X, b.y);
    expect(fb.converged).toBe(true);
    checkAgainstBruteForce(fb, b.X, b.cluster);
  });

  it('weighted OLS with school fixed effects (singular blocks of the not-inverse-variance form)', () => {
    const s = simulate(19, [7, 12, 9, 15, 10], { fe: true });
    const u = rng(98);
    const w = Float64Array.from({ length: s.X.n }, () => 0.2 + 2.5 * u());
    checkAgainstBruteForce(fitLinear(s.X, s.y, { weights: w }), s.X, s.cluster, 1e-6);
  });

  it('weighted logistic and Poisson with school fixed effects, every cluster on the rational-quadrature path', () => {
    const saved = cr2GlmTuning.denseRows;
    cr2GlmTuning.denseRows = 0;
    try {
      const u = rng(97);
      const b = simulate(20, [30, 45, 38, 52], { binary: true, fe: true });
      const wb = Float64Array.from({ length: b.X.n }, () => 0.3 + 2 * u());
      const fb = fitLogistic(b.X, b.y, { weights: wb });
      expect(fb.converged).toBe(true);
      checkAgainstBruteForce(fb, b.X, b.cluster, 1e-6);
      const c = simulate(26, [40, 35, 50, 44], { counts: true, fe: true });
      const fc = fitPoisson(c.X, c.y);
      expect(fc.converged).toBe(true);
      checkAgainstBruteForce(fc, c.X, c.cluster, 1e-6);
    } finally {
      cr2GlmTuning.denseRows = saved;
    }
  });

  it('logistic with school fixed effects and small clusters mixed', () => {
    const b = simulate(18, [6, 12, 14, 11, 16], { binary: true, fe: true });
    const fb = fitLogistic(b.X, b.y);
    expect(fb.converged).toBe(true);
    checkAgainstBruteForce(fb, b.X, b.cluster, 1e-6);
  });
});

describe('fits with aliased columns', () => {
  it('clusterVcov and satterthwaiteDf use the kept columns only (same as refitting without the dropped ones)', () => {
    const s = simulate(42, [7, 9, 8, 6, 10], { fe: true });
    const cols: Record<string, ArrayLike<number>> = {};
    s.X.names.forEach((nm, j) => (cols[nm] = s.X.columns[j]!));
    cols.empty_school = new Float64Array(s.X.n); // a dummy for a school with no rows in the sample
    cols.x1_copy = s.X.columns[2]!.map((v) => 3 * v);
    const Xa = design(cols);
    const fa = fitLinear(Xa, s.y);
    expect(fa.dropped).toEqual(['empty_school', 'x1_copy']);
    const fb = fitLinear(s.X, s.y);
    for (const type of ['CR1', 'CR2', 'HC1'] as const) {
      const a = clusterVcov(fa, Xa, s.cluster, type).vcov;
      const b = clusterVcov(fb, s.X, s.cluster, type).vcov;
      a.forEach((v, k) => expect(v).toBeCloseTo(b[k]!, 10));
    }
    expect(satterthwaiteDf(fa, Xa, s.cluster, contrastFor(fa, 'treat'))).toBeCloseTo(
      satterthwaiteDf(fb, s.X, s.cluster, contrastFor(fb, 'treat')),
      8,
    );
  });
});

describe('CR2 implementation details', () => {
  it('gives the same result when clusters are processed in many small batches', () => {
    const s = simulate(41, [9, 2, 11, 7, 1, 13], { fe: true });
    const fitA = fitLinear(s.X, s.y);
    const fitB = fitLinear(s.X, s.y);
    const a = clusterVcov(fitA, s.X, s.cluster, 'CR2');
    const dfA = satterthwaiteDf(fitA, s.X, s.cluster, contrastFor(fitA, 'treat'));
    const saved = cr2Tuning.batchEntries;
    cr2Tuning.batchEntries = 10;
    try {
      const b = clusterVcov(fitB, s.X, s.cluster, 'CR2');
      a.vcov.forEach((v, k) => expect(b.vcov[k]).toBeCloseTo(v, 14));
      expect(satterthwaiteDf(fitB, s.X, s.cluster, contrastFor(fitB, 'treat'))).toBeCloseTo(dfA, 12);
    } finally {
      cr2Tuning.batchEntries = saved;
    }
  });
});

describe('sandwich adjustment algebra', () => {
  it('CR1 with one cluster per row equals HC1: G/(G−1)·(N−1)/(N−K) = N/(N−K) when G = N', () => {
    const s = simulate(21, [7, 7, 7, 7]);
    const fit = fitLinear(s.X, s.y);
    const single = Int32Array.from({ length: s.X.n }, (_, i) => i);
    const cr1 = clusterVcov(fit, s.X, single, 'CR1');
    const hc1 = clusterVcov(fit, s.X, single, 'HC1');
    expect(cr1.clusters).toBe(28);
    cr1.vcov.forEach((v, k) => expect(v).toBeCloseTo(hc1.vcov[k]!, 12));
  });

  it('CR1 = G/(G−1)·(N−1)/(N−K) × the unadjusted cluster sandwich', () => {
    const s = simulate(22, [5, 9, 6, 8]);
    const fit = fitLinear(s.X, s.y);
    const bf = bruteForce(fit, s.X, s.cluster);
    const cr1 = clusterVcov(fit, s.X, s.cluster, 'CR1');
    const N = 28;
    const K = 4;
    const G = 4;
    const adj = (G / (G - 1)) * ((N - 1) / (N - K));
    // bruteForce already applies adj; undo it and re-apply it by hand.
    const cr0 = bf.cr1.mul(1 / adj);
    expect(maxRelDiff(cr1.vcov, cr0.mul(adj))).toBeLessThan(1e-9);
  });

  it('intercept-only model with equal clusters: CR2 = CR1 and the Bell–McCaffrey df = G − 1', () => {
    // y = μ + e, H = J/n; for cluster g, I − H_gg has eigenvalue 1 − n_g/n = 1 − 1/G on 1_g and
    // 1 elsewhere, so Z_g'A_g e_g = (1 − 1/G)^{-1/2} Σ_g e and
    //   V_CR2 = G/(G−1) · Σ_g (Σ_{i∈g} e_i)² / n² = V_CR1 (K = 1 makes (N−1)/(N−K) = 1).
    // For c = 1: M ∝ I − J/G, eigenvalues 1 (G−1 times) and 0, so df = (G−1)²/(G−1) = G − 1.
    const u = rng(23);
    const G = 6;
    const m = 5;
    const y = Float64Array.from({ length: G * m }, () => gauss(u));
    const cluster = Int32Array.from({ length: G * m }, (_, i) => Math.floor(i / m));
    const X = design({ '(Intercept)': Array.from({ length: G * m }, () => 1) });
    const fit = fitLinear(X, y);
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    let meat = 0;
    for (let g = 0; g < G; g++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += y[g * m + k]! - mean;
      meat += s * s;
    }
    const expected = ((G / (G - 1)) * meat) / (G * m) ** 2;
    expect(clusterVcov(fit, X, cluster, 'CR2').vcov[0]).toBeCloseTo(expected, 14);
    expect(clusterVcov(fit, X, cluster, 'CR1').vcov[0]).toBeCloseTo(expected, 14);
    expect(satterthwaiteDf(fit, X, cluster, Float64Array.of(1))).toBeCloseTo(G - 1, 10);
  });

  it('rows with prior weight 0 are left out of N and G (same as dropping them)', () => {
    const s = simulate(24, [6, 6, 6, 6, 6]);
    const w = new Float64Array(30).fill(1);
    for (let i = 24; i < 30; i++) w[i] = 0; // the whole last cluster
    const fw = fitLinear(s.X, s.y, { weights: w });
    const keep = (a: ArrayLike<number>) => Array.from(a).slice(0, 24);
    const X2 = design(Object.fromEntries(s.X.names.map((nm, j) => [nm, keep(s.X.columns[j]!)])));
    const f2 = fitLinear(X2, Float64Array.from(keep(s.y)));
    const c2 = Int32Array.from(keep(s.cluster));
    for (const type of ['CR1', 'CR2', 'HC1'] as const) {
      const a = clusterVcov(fw, s.X, s.cluster, type);
      const b = clusterVcov(f2, X2, c2, type);
      expect(a.clusters).toBe(b.clusters);
      a.vcov.forEach((v, k) => expect(v).toBeCloseTo(b.vcov[k]!, 12));
    }
    expect(satterthwaiteDf(fw, s.X, s.cluster, contrastFor(fw, 'treat'))).toBeCloseTo(
      satterthwaiteDf(f2, X2, c2, contrastFor(f2, 'treat')),
      9,
    );
  });

  it('many clusters: the p×p trace formula for tr(M²) (used above 400 clusters) matches the brute force', () => {
    const s = simulate(25, Array.from({ length: 410 }, () => 2));
    const fit = fitLinear(s.X, s.y);
    const c = contrastFor(fit, 'treat');
    const bf = bruteForce(fit, s.X, s.cluster, c);
    const df = satterthwaiteDf(fit, s.X, s.cluster, c);
    expect(Math.abs(df - bf.df) / bf.df).toBeLessThan(1e-8);
    expect(df).toBeGreaterThan(100);
  });

  it('many clusters, weighted OLS: the k×k trace formula with the Ω cross terms matches the brute force', () => {
    const s = simulate(27, Array.from({ length: 405 }, () => 2));
    const u = rng(96);
    const w = Float64Array.from({ length: s.X.n }, () => 0.2 + 2 * u());
    const fit = fitLinear(s.X, s.y, { weights: w });
    const c = contrastFor(fit, 'treat');
    const bf = bruteForce(fit, s.X, s.cluster, c);
    expect(Math.abs(satterthwaiteDf(fit, s.X, s.cluster, c) - bf.df) / bf.df).toBeLessThan(1e-8);
  });
});

describe('coefTest', () => {
  it('uses t(df) when df is given and the normal otherwise', () => {
    const s = simulate(31, [8, 8, 8, 8, 8]);
    const fit = fitLinear(s.X, s.y);
    const { vcov } = clusterVcov(fit, s.X, s.cluster, 'CR2');
    const df = satterthwaiteDf(fit, s.X, s.cluster, contrastFor(fit, 'treat'));
    const t = coefTest(fit, vcov, 1, df);
    const z = coefTest(fit, vcov, 1);
    expect(t.se).toBeCloseTo(Math.sqrt(vcov[1 * fit.p + 1]!), 14);
    expect(t.statistic).toBeCloseTo(fit.coef[1]! / t.se, 14);
    expect(z.df).toBe(Infinity);
    expect(z.ci_high - z.estimate).toBeCloseTo(1.959963984540054 * z.se, 12);
    expect(t.ci_high - t.ci_low).toBeGreaterThan(z.ci_high - z.ci_low);
    expect(t.p_value).toBeGreaterThan(z.p_value);
  });

  it('t with df = 30 matches the t table (t_.975,30 = 2.042272)', () => {
    const X = design({ '(Intercept)': [1, 1, 1] });
    const fit = fitLinear(X, Float64Array.of(1, 2, 3));
    const r = coefTest(fit, Float64Array.of(0.25), 0, 30);
    expect(r.ci_high - r.estimate).toBeCloseTo(2.042272 * 0.5, 6);
    expect(r.statistic).toBeCloseTo(4, 14);
  });
});

describe('degenerate inputs', () => {
  it('a single cluster gives NaN (not Infinity) for CR1, CR2 and the df', () => {
    const s = simulate(51, [12]);
    const fit = fitLinear(s.X, s.y);
    for (const type of ['CR1', 'CR2'] as const) {
      const r = clusterVcov(fit, s.X, s.cluster, type);
      expect(r.clusters).toBe(1);
      expect(r.vcov.every((v) => Number.isNaN(v))).toBe(true);
    }
    expect(satterthwaiteDf(fit, s.X, s.cluster, contrastFor(fit, 'treat'))).toBeNaN();
  });
});
