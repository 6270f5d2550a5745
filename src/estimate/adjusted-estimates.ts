import { nearestNeighborMatch, attOddsWeights, balanceTable, wwcBand, type BalanceRow } from '../stats/matching/index.js';
import { summarize, pooledSd, smallSampleCorrection, improvementIndex, coxIndex } from '../stats/index.js';
import { fitLogistic } from '../stats/regression/index.js';
import type { AnalysisFrame } from './analysis-frame.js';
import { buildDesign, type CovariateSpec, type CovariateInfo } from './covariate-design.js';
import type { OutcomeDef } from './outcomes.js';
import { familyFor, modelEffect, type SeChoice } from './model-estimate.js';
import type { Estimate, BalanceRowResult, Results } from '../results/results-schema.js';
import { finiteOrNull } from './finite-or-null.js';
import { dropConstantGroups } from './drop-constant-groups.js';

/** The choices of the adjusted analyses (all written in the pipeline schema with defaults). */
export interface AdjustmentOptions {
  seed: number;
  caliperSd: number;
  exact: string[];
  trim: number | null;
  /** CR2 + Satterthwaite when there are fewer clusters than this; CR1 otherwise */
  cr2Below: number;
}

/** What the adjusted analyses produced. */
export interface AdjustedResults {
  estimates: Map<string, Estimate[]>;
  covariates: CovariateInfo[];
  balance: NonNullable<Results['balance']>;
  adjustment: NonNullable<Results['adjustment']>;
}

const toU8 = (t: Float64Array) => Uint8Array.from(t, (v) => (v === 1 ? 1 : 0));

/** Balance rows of every covariate (numeric measures and demographic dummies) for one sample. */
function balanceRows(frame: AnalysisFrame, spec: CovariateSpec, treated: Uint8Array, weights?: Float64Array): BalanceRowResult[] {
  const covs: { name: string; values: Float64Array; binary: boolean }[] = [];
  for (const name of spec.numeric) {
    const v = frame.numeric[name]!;
    let binary = true;
    for (let i = 0; i < v.length && binary; i++) if (!Number.isNaN(v[i]!) && v[i] !== 0 && v[i] !== 1) binary = false;
    covs.push({ name, values: v, binary });
  }
  for (const name of spec.categorical) {
    const c = frame.categorical[name]!;
    c.levels.forEach((level, l) => covs.push({ name: `${name}: ${level}`, values: Float64Array.from(c.codes, (x) => (x < 0 ? NaN : x === l ? 1 : 0)), binary: true }));
  }
  const rows: BalanceRow[] = balanceTable({ covariates: covs, treated, ...(weights ? { weights } : {}) });
  return rows.map((r) => ({
    name: r.name,
    binary: r.binary,
    n_treated: finiteOrNull(r.n_treated, [], ''),
    n_comparison: finiteOrNull(r.n_comparison, [], ''),
    mean_treated: r.mean_treated,
    mean_comparison: r.mean_comparison,
    effect_size: r.effect_size,
    effect_size_type: r.effect_size_type,
    band: r.wwc_band,
    variance_ratio: r.variance_ratio,
    suppressed: false,
  }));
}

/** The verdict when no baseline measure was named for an outcome. */
export function noBaseline(def: OutcomeDef): NonNullable<Estimate['baseline']> {
  return {
    measure: '(none)',
    effect_size: null,
    effect_size_type: def.type === 'binary' ? 'cox_index' : 'hedges_g',
    band: 'undefined',
    adjusted_in_model: false,
    verdict: 'not_assessed',
    reason: 'No baseline (pre-test) measure was named for this outcome, so baseline equivalence cannot be assessed.',
  };
}

/** WWC verdict for one finding from the effect size of its baseline measure in the sample it uses. */
function baselineVerdict(measure: string, es: number | null, type: 'hedges_g' | 'cox_index', adjusted: boolean, nWith: string): NonNullable<Estimate['baseline']> {
  const band = wwcBand(es);
  const text = { satisfied: '|ES| ≤ 0.05', adjustment_required: '0.05 < |ES| ≤ 0.25', not_satisfied: '|ES| > 0.25', undefined: 'no students with the baseline measure' }[band];
  let verdict: 'meets_with_reservations' | 'does_not_meet' | 'not_assessed';
  let reason: string;
  if (band === 'undefined') {
    verdict = 'not_assessed';
    reason = 'Baseline equivalence cannot be assessed: no students with the baseline measure.';
  } else if (band === 'satisfied' || (band === 'adjustment_required' && adjusted)) {
    verdict = 'meets_with_reservations';
    reason = `${text}${band === 'adjustment_required' ? ', and the model adjusts for it' : ''} (${nWith}); a quasi-experiment can at best meet standards with reservations.`;
  } else {
    verdict = 'does_not_meet';
    reason = band === 'adjustment_required' ? `${text} and this estimate does not adjust for it (${nWith}).` : `${text} (${nWith}): too large to be adjusted away.`;
  }
  return { measure, effect_size: es, effect_size_type: type, band, adjusted_in_model: adjusted, verdict, reason };
}

/**
 * Regression adjustment, propensity-score matching and ATT weighting for every outcome of the analytic
 * sample, with balance before and after, and a baseline-equivalence verdict per finding.
 */
export function adjustedEstimates(frame: AnalysisFrame, defs: readonly OutcomeDef[], spec: CovariateSpec, opts: AdjustmentOptions): AdjustedResults {
  const treatedF = frame.numeric.visited!;
  const treated = toU8(treatedF);
  const cluster = frame.categorical.school_id!.codes;
  const G = new Set(cluster).size;
  const seChoice: SeChoice = G < opts.cr2Below ? 'CR2' : 'CR1';

  // propensity score: logistic on the baseline covariates and school
  const ps = buildDesign(frame, spec);
  const psFit = fitLogistic(ps.design as never, treatedF);
  const logitPs = psFit.linearPredictor;
  const psValues = psFit.fitted;

  const exactCodes = opts.exact.length
    ? Int32Array.from({ length: frame.n }, (_, i) => opts.exact.reduce((acc, name) => acc * 100003 + (frame.categorical[name]!.codes[i]! + 1), 0))
    : undefined;
  const match = nearestNeighborMatch({ logitPs, treated, caliperSd: opts.caliperSd, seed: opts.seed, ...(exactCodes ? { exact: exactCodes } : {}) });
  const matched = Uint8Array.from(match.pairId, (p) => (p >= 0 ? 1 : 0));
  const matchWeights = Float64Array.from(matched);
  const pairCluster = match.pairId;

  const weighting = attOddsWeights(psValues, treated, opts.trim === null ? {} : { trimAt: opts.trim });

  const balance: AdjustedResults['balance'] = [
    { sample: 'analytic', rows: balanceRows(frame, spec, treated) },
    { sample: 'matched', rows: balanceRows(frame, spec, treated, matchWeights) },
    { sample: 'weighted', rows: balanceRows(frame, spec, treated, weighting.weights) },
  ];

  const estimates = new Map<string, Estimate[]>();
  let covariates: CovariateInfo[] = [];
  for (const def of defs) {
    const y = frame.numeric[def.outcome]!;
    const has = Uint8Array.from(y, (v) => (Number.isNaN(v) ? 0 : 1));
    const family = familyFor(def.type);
    const out: Estimate[] = [];
    const methods = [
      { method: 'regression' as const, rows: has, weights: undefined as Float64Array | undefined, estimand: 'ATT (regression-adjusted)' },
      { method: 'matching' as const, rows: Uint8Array.from(has, (h, i) => h & matched[i]!), weights: undefined, estimand: 'ATT on the matched visited students' },
      { method: 'weighting' as const, rows: has, weights: weighting.weights, estimand: 'ATT (odds weights, doubly robust)' },
    ];
    for (const m of methods) {
      const notes: string[] = [];
      let rows: Uint8Array = m.rows;
      if (family !== 'gaussian' && spec.fixedEffects) {
        const fe = frame.categorical[spec.fixedEffects]!.codes;
        const kept = dropConstantGroups(rows, y, fe, family === 'binomial');
        if (kept.droppedRows > 0) {
          notes.push(`${kept.droppedRows} students in ${kept.droppedGroups} ${kept.droppedGroups === 1 ? 'school' : 'schools'} where the outcome never varies were left out of the ${family === 'binomial' ? 'logistic' : 'Poisson'} model (they predict it perfectly), as Stata does`);
          rows = kept.rows;
        }
      }
      const d = buildDesign(frame, spec, { rows, treatment: treatedF });
      if (m.method === 'regression' && def === defs[0]) covariates = d.info;
      const yy = Float64Array.from(d.index, (i) => y[i]!);
      const tt = Float64Array.from(d.index, (i) => treatedF[i]!);
      const cc = Int32Array.from(d.index, (i) => cluster[i]!);
      const ww = m.weights ? Float64Array.from(d.index, (i) => m.weights![i]!) : undefined;
      const yt = Float64Array.from(d.index.filter((_, k) => tt[k] === 1), (i) => y[i]!);
      const yc = Float64Array.from(d.index.filter((_, k) => tt[k] === 0), (i) => y[i]!);
      const st = summarize(yt);
      const sc = summarize(yc);
      let eff: ReturnType<typeof modelEffect> | null = null;
      try {
        eff = modelEffect(family, d.design, yy, tt, cc, seChoice, ww);
      } catch (e) {
        notes.push(`model not estimable: ${(e as Error).message}`);
      }
      if (eff && !eff.converged) {
        // a model that did not converge (e.g. separation) gives no trustworthy number: fall back to a linear
        // (probability) model on the same design, and say so; if that fails too, report none
        const why = eff.warning ? eff.warning.split(';')[0] : 'no convergence';
        eff = null;
        if (family !== 'gaussian') {
          try {
            eff = modelEffect('gaussian', d.design, yy, tt, cc, seChoice, ww);
            notes.push(`the ${family === 'binomial' ? 'logistic' : 'Poisson'} model did not converge (${why}); this estimate comes from a linear ${family === 'binomial' ? 'probability ' : ''}model on the same covariates`);
          } catch (e) {
            notes.push(`not estimable: ${(e as Error).message}`);
          }
        } else notes.push(`not estimable: the model did not converge (${why})`);
      } else if (eff?.warning) notes.push(eff.warning);
      // WWC effect size of an adjusted finding: adjusted difference over the unadjusted pooled SD; Cox from the adjusted OR
      const N = st.n + sc.n;
      const omega = smallSampleCorrection(N);
      const es = !eff
        ? NaN
        : def.type === 'binary'
          ? eff.ratio !== null
            ? (omega * Math.log(eff.ratio)) / 1.65
            : coxIndex(st.mean, st.mean - eff.estimate, st.n, sc.n) // linear-model fallback: Cox index of the adjusted proportions
          : (omega * eff.estimate) / pooledSd(st, sc);
      // baseline equivalence on the outcome's own baseline measure, in this sample (weighted/matched as analysed)
      const baseValues = def.baseline ? frame.numeric[def.baseline] : undefined;
      const b = baseValues
        ? balanceTable({
            covariates: [{ name: def.baseline!, values: Float64Array.from(d.index, (i) => baseValues[i]!), binary: def.type === 'binary' }],
            treated: Uint8Array.from(tt),
            ...(ww ? { weights: ww } : {}),
            standardizeWith: m.method === 'weighting' ? 'unweighted' : 'weighted',
          })[0]!
        : null;
      const nWith = b ? `${Math.round(b.n_treated)} visited and ${Math.round(b.n_comparison)} comparison students have it` : '';
      out.push({
        method: m.method,
        estimand: m.estimand,
        n_treated: st.n,
        n_comparison: sc.n,
        mean_treated: finiteOrNull(st.mean, notes, 'no visited students with this outcome'),
        mean_comparison: eff ? finiteOrNull(st.mean - eff.estimate, notes, 'adjusted comparison mean undefined') : null,
        sd_treated: def.type === 'binary' ? null : finiteOrNull(st.sd, notes, 'SD undefined'),
        sd_comparison: def.type === 'binary' ? null : finiteOrNull(sc.sd, notes, 'SD undefined'),
        estimate: eff ? finiteOrNull(eff.estimate, notes, 'estimate undefined') : null,
        se: eff ? finiteOrNull(eff.se, notes, 'SE undefined') : null,
        df: eff?.df != null ? finiteOrNull(eff.df, notes, 'df undefined') : null,
        ci_low: eff ? finiteOrNull(eff.ci_low, notes, 'CI undefined') : null,
        ci_high: eff ? finiteOrNull(eff.ci_high, notes, 'CI undefined') : null,
        p_value: eff ? finiteOrNull(eff.p_value, notes, 'p undefined') : null,
        effect_size: finiteOrNull(es, notes, 'effect size undefined'),
        effect_size_type: def.type === 'binary' ? 'cox_index' : 'hedges_g',
        improvement_index: finiteOrNull(improvementIndex(es, def.lower_is_better), notes, 'effect size undefined'),
        suppressed: false,
        notes,
        se_type: eff?.se_type ?? '',
        clusters: eff?.clusters ?? null,
        ratio: eff?.ratio != null ? finiteOrNull(eff.ratio, notes, 'ratio undefined') : null,
        ratio_type: eff?.ratio == null ? null : def.type === 'binary' ? 'odds_ratio' : def.type === 'count' ? 'rate_ratio' : null,
        ratio_ci_low: eff?.ratio_ci_low != null ? finiteOrNull(eff.ratio_ci_low, notes, 'ratio CI undefined (a very small group or a rare outcome)') : null,
        ratio_ci_high: eff?.ratio_ci_high != null ? finiteOrNull(eff.ratio_ci_high, notes, 'ratio CI undefined (a very small group or a rare outcome)') : null,
        alternative_se: m.method === 'matching' && eff ? pairClusteredSe(family, d, yy, tt, Int32Array.from(d.index, (i) => pairCluster[i]!)) : null,
        baseline: b ? baselineVerdict(def.baseline!, b.effect_size, b.effect_size_type, true, nWith) : noBaseline(def),
      });
    }
    estimates.set(def.outcome, out);
  }

  return {
    estimates,
    covariates,
    balance,
    adjustment: {
      clusters: G,
      se_type: seChoice === 'CR2' ? `CR2 (Bell–McCaffrey) with Satterthwaite df, as fewer than ${opts.cr2Below} schools` : 'CR1 (G/(G−1)·(N−1)/(N−K)), t with G − 1 df',
      propensity: { covariates: ps.design.columns.length - 1, converged: psFit.converged, warning: psFit.warning ?? null },
      matching: {
        caliper_sd: opts.caliperSd,
        caliper: finiteOrNull(match.caliper, [], ''),
        exact: opts.exact,
        treated: treated.reduce((a, b) => a + b, 0),
        matched_treated: match.matchedTreated,
        matched_comparison: match.matchedComparison,
        dropped_by_caliper: match.droppedByCaliper,
        no_candidates: match.noCandidates,
        outside_support: match.outsideSupport,
      },
      weighting: {
        ess_treated: finiteOrNull(weighting.ess.treated, [], ''),
        ess_comparison: finiteOrNull(weighting.ess.comparison, [], ''),
        trimmed: weighting.trimmed,
        trim: opts.trim === null ? 'none' : `propensity scores truncated to [${opts.trim}, ${1 - opts.trim}]`,
      },
    },
  };
}

/** The matched-sample estimate's SE clustered by matched pair (MatchIt's advice), reported beside the school-clustered SE. */
function pairClusteredSe(
  family: 'gaussian' | 'binomial' | 'poisson',
  d: ReturnType<typeof buildDesign>,
  y: Float64Array,
  t: Float64Array,
  pairs: Int32Array,
): NonNullable<Estimate['alternative_se']> {
  const eff = modelEffect(family, d.design, y, t, pairs, 'CR1');
  return {
    se_type: `CR1 clustered by matched pair (${eff.clusters} pairs)`,
    se: finiteOrNull(eff.se, [], ''),
    ci_low: finiteOrNull(eff.ci_low, [], ''),
    ci_high: finiteOrNull(eff.ci_high, [], ''),
    p_value: finiteOrNull(eff.p_value, [], ''),
  };
}
