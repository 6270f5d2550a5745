/**
 * Linear, logistic and Poisson regression by (iteratively re-)weighted least squares, as R's
 * lm() and glm.fit() (canonical links). Normal equations X'WX are accumulated column-wise
 * (see design.ts) and factored by a Cholesky that drops aliased columns the way R reports NA
 * coefficients.
 *
 * Rows with prior weight 0 contribute nothing: n, the residual df, the cluster count and every
 * sum exclude them, so results equal R's on the data with those rows removed. (R keeps them in
 * sandwich's n, which makes R's SEs depend on rows that carry no information.)
 */
import {
  type Design,
  type PreparedDesign,
  multiplyDesign,
  prepareDesign,
  weightedCross,
  weightedGram,
} from './design.js';
import type { FitWarning } from './fit-warning.js';
import { type AbsorbedEffects, type FixedEffects, ABSORBED_TOL, addEffects, demean, demeanColumns, groupMeans, groupWeights, makeAbsorber } from './absorb.js';
import { RANK_TOL, choleskyInverse, choleskySolve, choleskyWithDrop } from './linalg.js';
import { type GroupMeans, groupColumnMeans, withinCross, withinGram } from './within-gram.js';

export type GlmFamily = 'gaussian' | 'binomial' | 'poisson';

export interface GlmFit {
  family: GlmFamily;
  /** Coefficients of the kept (non-aliased) columns, in design order. */
  coef: Float64Array;
  /** Names of the kept columns (same order as coef). */
  names: string[];
  /** Fitted mean μ for every row of the design. */
  fitted: Float64Array;
  /** η = Xβ for every row. */
  linearPredictor: Float64Array;
  /** IRLS weights × prior weights at the final μ (prior weights for OLS); R's weights(fit, "working") up to the convergence tolerance. */
  workingWeights: Float64Array;
  /** Response residuals y − μ. */
  residuals: Float64Array;
  /** (X'WX)^{-1} over the kept columns, p×p row-major (unscaled: no dispersion factor). */
  bread: Float64Array;
  /** Number of kept columns (= p). */
  rank: number;
  /** Names of aliased columns that were dropped (R's NA coefficients). */
  dropped: string[];
  iterations: number;
  /** False when IRLS did not converge, or when separation (fitted probabilities / rates numerically 0 or 1) occurred. */
  converged: boolean;
  /** Cautions as codes (no text, so that no count reaches a report without the privacy gate): not_converged, aliased_columns (dropped during IRLS, or every column), separation (with its row count). */
  warnings: FitWarning[];
  /** Number of rows with positive prior weight. */
  n: number;
  /** Number of coefficients (kept columns). */
  p: number;
  /** Design column index of each coefficient (length p). */
  columnIndex: Int32Array;
  /** Prior weights (all 1 when none were given). */
  priorWeights: Float64Array;
  /** Residual deviance: Σ w (y − μ)² for gaussian, as R's deviance() otherwise. */
  deviance: number;
  /** n − p (− the number of absorbed fixed effects). */
  dfResidual: number;
  /** Present when fitted probabilities (rates) are numerically 0 or 1 (0): rows affected and kept columns supported only on those rows. */
  separation?: { rows: number; columns: string[] };
  /** Present when fixed effects were absorbed (opts.absorb): their groups, effects and the demeaned design the covariances use. */
  absorbed?: AbsorbedEffects;
  /** Set by the caller of a weighted fitLinear whose weights are inverse variances (a meta-analytic model): CR2 then takes clubSandwich's inverse_var form, as vcovCR.rma.uni. */
  inverseVarianceWeights?: boolean;
}

export interface LinearOptions {
  weights?: Float64Array;
  /** Rank tolerance on squared norms (default 1e-9, see linalg.ts). */
  rankTolerance?: number;
  /** Fixed effects absorbed by the within transformation (absorb.ts) instead of dummy columns; the design's intercept is then absorbed too. */
  absorb?: FixedEffects;
}

export interface GlmOptions extends LinearOptions {
  /** Maximum IRLS iterations (default 25, as glm.control). */
  maxIter?: number;
  /** Convergence tolerance on |dev − dev_old| / (|dev| + 0.1) (default 1e-10; R's glm.control uses 1e-8). */
  tol?: number;
}

const DBL_EPSILON = 2.220446049250313e-16;
/** Fitted probabilities within this of 0 or 1 (rates below it) are reported as separation. */
const SEPARATION_EPS = 1e-7;

interface Family {
  name: GlmFamily;
  linkinv(eta: number): number;
  muEta(eta: number): number;
  variance(mu: number): number;
  link(mu: number): number;
  /** Unit deviance contribution (without the prior weight). */
  devResid(y: number, mu: number): number;
  mustart(y: number, w: number): number;
  checkY(y: number): boolean;
  yRule: string;
}

function ylogy(y: number, mu: number): number {
  return y > 0 ? y * Math.log(y / mu) : 0;
}

// R's C_logit_linkinv / C_logit_mu_eta: η clamped at ±30.
const LOGIT_THRESH = 30;
const binomial: Family = {
  name: 'binomial',
  linkinv(eta) {
    const t = eta < -LOGIT_THRESH ? DBL_EPSILON : eta > LOGIT_THRESH ? 1 / DBL_EPSILON : Math.exp(eta);
    return t / (1 + t);
  },
  muEta(eta) {
    if (eta > LOGIT_THRESH || eta < -LOGIT_THRESH) return DBL_EPSILON;
    const e = Math.exp(eta);
    return e / ((1 + e) * (1 + e));
  },
  variance: (mu) => mu * (1 - mu),
  link: (mu) => Math.log(mu / (1 - mu)),
  devResid: (y, mu) => 2 * (ylogy(y, mu) + ylogy(1 - y, 1 - mu)),
  mustart: (y, w) => (w * y + 0.5) / (w + 1),
  checkY: (y) => y >= 0 && y <= 1,
  yRule: 'in [0, 1]',
};

const poisson: Family = {
  name: 'poisson',
  linkinv: (eta) => Math.max(Math.exp(eta), DBL_EPSILON),
  muEta: (eta) => Math.max(Math.exp(eta), DBL_EPSILON),
  variance: (mu) => mu,
  link: (mu) => Math.log(mu),
  devResid: (y, mu) => 2 * (ylogy(y, mu) - (y - mu)),
  mustart: (y) => y + 0.1,
  checkY: (y) => y >= 0,
  yRule: '≥ 0',
};

function checkInputs(X: Design, y: Float64Array, weights: Float64Array | undefined, family: Family | null): void {
  if (y.length !== X.n) throw new RangeError(`response has length ${y.length}, design has ${X.n} rows`);
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (!Number.isFinite(v)) throw new RangeError(`response has a non-finite value at row ${i}`);
    if (family !== null && !family.checkY(v)) {
      throw new RangeError(`${family.name} response must be ${family.yRule}; got ${v} at row ${i}`);
    }
  }
  if (weights !== undefined) {
    if (weights.length !== X.n) throw new RangeError(`weights have length ${weights.length}, design has ${X.n} rows`);
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights must be finite and ≥ 0; got ${w} at row ${i}`);
    }
  }
}

function positiveCount(w: Float64Array): number {
  let k = 0;
  for (let i = 0; i < w.length; i++) if (w[i]! > 0) k++;
  return k;
}

function allColumns(p: number): number[] {
  return Array.from({ length: p }, (_, j) => j);
}

interface Assembled {
  coef: Float64Array;
  columnIndex: number[];
  bread: Float64Array;
  absorbed?: AbsorbedEffects;
}

function emptyFit(
  family: GlmFamily,
  X: Design,
  y: Float64Array,
  prior: Float64Array,
  warning: FitWarning,
): GlmFit {
  const n = X.n;
  return {
    family,
    coef: new Float64Array(0),
    names: [],
    fitted: new Float64Array(n).fill(NaN),
    linearPredictor: new Float64Array(n).fill(NaN),
    workingWeights: new Float64Array(n),
    residuals: Float64Array.from(y, () => NaN),
    bread: new Float64Array(0),
    rank: 0,
    dropped: X.names.slice(),
    iterations: 0,
    converged: false,
    warnings: [warning],
    n: positiveCount(prior),
    p: 0,
    columnIndex: new Int32Array(0),
    priorWeights: prior,
    deviance: NaN,
    dfResidual: positiveCount(prior),
  };
}

/**
 * (Weighted) least squares, as R's lm(y ~ X - 1, weights = w): normal equations with one step
 * of iterative refinement (so the coefficients are as accurate as a QR fit for
 * well-conditioned designs). Aliased columns are dropped and listed in `dropped`.
 */
export function fitLinear(X: Design, y: Float64Array, opts: LinearOptions = {}): GlmFit {
  checkInputs(X, y, opts.weights, null);
  const n = X.n;
  const prior = opts.weights ?? new Float64Array(n).fill(1);
  const nPos = positiveCount(prior);
  if (nPos === 0) return emptyFit('gaussian', X, y, prior, { code: 'not_converged' });
  // Absorbed fixed effects: fit the demeaned ỹ on the demeaned X̃ (absorb.ts), then recover the effects.
  const ab = opts.absorb ? makeAbsorber(opts.absorb, prior) : null;
  const dm = ab ? demeanColumns(X, allColumns(X.columns.length), ab, prior) : null;
  const Xw = dm ? dm.design : X;
  const yw = ab ? demean(y, ab, prior) : y;
  const P = prepareDesign(Xw);
  const wArg = opts.weights ?? null;

  const candidates = allColumns(P.p).filter((j) => !dm?.absorbed.includes(j));
  // with absorbed fixed effects X̃′WX̃ comes from the sparse X′WX and the group means (within-gram.ts): a demeaned dummy is dense
  const Praw = ab ? prepareDesign(X) : P;
  const G = ab ? withinGram(Praw, candidates, groupColumnMeans(Praw, candidates, ab, prior), prior).gram : weightedGram(P, candidates, wArg);
  const ch = choleskyWithDrop(G, candidates.length, opts.rankTolerance ?? RANK_TOL);
  const { L } = ch;
  const cols = ch.keep.map((a) => candidates[a]!);
  const r = cols.length;
  if (r === 0 && ab === null) return emptyFit('gaussian', X, y, prior, { code: 'aliased_columns' });
  let beta = choleskySolve(L, r, weightedCross(P, cols, wArg, yw));
  const eta = multiplyDesign(P, cols, beta);
  const resid = new Float64Array(n);
  for (let i = 0; i < n; i++) resid[i] = yw[i]! - eta[i]!;
  // One step of iterative refinement: β += (X'WX)^{-1} X'W(y − Xβ).
  const delta = choleskySolve(L, r, weightedCross(P, cols, wArg, resid));
  beta = beta.map((b, a) => b + delta[a]!);
  let absorbed: AbsorbedEffects | undefined;
  if (ab !== null) {
    // α_f = weighted mean of y − Xβ in group f; η = Xβ + α.
    multiplyDesign(Praw, cols, beta, eta);
    for (let i = 0; i < n; i++) resid[i] = y[i]! - eta[i]!;
    const alpha = groupMeans(resid, ab, prior);
    addEffects(eta, alpha, ab);
    absorbed = { count: ab.count, alpha, design: Xw, groupWeight: groupWeights(ab, prior), absorbedColumns: dm!.absorbed.map((j) => X.names[j]!), groups: ab };
  } else multiplyDesign(P, cols, beta, eta);
  let dev = 0;
  for (let i = 0; i < n; i++) {
    resid[i] = y[i]! - eta[i]!;
    dev += prior[i]! * resid[i]! * resid[i]!;
  }
  return finish(X, P, 'gaussian', prior, nPos, { coef: beta, columnIndex: cols, bread: choleskyInverse(L, r), ...(absorbed ? { absorbed } : {}) }, {
    fitted: eta.slice(),
    eta,
    resid,
    working: prior.slice(),
    deviance: dev,
    iterations: 1,
    converged: true,
    warnings: [],
  });
}

interface FinishParts {
  fitted: Float64Array;
  eta: Float64Array;
  resid: Float64Array;
  working: Float64Array;
  deviance: number;
  iterations: number;
  converged: boolean;
  warnings: FitWarning[];
  separation?: { rows: number; columns: string[] };
}

function finish(
  X: Design,
  P: PreparedDesign,
  family: GlmFamily,
  prior: Float64Array,
  nPos: number,
  a: Assembled,
  f: FinishParts,
): GlmFit {
  const keptSet = new Set(a.columnIndex);
  const absorbedSet = new Set(a.absorbed?.absorbedColumns ?? []);
  const dropped = X.names.filter((name, j) => !keptSet.has(j) && !absorbedSet.has(name));
  const p = a.columnIndex.length;
  const fit: GlmFit = {
    family,
    coef: a.coef,
    names: a.columnIndex.map((j) => P.names[j]!),
    fitted: f.fitted,
    linearPredictor: f.eta,
    workingWeights: f.working,
    residuals: f.resid,
    bread: a.bread,
    rank: p,
    dropped,
    iterations: f.iterations,
    converged: f.converged,
    warnings: f.warnings,
    n: nPos,
    p,
    columnIndex: Int32Array.from(a.columnIndex),
    priorWeights: prior,
    deviance: f.deviance,
    dfResidual: nPos - p - (a.absorbed?.count ?? 0),
  };
  if (a.absorbed !== undefined) fit.absorbed = a.absorbed;
  if (f.separation !== undefined) fit.separation = f.separation;
  return fit;
}

/**
 * IRLS for a canonical-link GLM, following R's glm.fit: start from mustart, iterate weighted
 * least squares on the working response, stop when |dev − dev_old| / (|dev| + 0.1) < tol.
 * Step-halving is used if the deviance becomes non-finite or increases.
 */
function fitIrls(X: Design, y: Float64Array, fam: Family, opts: GlmOptions): GlmFit {
  checkInputs(X, y, opts.weights, fam);
  const P = prepareDesign(X);
  const n = X.n;
  const prior = opts.weights ?? new Float64Array(n).fill(1);
  const nPos = positiveCount(prior);
  // Absorbed fixed effects (fixest's feglm): each step demeans z and X with its working weights.
  const ab = opts.absorb ? makeAbsorber(opts.absorb, prior) : null;
  let absorbedCols: number[] = [];
  /** The step's design: X itself, or X demeaned with the weights w (and the absorbed columns found on the first step). */
  const stepDesign = (cols: number[], w: Float64Array): PreparedDesign => {
    if (ab === null) return P;
    const dm = demeanColumns(X, cols, ab, w);
    if (absorbedCols.length === 0 && dm.absorbed.length > 0 && betaFull === null) absorbedCols = dm.absorbed;
    return prepareDesign(dm.design);
  };
  const maxIter = opts.maxIter ?? 25;
  const tol = opts.tol ?? 1e-10;
  const rankTol = opts.rankTolerance ?? RANK_TOL;
  if (nPos === 0) return emptyFit(fam.name, X, y, prior, { code: 'not_converged' });

  const deviance = (mu: Float64Array): number => {
    let d = 0;
    for (let i = 0; i < n; i++) {
      const w = prior[i]!;
      if (w > 0) d += w * fam.devResid(y[i]!, mu[i]!);
    }
    return d;
  };

  let eta: Float64Array = new Float64Array(n);
  let etaBefore: Float64Array = eta;
  let mu: Float64Array = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    eta[i] = fam.link(fam.mustart(y[i]!, prior[i]!));
    mu[i] = fam.linkinv(eta[i]!);
  }
  let devOld = deviance(mu);
  let cols = allColumns(P.p);
  const pFull = P.p;
  let betaFull: Float64Array | null = null; // full-length (0 for dropped), last accepted step
  const working = new Float64Array(n);
  const z = new Float64Array(n);
  let lastL: Float64Array = new Float64Array(0);
  let lastCols: number[] = [];
  let lastP: PreparedDesign = P;
  let alpha: Float64Array = new Float64Array(ab?.count ?? 0);
  let alphaPrev: Float64Array = alpha;
  let lateDrops: string[] = [];
  let converged = false;
  let iter = 0;
  let dev = devOld;
  const warnings: FitWarning[] = [];

  for (iter = 1; iter <= maxIter; iter++) {
    for (let i = 0; i < n; i++) {
      const w = prior[i]!;
      const me = fam.muEta(eta[i]!);
      if (w > 0 && me !== 0) {
        z[i] = eta[i]! + (y[i]! - mu[i]!) / me;
        working[i] = (w * me * me) / fam.variance(mu[i]!);
      } else {
        z[i] = 0;
        working[i] = 0;
      }
    }
    // with absorbed fixed effects, the within normal equations from the sparse X′WX and the group means (within-gram.ts)
    let means: GroupMeans | null = null;
    let meansPos: number[] = [];
    let G: Float64Array;
    if (ab === null) G = weightedGram(P, cols, working);
    else {
      means = groupColumnMeans(P, cols, ab, working);
      const wg = withinGram(P, cols, means, working);
      const q0 = cols.length;
      if (betaFull === null && absorbedCols.length === 0) absorbedCols = cols.filter((_, a) => !(wg.gram[a * q0 + a]! > ABSORBED_TOL * wg.raw[a]!));
      meansPos = cols.map((c, a) => (absorbedCols.includes(c) ? -1 : a)).filter((a) => a >= 0);
      cols = meansPos.map((a) => cols[a]!);
      G = new Float64Array(cols.length * cols.length);
      meansPos.forEach((a, i) => meansPos.forEach((b, j) => (G[i * cols.length + j] = wg.gram[a * q0 + b]!)));
    }
    // Aliasing is decided on the first step (starting weights are all moderate); later steps
    // drop a column only if its pivot is not positive, so that tiny weights on separated rows
    // cannot make a column look aliased and silently change the model (R's glm.fit likewise
    // uses a QR tolerance of 1e-11 on norms there).
    const ch = choleskyWithDrop(G, cols.length, iter === 1 ? rankTol : 0);
    if (ch.drop.length > 0) {
      if (iter > 1) lateDrops = lateDrops.concat(ch.drop.map((a) => P.names[cols[a]!]!));
      cols = ch.keep.map((a) => cols[a]!);
      meansPos = ch.keep.map((a) => meansPos[a]!);
    }
    if (cols.length === 0 && ab === null) {
      return emptyFit(fam.name, X, y, prior, { code: 'aliased_columns' });
    }
    const rhs = means === null ? weightedCross(P, cols, working, z) : withinCross(P, cols, means, meansPos, ab!, working, z);
    const beta = choleskySolve(ch.L, cols.length, rhs);
    const newFull = new Float64Array(pFull);
    cols.forEach((c, a) => (newFull[c] = beta[a]!));
    let etaNew = multiplyDesign(P, cols, beta);
    if (ab !== null) {
      // η = Xβ + α with α_f the working-weighted mean of z − Xβ: the full least-squares step's fitted values.
      const rz = new Float64Array(n);
      for (let i = 0; i < n; i++) rz[i] = z[i]! - etaNew[i]!;
      const alphaNew = groupMeans(rz, ab, working);
      addEffects(etaNew, alphaNew, ab);
      alpha = alphaNew;
    }
    let muNew = etaNew.map((e) => fam.linkinv(e));
    dev = deviance(muNew);
    // Step-halving towards the previous coefficients (never on the first step, as R).
    if (betaFull !== null) {
      let halvings = 0;
      while ((!Number.isFinite(dev) || dev > devOld + 1e-7 * (Math.abs(devOld) + 0.1)) && halvings < 30) {
        for (let j = 0; j < pFull; j++) newFull[j] = 0.5 * (newFull[j]! + betaFull[j]!);
        const half = cols.map((c) => newFull[c]!);
        if (ab !== null) {
          // halve η itself (β and α together): η is linear in both
          for (let i = 0; i < n; i++) etaNew[i] = 0.5 * (etaNew[i]! + eta[i]!);
          for (let f = 0; f < alpha.length; f++) alpha[f] = 0.5 * (alpha[f]! + alphaPrev[f]!);
        } else etaNew = multiplyDesign(P, cols, half, etaNew);
        muNew = etaNew.map((e) => fam.linkinv(e));
        dev = deviance(muNew);
        halvings++;
      }
    }
    betaFull = newFull;
    etaBefore = eta;
    eta = etaNew;
    mu = muNew;
    lastL = ch.L;
    lastCols = cols;
    alphaPrev = alpha.slice();
    if (!Number.isFinite(dev)) break;
    if (Math.abs(dev - devOld) / (Math.abs(dev) + 0.1) < tol) {
      converged = true;
      break;
    }
    devOld = dev;
  }
  const iterations = Math.min(iter, maxIter);
  if (!converged) warnings.push({ code: 'not_converged' });
  // Columns dropped after the first step as numerically aliased (they are in `dropped`).
  if (lateDrops.length > 0) warnings.push({ code: 'aliased_columns' });

  const coef = Float64Array.from(lastCols, (c) => betaFull![c]!);
  const resid = new Float64Array(n);
  for (let i = 0; i < n; i++) resid[i] = y[i]! - mu[i]!;

  // Bread and working weights at the final μ (R keeps those of the start of the last step; the
  // two agree to the convergence tolerance). Falls back to the last step's factor if the final
  // Gram matrix turns out numerically singular.
  const finalWorking = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const w = prior[i]!;
    const me = fam.muEta(eta[i]!);
    finalWorking[i] = w > 0 && me !== 0 ? (w * me * me) / fam.variance(mu[i]!) : 0;
  }
  let workingOut = working;
  if (Number.isFinite(dev)) {
    const gram = ab === null ? weightedGram(P, lastCols, finalWorking) : withinGram(P, lastCols, groupColumnMeans(P, lastCols, ab, finalWorking), finalWorking).gram;
    const chFinal = choleskyWithDrop(gram, lastCols.length, 0);
    if (chFinal.drop.length === 0) {
      lastL = chFinal.L;
      workingOut = finalWorking;
      lastP = stepDesign(lastCols, finalWorking);
    }
  }
  // the demeaned design the covariances use: with the final working weights, else the last step's
  if (ab !== null && lastP === P) lastP = stepDesign(lastCols, working);
  const r = lastCols.length;

  // Separation. Candidate rows have a fitted probability within SEPARATION_EPS of 0 or 1 (a
  // rate below it). A candidate is separated when
  //  - its linear predictor still moved outward by more than 0.1 in the last IRLS step (on a
  //    separated direction IRLS keeps stepping by about 1 while the deviance has converged;
  //    a legitimately extreme row of a converged fit barely moves), or
  //  - it meets R's glm.fit rule (within 10·DBL_EPSILON of the boundary), or
  //  - it lies in the support (x ≠ 0) of a kept column whose whole support is candidate rows:
  //    that coefficient is heading to ±∞. For a 0/1 column the score equation
  //    Σ_support μ = Σ_support y keeps the largest fitted value ≥ 1/n_support whenever its rows
  //    have an event, so only event-free (or all-event) groups get there.
  const candidate = new Uint8Array(n);
  let candidates = 0;
  const rEps = 10 * DBL_EPSILON;
  const separatedRow = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (!(prior[i]! > 0)) continue;
    const m = mu[i]!;
    const edge = fam.name === 'binomial' ? Math.min(m, 1 - m) : m;
    if (!(edge < SEPARATION_EPS)) continue;
    candidate[i] = 1;
    candidates++;
    const step = eta[i]! - etaBefore[i]!;
    const outward = fam.name === 'binomial' ? (m < 0.5 ? -step : step) : -step;
    if (edge < rEps || (iterations > 1 && outward > 0.1)) separatedRow[i] = 1;
  }
  let separation: { rows: number; columns: string[] } | undefined;
  if (candidates > 0) {
    const sepCols: string[] = [];
    for (const c of lastCols) {
      const idx = P.nzIndex[c];
      const support: number[] = [];
      let outside = false;
      if (idx === null || idx === undefined) {
        const x = P.columns[c]!;
        for (let i = 0; i < n && !outside; i++) {
          if (x[i] !== 0 && prior[i]! > 0) {
            if (candidate[i] === 0) outside = true;
            else support.push(i);
          }
        }
      } else {
        for (let k = 0; k < idx.length && !outside; k++) {
          const i = idx[k]!;
          if (prior[i]! > 0) {
            if (candidate[i] === 0) outside = true;
            else support.push(i);
          }
        }
      }
      if (!outside && support.length > 0) {
        sepCols.push(P.names[c]!);
        for (const i of support) separatedRow[i] = 1;
      }
    }
    if (ab !== null) {
      // An absorbed group is a dummy column: separated when all its rows are candidates.
      const clean = new Uint8Array(ab.count).fill(1);
      for (let i = 0; i < n; i++) if (ab.of[i]! >= 0 && candidate[i] === 0) clean[ab.of[i]!] = 0;
      for (let f = 0; f < ab.count; f++) if (clean[f]) sepCols.push(opts.absorb!.names?.(ab.codeOf[f]!) ?? `fe=${ab.codeOf[f]}`);
      for (let i = 0; i < n; i++) if (ab.of[i]! >= 0 && clean[ab.of[i]!]) separatedRow[i] = 1;
    }
    let sepRows = 0;
    for (let i = 0; i < n; i++) sepRows += separatedRow[i]!;
    if (sepRows > 0) {
      separation = { rows: sepRows, columns: sepCols };
      // The coefficients of sepCols (or, when empty, of a combination of columns such as the
      // intercept and the other dummies of a reference group) diverge: the maximum-likelihood
      // estimate does not exist for them.
      warnings.push({ code: 'separation', rows: sepRows });
      converged = false;
    }
  }

  return finish(
    X,
    P,
    fam.name,
    prior,
    nPos,
    {
      coef,
      columnIndex: lastCols,
      bread: choleskyInverse(lastL, r),
      ...(ab !== null
        ? { absorbed: { count: ab.count, alpha, design: { n, names: X.names, columns: lastP.columns }, groupWeight: groupWeights(ab, workingOut), absorbedColumns: absorbedCols.map((j) => X.names[j]!), groups: ab } }
        : {}),
    },
    {
      fitted: mu,
      eta,
      resid,
      working: workingOut,
      deviance: dev,
      iterations,
      converged,
      warnings,
      ...(separation !== undefined ? { separation } : {}),
    },
  );
}

/**
 * Logistic regression (binomial family, logit link) by IRLS, as R's glm(family = binomial).
 * y in [0, 1] (proportions with weights = trials are allowed). Separation and non-convergence
 * are reported through `converged: false`, `warnings` and `separation`, never thrown.
 */
export function fitLogistic(X: Design, y: Float64Array, opts: GlmOptions = {}): GlmFit {
  return fitIrls(X, y, binomial, opts);
}

/** Poisson regression (log link) by IRLS, as R's glm(family = poisson). */
export function fitPoisson(X: Design, y: Float64Array, opts: GlmOptions = {}): GlmFit {
  return fitIrls(X, y, poisson, opts);
}

/**
 * Model-based covariance: dispersion × bread, as R's vcov(fit): dispersion is
 * Σ w (y − μ)² / (n − p) for gaussian and 1 for binomial and Poisson.
 */
export function modelVcov(fit: GlmFit): Float64Array {
  const phi = fit.family === 'gaussian' ? fit.deviance / fit.dfResidual : 1;
  return fit.bread.map((b) => b * phi);
}
