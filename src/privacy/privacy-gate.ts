import { ResultsSchema, type Results, type Estimate, type SuppressionEntry, type SampleFlowRow } from '../results/results-schema.js';

declare const gated: unique symbol;
/** Results that have passed the privacy gate; renderers accept only this type. */
export type Publishable<T> = T & { readonly [gated]: true };

/** The rule as printed in outputs. */
export function privacyRule(minCell: number): string {
  return `Any statistic resting on fewer than ${minCell} students (1 to ${minCell - 1}) is suppressed (primary); in a table where a row total is shown, a second cell of that row is suppressed too (complementary), so that no suppressed count can be recovered by subtraction.`;
}

const small = (n: number | null, k: number) => n !== null && n > 0 && n < k;

/** Null every statistic of an estimate whose groups rest on fewer than k students. */
function gateEstimate(e: Estimate, k: number, where: string, log: SuppressionEntry[]): Estimate {
  const tooSmall = (e.n_treated !== null && e.n_treated < k) || (e.n_comparison !== null && e.n_comparison < k);
  if (!tooSmall) return e;
  const which = [e.n_treated !== null && e.n_treated < k ? 'visited' : null, e.n_comparison !== null && e.n_comparison < k ? 'comparison' : null]
    .filter(Boolean)
    .join(' and ');
  log.push({ table: 'outcomes', cell: where, rule: 'primary', detail: `the ${which} group has fewer than ${k} students` });
  // the other group's n is hidden too: with the sample-flow total it would reveal the small group's n
  const other = e.n_treated !== null && e.n_treated < k ? 'comparison' : 'visited';
  if ((other === 'comparison' ? e.n_comparison : e.n_treated) !== null) {
    log.push({ table: 'outcomes', cell: `${where} / n ${other}`, rule: 'complementary', detail: `protects the suppressed ${which} n (the sample-flow total minus this n would reveal it)` });
  }
  return {
    ...e,
    n_treated: null,
    n_comparison: null,
    mean_treated: null,
    mean_comparison: null,
    sd_treated: null,
    sd_comparison: null,
    estimate: null,
    se: null,
    df: null,
    ci_low: null,
    ci_high: null,
    p_value: null,
    effect_size: null,
    improvement_index: null,
    suppressed: true,
    notes: [...e.notes, `suppressed: fewer than ${k} students in the ${which} group`],
  };
}

/** Suppress small cells of the sample flow, then a complementary cell in any row with one hidden cell. */
function gateFlow(rows: SampleFlowRow[], k: number, log: SuppressionEntry[]): SampleFlowRow[] {
  return rows.map((r) => {
    const out = { ...r };
    const cells = ['students', 'visited', 'comparison'] as const;
    for (const c of cells) {
      if (small(r[c], k)) {
        out[c] = null;
        log.push({ table: 'sample_flow', cell: `${r.step} / ${c}`, rule: 'primary', detail: `fewer than ${k} students` });
      }
    }
    // students = visited + comparison: one hidden part is recoverable from the other two
    const hiddenParts = [out.visited, out.comparison].filter((v) => v === null).length;
    if (out.students !== null && hiddenParts === 1) {
      const other = out.visited === null ? 'comparison' : 'visited';
      out[other] = null;
      log.push({ table: 'sample_flow', cell: `${r.step} / ${other}`, rule: 'complementary', detail: `protects the suppressed ${other === 'visited' ? 'comparison' : 'visited'} count (students − ${other} would reveal it)` });
    } else if (out.students === null && hiddenParts === 0) {
      out.visited = null;
      log.push({ table: 'sample_flow', cell: `${r.step} / visited`, rule: 'complementary', detail: 'protects the suppressed total (visited + comparison would reveal it)' });
      out.comparison = null;
      log.push({ table: 'sample_flow', cell: `${r.step} / comparison`, rule: 'complementary', detail: 'protects the suppressed total (visited + comparison would reveal it)' });
    }
    return out;
  });
}

/**
 * The single place where small cells are suppressed: primary suppression below `minCell`, complementary
 * suppression where totals would reveal a hidden cell, every decision logged. Validates the result.
 */
export function applyPrivacyGate(raw: Results, minCell: number): Publishable<Results> {
  const log: SuppressionEntry[] = [...raw.suppression_log];
  const outcomes = raw.outcomes.map((o) => ({
    ...o,
    estimates: o.estimates.map((e) => gateEstimate(e, minCell, `${o.outcome} / ${e.method}`, log)),
  }));
  const sample_flow = gateFlow(raw.sample_flow, minCell, log);
  const gatedResults = ResultsSchema.parse({ ...raw, outcomes, sample_flow, suppression_log: log });
  return gatedResults as Publishable<Results>;
}
