/** The network report's CSV tables (tables/pooled.csv, studies.csv, states.csv, sites.csv, meta_regression.csv), every cell neutralised as the site tables are. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeCsv } from '../../util/csv.js';
import type { Estimator, NetworkResults } from '../network-schema.js';
import { metaRegressionR2 } from './meta-regression-r2.js';

type Cell = string | number | boolean | null;

/** The columns of pooled.csv. */
export const POOLED_COLUMNS = ['outcome', 'label', 'method', 'scale', 'effect_size_type', 'unit', 'estimator', 'ci_method', 'rows', 'k', 'sites', 'dependence', 'n_total', 'estimate', 'se', 'df', 'ci_low', 'ci_high', 'p_value', 'tau2', 'tau', 'i2', 'heterogeneity_rows', 'heterogeneity_k', 'q', 'q_df', 'q_p_value', 'heterogeneity_tau2_reml', 'heterogeneity_i2_reml', 'prediction_method', 'prediction_low', 'prediction_high', 'suppressed', 'suppression_reason', 'studies_left_out', 'studies_not_credible'];

/** pooled.csv: one row per cell × estimator × CI method (a suppressed cell: one row with its reason); k and n_total are the rows that fit pooled, Q, I² and τ² of the heterogeneity columns name their rows. */
export function pooledRows(r: NetworkResults): Cell[][] {
  return r.pooled.flatMap((c) => {
    const base = [c.outcome, c.label, c.method, c.scale, c.effect_size_type, c.unit];
    const notCredible = (c.left_out.not_credible ?? []).map((x) => `${x.site}${x.year === null ? '' : ` ${x.year}`} (${x.reason})`).join('; ');
    const tail = [c.suppressed, c.suppression_reason, c.left_out.sites.join('; '), notCredible];
    const h = c.heterogeneity;
    const het = [h?.rows ?? null, h?.k ?? null, h?.q ?? null, h?.q_df ?? null, h?.q_p_value ?? null, h?.tau2_reml ?? null, h?.i2_reml ?? null];
    if (c.fits.length === 0) return [[...base, null, null, null, c.k, c.sites, c.dependence, c.n_total, ...Array<Cell>(19).fill(null), ...tail]];
    return c.fits.flatMap((f) =>
      f.cis.map((ci) => {
        const pi = ci.prediction === undefined ? f.prediction : ci.prediction;
        return [
          ...base, f.estimator, ci.ci_method, f.rows ?? 'every_study', f.k ?? c.k, c.sites, c.dependence, f.n_total === undefined ? c.n_total : f.n_total,
          f.estimate, ci.se, ci.df, ci.ci_low, ci.ci_high, ci.p_value, f.tau2, f.tau, f.i2,
          ...het,
          pi?.method ?? null, pi?.low ?? null, pi?.high ?? null, ...tail,
        ];
      }),
    );
  });
}

const ESTIMATORS: Estimator[] = ['FE', 'DL', 'REML', 'RVE'];
const STUDIES_HEAD = ['outcome', 'method', 'scale', 'site', 'state', 'year', 'estimate', 'se', 'variance', 'ci_low', 'ci_high', 'n_treated', 'n_comparison', 'n', 'reach', 'fidelity_score', ...ESTIMATORS.map((e) => `weight_${e}`)];

/** studies.csv: every study of every pooled cell as its bundle gave it, with its Wald CI and weight under each estimator. */
export function studyRows(r: NetworkResults): Cell[][] {
  return r.pooled.flatMap((c) =>
    c.studies.map((s) => [
      c.outcome, c.method, c.scale, s.site, s.state, s.year, s.estimate, s.se, s.variance, s.ci_low, s.ci_high, s.n_treated, s.n_comparison, s.n, s.reach, s.fidelity_score,
      ...ESTIMATORS.map((e) => s.weights.find((w) => w.estimator === e)?.weight ?? null),
    ]),
  );
}

const STATES_HEAD = ['state', 'outcome', 'method', 'scale', 'kind', 'site', 'year', 'sites', 'k', 'estimator', 'ci_method', 'estimate', 'ci_low', 'ci_high', 'tau2', 'n_total', 'suppressed', 'suppression_reason'];
const SITES_HEAD = ['site', 'state', 'year', 'file', 'schools', 'reach', 'schools_at_threshold', 'program_schools', 'fidelity_score', 'n', 'cost_per_visited_student', 'currency', 'price_year'];
const MR_HEAD = ['outcome', 'label', 'method', 'scale', 'moderator', 'k', 'sites', 'estimator', 'test', 'tau2_residual', 'r2', 'term', 'estimate', 'se', 'df', 'ci_low', 'ci_high', 'p_value', 'low_power', 'suppressed', 'suppression_reason', 'notes'];

/** meta_regression.csv: one row per regression × coefficient (a suppressed regression: one row with its reason). */
export function metaRegressionRows(r: NetworkResults): Cell[][] {
  return r.meta_regression.flatMap((m) => {
    const head = [m.outcome, m.label, m.method, m.scale, m.moderator, m.k, m.sites, m.estimator, m.test, m.tau2_residual, metaRegressionR2(m, r)];
    const tail = [m.low_power, m.suppressed, m.suppression_reason, m.notes.join(' ')];
    if (m.coefficients.length === 0) return [[...head, null, null, null, null, null, null, null, ...tail]];
    return m.coefficients.map((c) => [...head, c.term, c.estimate, c.se, c.df, c.ci_low, c.ci_high, c.p_value, ...tail]);
  });
}

/** Write the five network tables into `<dir>/tables/`; returns their file names. */
export function writeNetworkTables(dir: string, r: NetworkResults): string[] {
  const t = join(dir, 'tables');
  mkdirSync(t, { recursive: true });
  writeCsv(join(t, 'pooled.csv'), POOLED_COLUMNS, pooledRows(r));
  writeCsv(join(t, 'studies.csv'), STUDIES_HEAD, studyRows(r));
  writeCsv(join(t, 'states.csv'), STATES_HEAD, r.states.map((s) => STATES_HEAD.map((h) => s[h as keyof typeof s] as Cell)));
  writeCsv(join(t, 'sites.csv'), SITES_HEAD, r.sites.map((s) => SITES_HEAD.map((h) => s[h as keyof typeof s] as Cell)));
  writeCsv(join(t, 'meta_regression.csv'), MR_HEAD, metaRegressionRows(r));
  return ['pooled.csv', 'studies.csv', 'states.csv', 'sites.csv', 'meta_regression.csv'];
}
