/**
 * Absorbed fixed effects: the within transformation (Frisch–Waugh–Lovell), as fixest and reghdfe.
 *
 * A model y ~ X + D (D: one dummy per fixed-effect group) is fitted as ỹ ~ X̃, where ṽ = v − v̄_f is
 * v minus its (working-)weighted mean within the row's group f. The coefficients of X, their
 * bread (X̃′WX̃)⁻¹ and every row's score equal those of the dummy-variable fit; the group effects
 * α_f = z̄_f − x̄_f′β are recovered for the linear predictor. No n×G matrix is ever formed: a
 * demeaned column costs n doubles and the group sums G.
 *
 * Logit and Poisson (fixest's feglm): inside each IRLS step the working response z and the
 * columns of X are demeaned with that step's working weights; the new linear predictor is
 * η = z − (z̃ − X̃β) (the fitted values of the full weighted least-squares step), which gives the
 * exact fixed-effects MLE. The covariances are computed from the design demeaned with the final
 * working weights (GlmFit.absorbed.design); the absorbed groups count in K (CR1's (N − 1)/(N − K),
 * HC1, the residual df). CR2 equals the dummy-variable CR2 when the groups are nested within the
 * clusters (Pustejovsky & Tipton 2018, §3, Theorem 2; clubSandwich's plm / fixest methods use the
 * absorbed design the same way).
 */
import type { Design } from './design.js';
import { indexClusters } from './clusters.js';

/** Fixed effects to absorb: a group code per design row (any integers; −1 is a group like any other). */
export interface FixedEffects {
  codes: Int32Array;
  /** Optional column name of each code's dummy (e.g. names[code] = "school_id=SCH003"), for separation reports. */
  names?: (code: number) => string;
}

/** What an absorbed fit keeps about its fixed effects. */
export interface AbsorbedEffects {
  /** Number of groups with a row of positive prior weight: the absorbed parameters, counted in K. */
  count: number;
  /** Fixed effect α_f of each dense group (in the parametrisation without an intercept). */
  alpha: Float64Array;
  /** The design demeaned with the final working weights (same names and layout as X; absorbed columns are 0). */
  design: Design;
  /** Σ of the final working weights in each group (M = D′WD, diagonal). */
  groupWeight: Float64Array;
  /** Names of design columns constant within every group (the intercept, school-level covariates), left out of the fit. */
  absorbedColumns: string[];
  /** The groups (dense indices per row). */
  groups: Absorber;
}

/** The groups of a fit: dense indices over the rows of positive prior weight. */
export interface Absorber {
  /** Dense group 0..count−1 of each row with positive prior weight, −1 otherwise. */
  of: Int32Array;
  /** Dense group of every row whose code has a row of positive weight (rows of weight 0 included), −1 otherwise. */
  ofAll: Int32Array;
  count: number;
  /** The code of each dense group. */
  codeOf: Int32Array;
}

/** Index the fixed-effect groups over the rows with positive prior weight. */
export function makeAbsorber(fe: FixedEffects, prior: Float64Array): Absorber {
  const n = prior.length;
  if (fe.codes.length !== n) throw new RangeError(`fixed effects have length ${fe.codes.length}, design has ${n} rows`);
  const idx = indexClusters(fe.codes, prior);
  const codeOf = new Int32Array(idx.G);
  const dense = new Map<number, number>();
  idx.rows.forEach((rows, g) => {
    codeOf[g] = fe.codes[rows[0]!]!;
    dense.set(codeOf[g]!, g);
  });
  const ofAll = Int32Array.from(fe.codes, (c) => dense.get(c) ?? -1);
  return { of: idx.of, ofAll, count: idx.G, codeOf };
}

/** Weighted mean of v in each group over the rows of positive prior weight (0 for a group whose weights sum to 0). */
export function groupMeans(v: Float64Array, a: Absorber, w: Float64Array): Float64Array {
  const sw = new Float64Array(a.count);
  const swv = new Float64Array(a.count);
  for (let i = 0; i < v.length; i++) {
    const f = a.of[i]!;
    if (f < 0) continue;
    sw[f]! += w[i]!;
    swv[f]! += w[i]! * v[i]!;
  }
  return swv.map((s, f) => (sw[f]! > 0 ? s / sw[f]! : 0));
}

/** Σ w over each group's rows of positive prior weight. */
export function groupWeights(a: Absorber, w: Float64Array): Float64Array {
  const sw = new Float64Array(a.count);
  for (let i = 0; i < w.length; i++) if (a.of[i]! >= 0) sw[a.of[i]!]! += w[i]!;
  return sw;
}

/** v − v̄_f with weighted group means, for every row of a group (rows of weight 0 included); rows of no group keep v. */
export function demean(v: Float64Array, a: Absorber, w: Float64Array, out: Float64Array = new Float64Array(v.length)): Float64Array {
  const m = groupMeans(v, a, w);
  for (let i = 0; i < v.length; i++) {
    const f = a.ofAll[i]!;
    out[i] = f < 0 ? v[i]! : v[i]! - m[f]!;
  }
  return out;
}

/** A column is absorbed when its demeaned weighted squared norm is at most this times its raw one. */
export const ABSORBED_TOL = 1e-9;

/**
 * The design X with its columns `cols` demeaned within groups with weights w (the other columns
 * are X's own, unused); of `cols`, those constant within every group (demeaned norm² ≤
 * ABSORBED_TOL × raw norm²) are set to 0 and returned in `absorbed` (design indices).
 */
export function demeanColumns(X: Design, cols: readonly number[], a: Absorber, w: Float64Array): { design: Design; absorbed: number[] } {
  const absorbed: number[] = [];
  const columns = X.columns.slice();
  for (const j of cols) {
    const col = X.columns[j]!;
    const d = demean(col, a, w);
    let raw = 0;
    let dem = 0;
    for (let i = 0; i < col.length; i++) {
      if (a.of[i]! < 0) continue;
      raw += w[i]! * col[i]! * col[i]!;
      dem += w[i]! * d[i]! * d[i]!;
    }
    if (!(dem > ABSORBED_TOL * raw)) {
      d.fill(0);
      absorbed.push(j);
    }
    columns[j] = d;
  }
  return { design: { n: X.n, names: X.names, columns }, absorbed };
}

/** η_i += α of the row's group (rows of no group unchanged); returns eta. */
export function addEffects(eta: Float64Array, alpha: Float64Array, a: Absorber): Float64Array {
  for (let i = 0; i < eta.length; i++) {
    const f = a.ofAll[i]!;
    if (f >= 0) eta[i]! += alpha[f]!;
  }
  return eta;
}

/**
 * The dummy-variable design of X and the fixed effects: X's columns and one 0/1 column per group
 * but the first (in code order), named by `fe.names` or `fe=<code>`. n×G doubles: only for
 * tests and for the rare CR2 whose fixed effects are not nested in its clusters.
 */
export function expandFixedEffects(X: Design, fe: FixedEffects): Design {
  const codes = [...new Set(fe.codes)].sort((a, b) => a - b);
  const names = X.names.slice();
  const columns = X.columns.slice();
  for (const c of codes.slice(1)) {
    names.push(fe.names ? fe.names(c) : `fe=${c}`);
    columns.push(Float64Array.from(fe.codes, (v) => (v === c ? 1 : 0)));
  }
  return { n: X.n, names, columns };
}

/** Whether every fixed-effect group (rows of positive weight) lies within one cluster. */
export function nestedIn(of: Int32Array, cluster: Int32Array): boolean {
  if (cluster.length !== of.length) throw new RangeError(`cluster has length ${cluster.length}, design has ${of.length} rows`);
  const seen = new Map<number, number>();
  for (let i = 0; i < of.length; i++) {
    const f = of[i]!;
    if (f < 0) continue;
    const c = seen.get(f);
    if (c === undefined) seen.set(f, cluster[i]!);
    else if (c !== cluster[i]) return false;
  }
  return true;
}

/**
 * X demeaned within the fixed-effect groups with unit weights (absorbed columns, such as the
 * intercept, become 0): an OLS fit of y on it without an intercept gives the fixed-effects
 * coefficients, and so does any refit whose row weights are constant within each group (a
 * cluster bootstrap over clusters that nest the groups).
 */
export function demeanedDesign(X: Design, fe: FixedEffects): Design {
  const w = new Float64Array(X.n).fill(1);
  return demeanColumns(X, X.columns.map((_, j) => j), makeAbsorber(fe, w), w).design;
}
