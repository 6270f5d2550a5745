import { ResultsSchema, type Results, type Estimate, type SuppressionEntry, type SampleFlowRow, type ContrastResult, type BalanceRowResult } from '../results/results-schema.js';

declare const gated: unique symbol;
/** Results that have passed the privacy gate; renderers accept only this type. */
export type Publishable<T> = T & { readonly [gated]: true };

/** The rule as printed in outputs. */
export function privacyRule(minCell: number): string {
  return `Any statistic resting on fewer than ${minCell} students (1 to ${minCell - 1}) is suppressed (primary), and so is a yes/no rate when fewer than ${minCell} students of the group had, or did not have, the outcome (the rate and n would reveal them); in a table where a total is shown, a second cell is suppressed too (complementary), so that no suppressed count can be recovered by subtraction.`;
}

const small = (n: number | null, k: number) => n !== null && n > 0 && n < k;

/** Numerator rule: a rate of a group whose count with (or without) the outcome is 1 to k − 1 would reveal those students. */
export function smallNumerator(n: number | null, rate: number | null, k: number): boolean {
  if (n === null || rate === null) return false;
  const events = Math.round(n * rate);
  return small(events, k) || small(n - events, k);
}

/** Null every statistic of an estimate whose groups rest on fewer than k students. */
function gateEstimate(e: Estimate, k: number, where: string, log: SuppressionEntry[], binary: boolean): Estimate {
  const tooSmall = (e.n_treated !== null && e.n_treated < k) || (e.n_comparison !== null && e.n_comparison < k);
  // for yes/no outcomes the visited rate (and the unadjusted comparison rate) with n reveal the count of students with the outcome
  const numerator = binary && (smallNumerator(e.n_treated, e.mean_treated, k) || (e.method === 'unadjusted' && smallNumerator(e.n_comparison, e.mean_comparison, k)));
  if (!tooSmall && numerator) {
    log.push({ table: 'outcomes', cell: where, rule: 'primary', detail: `fewer than ${k} students of a group had (or did not have) the outcome: the rate and n would reveal them` });
    return { ...nullEstimate(e), n_treated: e.n_treated, n_comparison: e.n_comparison, notes: [...e.notes, `suppressed: fewer than ${k} students of a group had (or did not have) this outcome`] };
  }
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
  return { ...nullEstimate(e), notes: [...e.notes, `suppressed: fewer than ${k} students in the ${which} group`] };
}

/** An estimate with every statistic (and both n's) set to null and marked suppressed. */
function nullEstimate(e: Estimate): Estimate {
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
    ratio: e.ratio === undefined ? undefined : null,
    ratio_ci_low: e.ratio_ci_low === undefined ? undefined : null,
    ratio_ci_high: e.ratio_ci_high === undefined ? undefined : null,
    bh_p_value: e.bh_p_value === undefined ? undefined : null,
    bh_significant: e.bh_significant === undefined ? undefined : null,
    alternative_se: e.alternative_se ? null : e.alternative_se,
    baseline: e.baseline ? { ...e.baseline, effect_size: null, verdict: 'not_assessed', reason: 'suppressed by the privacy gate' } : e.baseline,
    suppressed: true,
  };
}

/** Suppress small cells of the sample flow, then a complementary cell in any row with one hidden cell. */
function gateFlow(rows: SampleFlowRow[], k: number, log: SuppressionEntry[]): SampleFlowRow[] {
  return rows.map((r, step) => {
    const out = { ...r };
    const cells = ['students', 'visited', 'comparison'] as const;
    for (const c of cells) {
      if (small(r[c], k)) {
        out[c] = null;
        log.push({ table: 'sample_flow', cell: `${r.step} / ${c}`, rule: 'primary', detail: `fewer than ${k} students` });
      }
    }
    // differencing: a step that drops 1 to k − 1 students of a group from the step above would reveal them
    const prev = step > 0 ? rows[step - 1]! : null;
    for (const c of cells) {
      if (!prev || out[c] === null || prev[c] === null || r[c] === null) continue;
      if (small(prev[c]! - r[c]!, k)) {
        out[c] = null;
        log.push({ table: 'sample_flow', cell: `${r.step} / ${c}`, rule: 'primary', detail: `the step above minus this count would reveal ${k - 1} or fewer excluded students` });
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

/** Counts of students in the adjustment diagnostics (dropped by the caliper, outside support, trimmed) below k are hidden. */
function gateAdjustment(a: Results['adjustment'], k: number, log: SuppressionEntry[]): Results['adjustment'] {
  if (!a) return a;
  const m = { ...a.matching };
  for (const key of ['dropped_by_caliper', 'no_candidates', 'outside_support', 'matched_treated', 'matched_comparison', 'treated'] as const) {
    if (small(m[key], k)) {
      m[key] = null;
      log.push({ table: 'adjustment', cell: `matching / ${key}`, rule: 'primary', detail: `fewer than ${k} students` });
    }
  }
  // treated − matched = dropped + no candidates: with a hidden part, hide the matched counts too
  if ([m.dropped_by_caliper, m.no_candidates].some((v) => v === null) && m.matched_treated !== null) {
    m.matched_treated = null;
    m.matched_comparison = null;
    log.push({ table: 'adjustment', cell: 'matching / matched_treated, matched_comparison', rule: 'complementary', detail: 'visited − matched would reveal the hidden count dropped by the caliper' });
  }
  const w = { ...a.weighting };
  if (small(w.trimmed, k)) {
    w.trimmed = null;
    log.push({ table: 'adjustment', cell: 'weighting / trimmed', rule: 'primary', detail: `fewer than ${k} students` });
  }
  return { ...a, matching: m, weighting: w };
}

/** Counts of students missing a covariate below k are hidden. */
function gateCovariates(c: Results['covariates'], k: number, log: SuppressionEntry[]): Results['covariates'] {
  return c?.map((x) => {
    if (!small(x.missing, k)) return x;
    log.push({ table: 'covariates', cell: `${x.name} / missing`, rule: 'primary', detail: `fewer than ${k} students` });
    return { ...x, missing: null };
  });
}

/** Null every statistic of a contrast (subgroup, dose or school-level), keeping its labels. */
function hideContrast(c: ContrastResult, note: string): ContrastResult {
  return {
    ...c,
    n_level: null,
    n_reference: null,
    mean_level: null,
    mean_reference: null,
    estimate: null,
    se: null,
    ci_low: null,
    ci_high: null,
    p_value: null,
    ...(c.interaction_p_value !== undefined ? { interaction_p_value: null } : {}),
    suppressed: true,
    notes: [...c.notes, note],
  };
}

/**
 * Contrasts come in families (all levels of one subgroup dimension for one outcome). A level with a group
 * under k students is suppressed; if that leaves exactly one hidden level in a family, the next smallest
 * level is hidden too, so the hidden n cannot be recovered from the total minus the other levels.
 */
function gateContrasts(table: string, rows: ContrastResult[] | undefined, k: number, log: SuppressionEntry[], binary: Set<string>): ContrastResult[] | undefined {
  if (!rows) return rows;
  const out = rows.map((c) => {
    const tooSmall =
      (c.n_level !== null && c.n_level < k) ||
      (c.n_reference !== null && c.n_reference < k) ||
      (binary.has(c.outcome) && (smallNumerator(c.n_level, c.mean_level, k) || smallNumerator(c.n_reference, c.mean_reference, k)));
    if (!tooSmall) return c;
    log.push({ table, cell: `${c.analysis} / ${c.level} / ${c.outcome}`, rule: 'primary', detail: `a group has fewer than ${k} students` });
    return hideContrast(c, `suppressed: a group has fewer than ${k} students`);
  });
  const families = new Map<string, number[]>();
  out.forEach((c, i) => {
    const key = `${c.analysis}\u0000${c.outcome}\u0000${c.reference}`;
    families.set(key, [...(families.get(key) ?? []), i]);
  });
  for (const idx of families.values()) {
    const hidden = idx.filter((i) => out[i]!.suppressed);
    const shown = idx.filter((i) => !out[i]!.suppressed);
    if (hidden.length === 1 && shown.length >= 1) {
      const smallest = shown.reduce((a, b) => ((out[a]!.n_level ?? 0) <= (out[b]!.n_level ?? 0) ? a : b));
      const c = out[smallest]!;
      log.push({ table, cell: `${c.analysis} / ${c.level} / ${c.outcome}`, rule: 'complementary', detail: `protects the suppressed level ${out[hidden[0]!]!.level}` });
      out[smallest] = hideContrast(c, 'suppressed (complementary): protects a smaller group of the same table');
    }
  }
  return out;
}

/** Suppress balance rows (group means of a covariate) resting on fewer than k students. */
function gateBalance(rows: BalanceRowResult[], sample: string, k: number, log: SuppressionEntry[]): BalanceRowResult[] {
  return rows.map((r) => {
    const counts = r.binary && (smallNumerator(r.n_treated, r.mean_treated, k) || smallNumerator(r.n_comparison, r.mean_comparison, k));
    const tooSmall = (r.n_treated !== null && r.n_treated < k) || (r.n_comparison !== null && r.n_comparison < k) || counts;
    if (!tooSmall) return r;
    log.push({ table: `balance (${sample})`, cell: r.name, rule: 'primary', detail: `a group has fewer than ${k} students` });
    return { ...r, n_treated: null, n_comparison: null, mean_treated: null, mean_comparison: null, effect_size: null, variance_ratio: null, band: 'undefined' as const, suppressed: true };
  });
}

/** The coded text of a rate outside [lo, hi], or null. */
function codeRate(v: number | null, tb: readonly [number, number]): string | null {
  if (v === null) return null;
  const pct = (x: number) => `${+(100 * x).toFixed(1)}%`;
  return v < tb[0] ? `< ${pct(tb[0])}` : v > tb[1] ? `> ${pct(tb[1])}` : null;
}

/**
 * Top/bottom coding of a pair of group rates: a rate below or above the bounds is shown only as "< x%" / "> y%";
 * the other group's rate is hidden too (complementary), because with the difference it would give the coded one back.
 */
function codePair<T extends { coded?: Record<string, string> | undefined }>(
  row: T,
  a: keyof T & string,
  b: keyof T & string,
  codeB: boolean,
  tb: readonly [number, number],
  table: string,
  where: string,
  log: SuppressionEntry[],
): T {
  const ca = codeRate(row[a] as number | null, tb);
  const cb = codeB ? codeRate(row[b] as number | null, tb) : null;
  if (!ca && !cb) return row;
  const coded: Record<string, string> = { ...(row.coded ?? {}) };
  const out = { ...row } as Record<string, unknown>;
  for (const [key, text] of [[a, ca], [b, cb]] as const) {
    if (!text) continue;
    coded[key] = text;
    out[key] = null;
    log.push({ table, cell: `${where} / ${key}`, rule: 'primary', detail: `top/bottom coded as ${text}` });
  }
  const other = ca && !cb ? b : !ca && cb ? a : null;
  if (other && out[other] !== null) {
    out[other] = null;
    log.push({ table, cell: `${where} / ${other}`, rule: 'complementary', detail: 'hidden because with the difference it would reveal the coded rate' });
  }
  out.coded = coded;
  return out as T;
}

/**
 * The single place where small cells are suppressed: primary suppression below `minCell`, complementary
 * suppression where totals would reveal a hidden cell, every decision logged. Validates the result.
 */
export function applyPrivacyGate(raw: Results, minCell: number): Publishable<Results> {
  const log: SuppressionEntry[] = [...raw.suppression_log];
  raw = { ...raw, adjustment: gateAdjustment(raw.adjustment, minCell, log), covariates: gateCovariates(raw.covariates, minCell, log) };
  const outcomes = raw.outcomes.map((o) => ({
    ...o,
    estimates: o.estimates.map((e) => gateEstimate(e, minCell, `${o.outcome} / ${e.method}`, log, o.type === 'binary')),
  }));
  const sample_flow = gateFlow(raw.sample_flow, minCell, log);
  const balance = raw.balance?.map((b) => ({ ...b, rows: gateBalance(b.rows, b.sample, minCell, log) }));
  const binary = new Set(raw.outcomes.filter((o) => o.type === 'binary').map((o) => o.outcome));
  const subgroups = gateContrasts('subgroups', raw.subgroups, minCell, log, binary);
  const dose = gateContrasts('dose and timing', raw.dose, minCell, log, binary);
  const school_level = gateContrasts('school level', raw.school_level, minCell, log, binary);
  const tb = raw.privacy.top_bottom_code ?? null;
  if (tb) {
    for (const o of outcomes) {
      if (o.type !== 'binary') continue;
      o.estimates = o.estimates.map((e) => (e.suppressed ? e : codePair(e, 'mean_treated', 'mean_comparison', e.method === 'unadjusted', tb, 'outcomes', `${o.outcome} / ${e.method}`, log)));
    }
    const codeAll = (table: string, rows: ContrastResult[] | undefined) =>
      rows?.map((c) => (c.suppressed || !binary.has(c.outcome) ? c : codePair(c, 'mean_level', 'mean_reference', true, tb, table, `${c.analysis} / ${c.level} / ${c.outcome}`, log)));
    const [sg, ds, sl] = [codeAll('subgroups', subgroups), codeAll('dose and timing', dose), codeAll('school level', school_level)];
    const gatedResults = ResultsSchema.parse({ ...raw, outcomes, sample_flow, balance, subgroups: sg, dose: ds, school_level: sl, suppression_log: log });
    return gatedResults as Publishable<Results>;
  }
  const gatedResults = ResultsSchema.parse({ ...raw, outcomes, sample_flow, balance, subgroups, dose, school_level, suppression_log: log });
  return gatedResults as Publishable<Results>;
}
