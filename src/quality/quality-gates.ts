import type { Pipeline } from '../config/pipeline-schema.js';
import type { ExtractAccounting } from '../ingest/ingest-extract.js';
import type { GateResult, RejectGroup } from './quality-schema.js';

/** Columns whose codes define the treatment or an outcome: an unmapped code there changes results. */
export const DEFINING_COLUMNS: Record<string, readonly string[]> = {
  visits: ['status', 'visit_type'],
  attendance: ['status'],
  discipline: ['action'],
  assessments: ['subject'],
};

/** What the gates look at: row accounting, rejects grouped by code, and the visit log's roster match. */
export interface GateInput {
  extracts: readonly Pick<ExtractAccounting, 'extract' | 'rows_read' | 'rows_rejected'>[];
  rejects: readonly RejectGroup[];
  visitMatch: { matched: number; of: number; rejected?: number };
}

/**
 * Evaluate the data-quality gates of `quality:`: unknown codes in defining columns, the visit log's match
 * to the roster, and each extract's rejected share (rows that `unknown_codes: reject` dropped count too).
 * Pure: the caller stops the run on any `failed`.
 */
export function evaluateGates(input: GateInput, q: Pipeline['quality']): GateResult[] {
  const out: GateResult[] = [];
  for (const e of input.extracts) {
    const defining = DEFINING_COLUMNS[e.extract] ?? [];
    for (const g of input.rejects) {
      if (g.extract !== e.extract || g.reason !== 'unknown_code' || !g.column || !defining.includes(g.column)) continue;
      out.push({
        gate: 'unknown_codes',
        extract: e.extract,
        column: g.column,
        code: g.code,
        rows: g.rows,
        of: e.rows_read,
        share: e.rows_read ? g.rows / e.rows_read : null,
        setting: 'unknown_codes',
        threshold: null,
        status: q.unknown_codes === 'reject' ? 'dropped' : 'failed',
      });
    }
  }
  // a defining column without unknown codes passed the gate: say so, so the report shows it was checked
  for (const e of input.extracts) {
    const defining = DEFINING_COLUMNS[e.extract] ?? [];
    if (!defining.length || out.some((g) => g.gate === 'unknown_codes' && g.extract === e.extract)) continue;
    out.push({ gate: 'unknown_codes', extract: e.extract, column: defining.join(', '), code: null, rows: 0, of: e.rows_read, share: e.rows_read ? 0 : null, setting: 'unknown_codes', threshold: null, status: 'passed' });
  }
  const m = input.visitMatch;
  const matchShare = m.of ? m.matched / m.of : null;
  out.push({
    gate: 'visit_match',
    extract: 'visits',
    column: 'student_id',
    code: null,
    rows: m.matched,
    of: m.of,
    share: matchShare,
    setting: 'min_visit_match',
    threshold: q.min_visit_match,
    status: matchShare === null || matchShare >= q.min_visit_match ? 'passed' : 'failed',
    ...(m.rejected !== undefined ? { rejected_naming_roster: m.rejected } : {}),
  });
  // rows dropped on purpose (unknown_codes: reject) still count: dropping them is no licence to drop any share
  for (const e of input.extracts) {
    const rows = e.rows_rejected;
    const share = e.rows_read ? rows / e.rows_read : 0;
    out.push({
      gate: 'reject_share',
      extract: e.extract,
      column: null,
      code: null,
      rows,
      of: e.rows_read,
      share: e.rows_read ? share : null,
      setting: 'max_reject_share',
      threshold: q.max_reject_share,
      status: share > q.max_reject_share ? 'failed' : 'passed',
    });
  }
  return out;
}
