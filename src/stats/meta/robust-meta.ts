/**
 * Robust variance estimation for dependent estimates (several years of one site, METHODS.md
 * §13): the rma.uni working model (τ² estimated ignoring the clustering) with CR2 cluster-robust
 * standard errors and Satterthwaite df, as clubSandwich's
 * coef_test(rma(yi, vi, mods, method), vcov = "CR2", cluster = site) and conf_int(…).
 * The CR2 and df are src/stats/regression's (clubSandwich's inverse-variance form, Θ = v + τ²).
 */
import { clusterVcov } from '../regression/vcov.js';
import { satterthwaiteDf } from '../regression/satterthwaite.js';
import { checkedStudies, interceptDesign, namedDesign } from './meta-input.js';
import type { RobustMetaInput, RobustMetaOptions, RobustMetaResult } from './meta-types.js';
import { checkLevel, rmaFit, waldRow } from './rma-fit.js';

/** Integer codes 0..G−1 of the cluster labels, in order of first appearance. */
export function clusterCodes(cluster: ArrayLike<string | number>, k: number): Int32Array {
  if (cluster.length !== k) throw new RangeError(`cluster has ${cluster.length} entries, there are ${k} estimates`);
  const seen = new Map<string | number, number>();
  const codes = new Int32Array(k);
  for (let i = 0; i < k; i++) {
    const c = cluster[i]!;
    let g = seen.get(c);
    if (g === undefined) {
      g = seen.size;
      seen.set(c, g);
    }
    codes[i] = g;
  }
  return codes;
}

/** RVE coefficients (CR2, Satterthwaite t) of the random-effects (default REML) or FE model of yi on X, clustered by `cluster`. */
export function robustMeta(input: RobustMetaInput, opts: RobustMetaOptions = {}): RobustMetaResult {
  const { y, v } = checkedStudies(input.yi, input.vi);
  const k = y.length;
  const method = opts.method ?? 'REML';
  const level = checkLevel(opts.level ?? 0.95);
  const codes = clusterCodes(input.cluster, k);
  const X0 = input.X === undefined ? interceptDesign(k) : namedDesign(input.X, k, input.names);
  const m = rmaFit(X0, y, v, method, 'z');
  const fit = { ...m.fit, inverseVarianceWeights: true };
  const p = fit.p;
  const { vcov, clusters } = clusterVcov(fit, m.X, codes, 'CR2');
  const coefficients = fit.names.map((name, a) => {
    const c = new Float64Array(p);
    c[a] = 1;
    const df = clusters < 2 ? NaN : satterthwaiteDf(fit, m.X, codes, c);
    return waldRow(name, fit.coef[a]!, vcov[a * p + a]!, df, level);
  });
  return { method, level, k, clusters, tau2: m.tau2, coefficients, dropped: m.dropped, notes: m.notes };
}
