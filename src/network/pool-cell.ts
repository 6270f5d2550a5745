import { metaAnalysis, robustMeta, normalQuantile } from '../stats/index.js';
import type { PooledCell, PooledFit, StudyRow } from './network-schema.js';
import type { PoolCellInput, PoolStudy } from './pool-input.js';
import { MIN_STUDY_DF, splitCredible } from './credible-studies.js';

const fmtNum = (x: number): string => (Math.abs(x) >= 0.01 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(3))) : x.toExponential(2));
const finite = (x: number | null | undefined): number | null => (x != null && Number.isFinite(x) ? x : null);

/** Σ n over the studies, or null when some study has no n. */
export function totalN(studies: PoolStudy[]): number | null {
  let s = 0;
  for (const st of studies) {
    if (st.n == null) return null;
    s += st.n;
  }
  return s;
}

/** Fixed effect, and DL and REML random effects each with Wald and HKSJ CIs (each with its prediction interval, as metafor's predict()), over independent studies; Q, I² and τ² (REML) over the same rows. */
function independentFits(yi: Float64Array, vi: Float64Array, level: number, rows: 'every_study' | 'latest_year_per_site'): { fits: PooledFit[]; weights: Map<string, number[]>; het: PooledCell['heterogeneity']; notes: string[] } {
  const fits: PooledFit[] = [];
  const weights = new Map<string, number[]>();
  const notes: string[] = [];
  let het: NonNullable<PooledCell['heterogeneity']> = { q: null, q_df: null, q_p_value: null, rows, k: yi.length, tau2_reml: null, i2_reml: null };
  for (const method of ['FE', 'DL', 'REML'] as const) {
    const z = metaAnalysis({ yi, vi }, { method, test: 'z', level });
    weights.set(method, z.weights);
    if (method === 'FE') het = { ...het, q: finite(z.Q), q_df: z.Q_df, q_p_value: finite(z.Q_p) };
    if (method === 'REML') het = { ...het, tau2_reml: finite(z.tau2), i2_reml: finite(z.I2) };
    if (z.notes.includes('tau2_not_converged')) notes.push(`The ${method} τ² did not converge.`);
    const zPi = method === 'FE' ? null : { method: 'z' as const, low: finite(z.pi_low), high: finite(z.pi_high) };
    const cis: PooledFit['cis'] = [{ ci_method: 'wald', se: finite(z.se), df: null, ci_low: finite(z.ci_low), ci_high: finite(z.ci_high), p_value: finite(z.p_value), prediction: zPi }];
    if (method !== 'FE') {
      // metafor's predict() on a test = "knha" fit: μ ± t(k − 1)·√(τ² + SE²_HKSJ)
      const hk = metaAnalysis({ yi, vi }, { method, test: 'knha', level });
      const hkPi = { method: hk.pi_method === 'z' ? ('z' as const) : ('t_k_minus_1' as const), low: finite(hk.pi_low), high: finite(hk.pi_high) };
      cis.push({ ci_method: 'hksj', se: finite(hk.se), df: hk.df, ci_low: finite(hk.ci_low), ci_high: finite(hk.ci_high), p_value: finite(hk.p_value), prediction: hkPi });
    }
    fits.push({
      estimator: method,
      estimate: finite(z.estimate),
      se: finite(z.se),
      tau2: method === 'FE' ? 0 : finite(z.tau2),
      tau: method === 'FE' ? 0 : finite(z.tau),
      i2: method === 'FE' ? null : finite(z.I2),
      cis,
      prediction: method === 'FE' ? null : { method: 'z', low: finite(z.pi_low), high: finite(z.pi_high) },
    });
  }
  return { fits, weights, het, notes };
}

/** RVE (CR2, Satterthwaite df) clustered by site, with REML working weights 1/(v + τ²): several years of a site are not independent. */
function robustFit(yi: Float64Array, vi: Float64Array, sites: string[], level: number): { fit: PooledFit; weights: number[] } {
  const r = robustMeta({ yi, vi, cluster: sites }, { method: 'REML', level });
  const c = r.coefficients[0]!;
  const w = Array.from(vi, (v) => 1 / (v + r.tau2));
  const sw = w.reduce((a, x) => a + x, 0);
  const zc = normalQuantile(1 - (1 - level) / 2);
  const piHalf = zc * Math.sqrt(r.tau2 + c.se * c.se);
  const prediction = { method: 'z' as const, low: finite(c.estimate - piHalf), high: finite(c.estimate + piHalf) };
  return {
    fit: {
      estimator: 'RVE',
      estimate: finite(c.estimate),
      se: finite(c.se),
      tau2: finite(r.tau2),
      tau: finite(Math.sqrt(r.tau2)),
      i2: null,
      cis: [{ ci_method: 'cr2_satterthwaite', se: finite(c.se), df: finite(c.df), ci_low: finite(c.ci_low), ci_high: finite(c.ci_high), p_value: finite(c.p_value), prediction }],
      prediction,
    },
    weights: w.map((x) => x / sw),
  };
}

/** A study as the forest plot shows it, with its Wald CI and its weight under each estimator. */
function studyRow(s: PoolStudy, i: number, weights: Map<string, number[]>, zc: number): StudyRow {
  return {
    site: s.site,
    state: s.state,
    year: s.year,
    estimate: s.yi,
    se: s.se,
    variance: s.se * s.se,
    ci_low: s.yi - zc * s.se,
    ci_high: s.yi + zc * s.se,
    n_treated: s.n_treated,
    n_comparison: s.n_comparison,
    n: s.n,
    reach: s.reach,
    fidelity_score: s.fidelity_score,
    weights: [...weights].map(([estimator, w]) => ({ estimator: estimator as StudyRow['weights'][number]['estimator'], weight: Math.min(1, Math.max(0, w[i]!)) })),
  };
}

/**
 * Pool one cell: FE, DL and REML (Wald and HKSJ CIs, Q, I², τ², prediction interval) over one study per site, or
 * RVE clustered by site when a site gives several years; suppressed when its studies rest on fewer than min_cell
 * students, and shown without pooling with a single site.
 */
export function poolCell(cell: PoolCellInput, minCell: number, level = 0.95): PooledCell {
  const { kept: studies, refused } = splitCredible(cell.studies);
  const zc = normalQuantile(1 - (1 - level) / 2);
  const sites = [...new Set(studies.map((s) => s.site))];
  const several = sites.length < studies.length;
  const n_total = totalN(studies);
  const notes: string[] = [];
  if (cell.left_out.length) notes.push(`${cell.left_out.length} ${cell.left_out.length === 1 ? 'study is' : 'studies are'} left out because the site's bundle hid this estimate or its SE: ${cell.left_out.join(', ')}.`);
  for (const { study: s, reason } of refused) {
    const who = s.year === null ? s.site : `${s.site} ${s.year}`;
    notes.push(
      reason === 'df_at_most_2'
        ? `${who} is left out because its uncertainty is not credible: its estimate has ${fmtNum(s.df!)} df, at most ${MIN_STUDY_DF} (a robust SE from so few clusters can be near zero and take over the pool).`
        : `${who} is left out because its uncertainty is not credible: its SE ${fmtNum(s.se)} is not finite and positive or is below 1e-8·|estimate| + 1e-12.`,
    );
  }
  const base = {
    outcome: cell.outcome,
    label: cell.label,
    outcome_type: cell.outcome_type,
    unit: cell.unit,
    lower_is_better: cell.lower_is_better,
    method: cell.method,
    scale: cell.scale,
    effect_size_type: cell.effect_size_type,
    k: studies.length,
    sites: sites.length,
    dependence: several ? ('several_years_rve' as const) : ('one_study_per_site' as const),
    left_out: { suppressed: cell.left_out.length, sites: cell.left_out, not_credible: refused.map(({ study, reason }) => ({ site: study.site, year: study.year, reason })) },
    n_total,
  };
  const empty = { heterogeneity: null, fits: [] };
  if (n_total != null && n_total < minCell && studies.length > 0) {
    return { ...base, n_total: null, suppressed: true, suppression_reason: 'pooled_n_below_min_cell', ...empty, studies: [], notes: [...notes, `The pooled studies rest on fewer than ${minCell} students.`] };
  }
  if (studies.length === 0) return { ...base, suppressed: true, suppression_reason: 'no_study', ...empty, studies: [], notes };
  const yi = Float64Array.from(studies, (s) => s.yi);
  const vi = Float64Array.from(studies, (s) => s.se * s.se);
  if (sites.length < 2) {
    const rows = studies.map((s, i) => studyRow(s, i, new Map(), zc));
    return { ...base, suppressed: true, suppression_reason: 'single_study', ...empty, studies: rows, notes: [...notes, 'One site only: nothing to pool.'] };
  }
  if (several) {
    const { fit, weights } = robustFit(yi, vi, studies.map((s) => s.site), level);
    const w = new Map([['RVE', weights]]);
    notes.push('Some sites give several years, so the years are pooled with robust variance estimation clustered by site (CR2, Satterthwaite df), never as independent studies.');
    // beside it, the usual fits over one row per site by a stated rule: the site's latest year
    const latest = sites.map((site) => studies.reduce((best, s, i) => (s.site === site && (best < 0 || (s.year ?? 0) > (studies[best]!.year ?? 0)) ? i : best), -1));
    const perSite = independentFits(Float64Array.from(latest, (i) => yi[i]!), Float64Array.from(latest, (i) => vi[i]!), level, 'latest_year_per_site');
    const latestN = totalN(latest.map((i) => studies[i]!));
    notes.push(`The fixed-effect and random-effects fits beside it, and Q, I² and the REML τ² of the heterogeneity line, use one row per site, its latest year (a stated rule): ${latest.length} rows${latestN === null ? '' : ` and ${latestN.toLocaleString('en-US')} students`}, so that no site counts twice.`);
    const fits = [fit, ...perSite.fits.map((f) => ({ ...f, rows: 'latest_year_per_site' as const, k: latest.length, n_total: latestN }))];
    return { ...base, suppressed: false, suppression_reason: null, heterogeneity: perSite.het, fits, studies: studies.map((s, i) => studyRow(s, i, w, zc)), notes: [...notes, ...perSite.notes] };
  }
  const { fits, weights, het, notes: fitNotes } = independentFits(yi, vi, level, 'every_study');
  return { ...base, suppressed: false, suppression_reason: null, heterogeneity: het, fits, studies: studies.map((s, i) => studyRow(s, i, weights, zc)), notes: [...notes, ...fitNotes] };
}
