/**
 * Covariate balance table in the spirit of R's `cobalt::bal.tab()`, scored with the WWC baseline
 * equivalence rules (METHODS.md §3): Hedges' g for continuous covariates, the Cox index for binary
 * ones, and the WWC band of each.
 *
 * Weighted statistics (when `weights` is given; matching weights 0/1 or ATT odds weights):
 * - mean: Σwx / Σw;
 * - continuous variance: the unbiased "reliability weights" formula
 *   Σw(x − x̄_w)² / (Σw − Σw²/Σw), cobalt's `col_w_var()` (= Hmisc `wtd.var(method = "unbiased")`
 *   with normalised weights); with all weights 1 it is the usual n − 1 sample variance, so a 0/1
 *   matching weight gives exactly the matched sample's SD;
 * - binary SD: √(p(1 − p)) with p the (weighted) proportion, as cobalt reports binary covariates;
 *   no variance ratio for binary covariates (cobalt leaves it blank);
 * - n: Kish effective sample size (Σw)²/Σw² (= the number of matched units for 0/1 weights).
 *
 * Effect size (decision, where cobalt and WWC differ): cobalt's ATT standardised mean difference
 * divides by the unadjusted treated-group SD. We follow WWC instead: Hedges' g
 * `g = ω (x̄_t − x̄_c)/S` with S the pooled within-group SD and ω = 1 − 3/(4N − 9); Cox index
 * `d = ω ln(OR)/1.65` for binary covariates. With `standardizeWith: 'unweighted'` (default) S and
 * N come from the unweighted sample passed in (every unit with a non-missing value, whatever its
 * weight), and only the numerator uses the weighted/matched means — as WWC does for an adjusted
 * finding, and as cobalt does by keeping the unadjusted SD, so the before and after tables are on
 * one scale and their effect sizes can be compared directly. With `standardizeWith: 'weighted'`
 * S, ω and the Cox index's N use the weighted groups themselves (weighted SDs and effective n's):
 * for 0/1 matching weights that is WWC's baseline equivalence on the matched analytic sample
 * ("pooled SD of the groups being compared").
 *
 * Missing values: NaN values of a covariate are excluded for that covariate only; n_* report the
 * n actually used. A number that cannot be computed is null (with `note`), never NaN or Infinity.
 */
import { coxIndex } from '../cox-index.js';
import { hedgesG } from '../hedges-g.js';
import type { GroupSummary } from '../summary.js';
import { wwcBand, type WwcBand } from './wwc-band.js';

export interface BalanceCovariate {
  name: string;
  /** One value per unit; NaN = missing. Binary covariates must be 0/1 (or NaN). */
  values: Float64Array;
  binary: boolean;
}

export interface BalanceTableOptions {
  covariates: BalanceCovariate[];
  /** 1 (any non-zero value) = treated, 0 = comparison. */
  treated: Uint8Array;
  /** Optional non-negative unit weights: 0/1 for a matched sample, or ATT odds weights. */
  weights?: Float64Array;
  /** Which sample supplies the effect size's SD and N (see the module comment). Default 'unweighted'. */
  standardizeWith?: 'unweighted' | 'weighted';
}

export interface BalanceRow {
  name: string;
  binary: boolean;
  /** (Weighted) mean, or proportion for a binary covariate; null when the group has no data. */
  mean_treated: number | null;
  mean_comparison: number | null;
  /** (Weighted) SD; √(p(1 − p)) for binary; null when undefined (e.g. one unit). */
  sd_treated: number | null;
  sd_comparison: number | null;
  /** Units with a non-missing value (unweighted), or the effective sample size (Σw)²/Σw² when weighted. */
  n_treated: number;
  n_comparison: number;
  /** Units with a non-missing value and a positive weight (all non-missing units when unweighted). */
  n_treated_units: number;
  n_comparison_units: number;
  /** Hedges' g (continuous) or Cox index (binary), treated minus comparison; null when undefined. */
  effect_size: number | null;
  effect_size_type: 'hedges_g' | 'cox_index';
  wwc_band: WwcBand;
  /** (Weighted) variance treated / comparison, continuous covariates only. */
  variance_ratio: number | null;
  /** Why a number is null; null when nothing is. */
  note: string | null;
}

interface Group {
  /** unweighted, non-missing */
  n: number;
  mean: number;
  variance: number;
  /** weighted (positive weight, non-missing) */
  units: number;
  sw: number;
  sw2: number;
  wMean: number;
  wVariance: number;
}

function groupStats(
  x: Float64Array,
  treated: Uint8Array,
  weights: Float64Array | undefined,
  isTreated: boolean,
): Group {
  const values: number[] = [];
  const positive: number[] = [];
  const positiveWeights: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if ((treated[i] !== 0) !== isTreated) continue;
    const v = x[i]!;
    if (Number.isNaN(v)) continue;
    values.push(v);
    const w = weights ? weights[i]! : 1;
    if (w > 0) {
      positive.push(v);
      positiveWeights.push(w);
    }
  }
  return { ...meanAndVariance(values), ...weightedMeanAndVariance(positive, positiveWeights) };
}

/** Mean and n − 1 variance (centred second pass with the Björck correction); NaN where undefined. */
function meanAndVariance(values: number[]): Pick<Group, 'n' | 'mean' | 'variance'> {
  const n = values.length;
  let sum = 0;
  for (const v of values) sum += v;
  const mean = n > 0 ? sum / n : NaN;
  let d = 0;
  let d2 = 0;
  for (const v of values) {
    const e = v - mean;
    d += e;
    d2 += e * e;
  }
  const variance = n >= 2 ? Math.max(0, (d2 - (d * d) / n) / (n - 1)) : NaN;
  return { n, mean, variance };
}

/** Weighted mean and reliability-weights variance of values with positive weights, and the weight sums. */
function weightedMeanAndVariance(values: number[], weights: number[]): Omit<Group, 'n' | 'mean' | 'variance'> {
  let sw = 0;
  let sw2 = 0;
  let swx = 0;
  for (let k = 0; k < values.length; k++) {
    const w = weights[k]!;
    sw += w;
    sw2 += w * w;
    swx += w * values[k]!;
  }
  const wMean = sw > 0 ? swx / sw : NaN;
  let wd = 0;
  let wd2 = 0;
  for (let k = 0; k < values.length; k++) {
    const w = weights[k]!;
    const f = values[k]! - wMean;
    wd += w * f;
    wd2 += w * f * f;
  }
  const denom = sw - sw2 / sw;
  const wVariance = sw > 0 && denom > 0 ? Math.max(0, (wd2 - (wd * wd) / sw) / denom) : NaN;
  return { units: values.length, sw, sw2, wMean, wVariance };
}

const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** One cobalt-style balance row per covariate, scored with WWC effect sizes and bands. */
export function balanceTable(opts: BalanceTableOptions): BalanceRow[] {
  const { covariates, treated, weights } = opts;
  const mode = opts.standardizeWith ?? 'unweighted';
  const n = treated.length;
  if (mode !== 'unweighted' && mode !== 'weighted') throw new RangeError(`unknown standardizeWith ${String(mode)}`);
  if (weights) {
    if (weights.length !== n) throw new RangeError(`weights has length ${weights.length}, treated ${n}`);
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w)) throw new RangeError(`weights[${i}] = ${w} is not a finite non-negative number`);
    }
  }

  return covariates.map((cov): BalanceRow => {
    const x = cov.values;
    if (x.length !== n) throw new RangeError(`covariate ${cov.name} has length ${x.length}, treated ${n}`);
    if (cov.binary) {
      for (let i = 0; i < n; i++) {
        const v = x[i]!;
        if (v !== 0 && v !== 1 && !Number.isNaN(v)) {
          throw new RangeError(`binary covariate ${cov.name} has value ${v} at ${i} (expected 0, 1 or NaN)`);
        }
      }
    }
    const t = groupStats(x, treated, weights, true);
    const c = groupStats(x, treated, weights, false);
    const ess = (g: Group): number => (g.sw2 > 0 ? (g.sw * g.sw) / g.sw2 : 0);
    const nT = weights ? ess(t) : t.n;
    const nC = weights ? ess(c) : c.n;
    const meanT = weights ? t.wMean : t.mean;
    const meanC = weights ? c.wMean : c.mean;
    const varT = cov.binary ? meanT * (1 - meanT) : weights ? t.wVariance : t.variance;
    const varC = cov.binary ? meanC * (1 - meanC) : weights ? c.wVariance : c.variance;

    let effect = NaN;
    let note: string | null = null;
    const notes: string[] = [];
    if (!Number.isFinite(meanT)) notes.push('no non-missing treated values');
    if (!Number.isFinite(meanC)) notes.push('no non-missing comparison values');
    const useWeighted = mode === 'weighted' && weights !== undefined;
    if (notes.length === 0) {
      if (cov.binary) {
        const nTs = useWeighted ? nT : t.n;
        const nCs = useWeighted ? nC : c.n;
        effect = coxIndex(meanT, meanC, nTs, nCs);
        if (!Number.isFinite(effect)) notes.push('Cox index undefined: a proportion is 0 or 1');
      } else {
        const st: GroupSummary = useWeighted
          ? { n: nT, mean: meanT, sd: Math.sqrt(t.wVariance) }
          : { n: t.n, mean: t.mean, sd: Math.sqrt(t.variance) };
        const sc: GroupSummary = useWeighted
          ? { n: nC, mean: meanC, sd: Math.sqrt(c.wVariance) }
          : { n: c.n, mean: c.mean, sd: Math.sqrt(c.variance) };
        effect = hedgesG(st, sc, meanT - meanC);
        if (!Number.isFinite(effect)) notes.push('Hedges g undefined: pooled SD is 0 or undefined');
      }
    }
    let variance_ratio: number | null = null;
    if (!cov.binary) {
      variance_ratio = varC > 0 && Number.isFinite(varT) ? varT / varC : null;
      if (variance_ratio === null && notes.length === 0) notes.push('variance ratio undefined');
    }
    if (notes.length > 0) note = notes.join('; ');
    const es = finiteOrNull(effect);
    return {
      name: cov.name,
      binary: cov.binary,
      mean_treated: finiteOrNull(meanT),
      mean_comparison: finiteOrNull(meanC),
      sd_treated: finiteOrNull(Math.sqrt(varT)),
      sd_comparison: finiteOrNull(Math.sqrt(varC)),
      n_treated: nT,
      n_comparison: nC,
      n_treated_units: t.units,
      n_comparison_units: c.units,
      effect_size: es,
      effect_size_type: cov.binary ? 'cox_index' : 'hedges_g',
      wwc_band: wwcBand(es),
      variance_ratio,
      note,
    };
  });
}
