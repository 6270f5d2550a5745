import { ResultsSchema, type Results } from '../results/results-schema.js';
import { Suppressor } from './suppressor.js';
import { gateEstimate } from './gate-estimates.js';
import { gateFlow } from './gate-flow.js';
import { gateContrasts } from './gate-contrasts.js';
import { gateBalance } from './gate-balance.js';
import { gateAdjustment, gateCovariates } from './gate-adjustment.js';
import { gateCoverage } from './gate-coverage.js';
import { topBottomCode } from './top-bottom-coding.js';
import { gateQuality } from './gate-quality.js';
import { regateBenjaminiHochberg } from './gate-bh.js';
import { relabelRareLevels } from './rare-levels.js';
import { hideBalanceOfHiddenLevels, hideModelRowsOfHiddenOutcomes, alignHiddenSchools } from './gate-cross-tables.js';
import { gateFidelity, gateCost } from './gate-fidelity.js';
import { gateSurvey } from './gate-survey.js';

/**
 * When matching leaves out 1 to k − 1 visited students, the visited means before and after matching differ by
 * exactly their values (n·mean − m·mean' is the sum over the few left out): hide the matched sample's visited
 * means (balance rows, and the matching estimates' group means and SDs, whose adjusted comparison mean with the
 * estimate gives the visited mean back).
 */
function hideFewDroppedByMatching(raw: Results, outcomes: Results['outcomes'], balance: Results['balance'], s: Suppressor): void {
  const m = raw.adjustment?.matching;
  if (!m || m.treated === null || m.matched_treated === null || !s.small(m.treated - m.matched_treated)) return;
  balance?.forEach((b, i) => {
    if (b.sample !== 'matched') return;
    b.rows.forEach((row, j) => s.hide(row, 'mean_treated', { table: 'balance (matched)', cell: row.name, path: `/balance/${i}/rows/${j}` }, 'complementary', 'small_difference'));
  });
  outcomes.forEach((o, i) =>
    o.estimates.forEach((e, j) => {
      if (e.method !== 'matching') return;
      const at = { table: 'outcomes', cell: `${o.outcome} / matching`, path: `/outcomes/${i}/estimates/${j}` };
      for (const f of ['mean_treated', 'mean_comparison', 'sd_treated', 'sd_comparison'] as const) s.hide(e, f, at, 'complementary', 'small_difference');
    }),
  );
}

/**
 * The single place where small cells are suppressed: primary suppression of 1 to `minCell` − 1 students,
 * complementary suppression where a total or another table would give a hidden cell back, top/bottom
 * coding, student counts in notes; every decision logged with the path of the hidden value and what a
 * report shows instead. Validates the result; `Publishable.fromGate` seals it.
 */
export function gateResults(input: Results, minCell: number): Results {
  const raw = relabelRareLevels(input, minCell);
  const s = new Suppressor(minCell, raw.suppression_log);
  const adjustment = gateAdjustment(raw.adjustment, s);
  const binaryCovariates = new Set((raw.balance ?? []).flatMap((b) => b.rows.filter((r) => r.binary).map((r) => r.name)));
  const covariates = gateCovariates(raw.covariates, s, binaryCovariates, raw.sample_flow.at(-1)?.students ?? null);
  let outcomes = raw.outcomes.map((o, i) => ({
    ...o,
    estimates: o.estimates.map((e) => ({ ...e })).map((e, j) => gateEstimate(e, o, s, `/outcomes/${i}/estimates/${j}`)),
  }));
  const sample_flow = gateFlow(raw.sample_flow, s);
  // the analytic sample's visited count is adjustment.matching.treated too
  if (adjustment?.matching && sample_flow.at(-1)?.visited === null) {
    s.hide(adjustment.matching, 'treated', { table: 'adjustment', cell: 'matching / treated', path: '/adjustment/matching' }, 'complementary', 'protects_count');
  }
  const balance = raw.balance?.map((b, i) => ({ ...b, rows: gateBalance(b.rows, b.sample, i, s) }));
  hideFewDroppedByMatching(raw, outcomes, balance, s);
  const binary = new Set(raw.outcomes.filter((o) => o.type === 'binary').map((o) => o.outcome));
  const counts = new Set(raw.outcomes.filter((o) => o.type === 'count').map((o) => o.outcome));
  let tables = [
    { key: 'subgroups' as const, table: 'subgroups', rows: gateContrasts('subgroups', 'subgroups', raw.subgroups, s, binary, counts) },
    { key: 'dose' as const, table: 'dose and timing', rows: gateContrasts('dose and timing', 'dose', raw.dose, s, binary, counts) },
    { key: 'school_level' as const, table: 'school level', rows: gateContrasts('school level', 'school_level', raw.school_level, s, binary, counts) },
  ];
  hideBalanceOfHiddenLevels(tables[0]!.rows, balance, s);
  hideModelRowsOfHiddenOutcomes(raw, tables, s);
  const tb = raw.privacy.top_bottom_code ?? null;
  if (tb) {
    const coded = topBottomCode(outcomes, tables, tb, s);
    outcomes = coded.outcomes;
    tables = tables.map((t, i) => ({ ...t, rows: coded.tables[i] }));
  }
  outcomes = regateBenjaminiHochberg(gateCoverage(outcomes, sample_flow, raw.sample_flow, s));
  const fidelity = gateFidelity(raw.fidelity, s);
  alignHiddenSchools(tables[0]!.rows, fidelity, s);
  const cost = gateCost(raw.cost, fidelity, outcomes, s);
  const gated = ResultsSchema.parse({
    ...raw,
    adjustment,
    covariates,
    quality: gateQuality(raw.quality, s),
    outcomes,
    sample_flow,
    balance,
    subgroups: tables[0]!.rows,
    dose: tables[1]!.rows,
    school_level: tables[2]!.rows,
    ...(fidelity ? { fidelity } : {}),
    ...(cost ? { cost } : {}),
    ...(raw.surveys ? { surveys: gateSurvey(raw.surveys, s) } : {}),
    suppression_log: s.log,
  });
  return gated;
}
