import { ResultsSchema, type Results } from '../results/results-schema.js';
import { Publishable, sealPublishable } from './publishable.js';
import { Suppressor } from './suppressor.js';
import { gateEstimate } from './gate-estimates.js';
import { gateFlow } from './gate-flow.js';
import { gateContrasts } from './gate-contrasts.js';
import { gateBalance } from './gate-balance.js';
import { gateAdjustment, gateCovariates } from './gate-adjustment.js';
import { gateCoverage } from './gate-coverage.js';
import { topBottomCode } from './top-bottom-coding.js';
import { gateQuality } from './gate-quality.js';

export { Publishable } from './publishable.js';
export { privacyRule, smallNumerator } from './privacy-rule.js';

/**
 * The single place where small cells are suppressed: primary suppression of 1 to `minCell` − 1 students,
 * complementary suppression where a total or another table would give a hidden cell back, top/bottom
 * coding, student counts in notes; every decision logged with the path of the hidden value and what a
 * report shows instead. Validates the result and seals it as the only type a writer accepts.
 */
export function applyPrivacyGate(raw: Results, minCell: number): Publishable<Results> {
  const s = new Suppressor(minCell, raw.suppression_log);
  const adjustment = gateAdjustment(raw.adjustment, s);
  const covariates = gateCovariates(raw.covariates, s);
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
  const binary = new Set(raw.outcomes.filter((o) => o.type === 'binary').map((o) => o.outcome));
  let tables = [
    { key: 'subgroups' as const, table: 'subgroups', rows: gateContrasts('subgroups', 'subgroups', raw.subgroups, s, binary) },
    { key: 'dose' as const, table: 'dose and timing', rows: gateContrasts('dose and timing', 'dose', raw.dose, s, binary) },
    { key: 'school_level' as const, table: 'school level', rows: gateContrasts('school level', 'school_level', raw.school_level, s, binary) },
  ];
  const tb = raw.privacy.top_bottom_code ?? null;
  if (tb) {
    const coded = topBottomCode(outcomes, tables, tb, s);
    outcomes = coded.outcomes;
    tables = tables.map((t, i) => ({ ...t, rows: coded.tables[i] }));
  }
  outcomes = gateCoverage(outcomes, sample_flow, raw.sample_flow, s);
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
    suppression_log: s.log,
  });
  return sealPublishable(gated, minCell);
}
