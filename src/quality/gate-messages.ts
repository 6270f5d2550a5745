import { REASON_TEXT, type RejectReason } from '../contract/reasons.js';
import type { GateResult, RejectGroup } from './quality-schema.js';

const n = (x: number | null) => (x === null ? '—' : x.toLocaleString('en-US'));
const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(1)}%`);

/** The largest reject groups of an extract, as "255 bad_date in visit_date (e.g. "13/08/2016")". */
function topReasons(extract: string, rejects: readonly RejectGroup[], k = 2): string {
  return rejects
    .filter((g) => g.extract === extract)
    .slice(0, k)
    .map((g) => `${n(g.rows)} ${g.reason}${g.column ? ` in ${g.column}` : ''}${g.code !== null ? ` (code "${g.code}")` : g.example !== null ? ` (e.g. "${g.example}")` : ''}`)
    .join(', ');
}

/** What to do about the most common reason of an extract's rejects. */
function remedy(extract: string, rejects: readonly RejectGroup[]): string {
  const top = rejects.find((g) => g.extract === extract)?.reason as RejectReason | undefined;
  if (extract === 'surveys') return `check the survey file against its instruments' items, range and waves (docs/surveys.md)`;
  switch (top) {
    case 'bad_date':
      return `check the source's date_format`;
    case 'unknown_code':
      return `map the codes under values:`;
    case 'missing_required':
    case 'bad_number':
    case 'bad_bool':
      return `check the column mapping under columns:`;
    case 'unknown_student':
      return `check that the students extract covers every student (and both school years)`;
    default:
      return top ? `see why: ${REASON_TEXT[top]}` : 'see the rejects';
  }
}

/** One sentence per failed gate, saying what was found, what it does to the results and how to go on. */
export function gateSentence(g: GateResult, rejects: readonly RejectGroup[], maxRejectShare = 0.02): string {
  switch (g.gate) {
    case 'unknown_codes': {
      // dropped rows count toward the rejected share, so say when dropping them needs that setting raised too
      const raise = g.share !== null && g.share > maxRejectShare ? ` (and raise quality.max_reject_share above ${pct(g.share)})` : '';
      return `${g.extract}: ${n(g.rows)} of ${n(g.of)} rows (${pct(g.share)}) have ${g.column} code "${g.code}", which is not mapped; add it under \`values: { ${g.column}: … }\`, or set \`quality.unknown_codes: reject\`${raise} to drop them.`;
    }
    case 'visit_match':
      return `visits: only ${n(g.rows)} of ${n(g.of)} visit records (${pct(g.share)}) name a student of the students extract, below quality.min_visit_match (${pct(g.threshold)}), so visited families would be counted as comparison students; check the student IDs of both extracts, or lower quality.min_visit_match to go on.`;
    case 'reject_share':
      return `${g.extract}: ${n(g.rows)} of ${n(g.of)} rows (${pct(g.share)}) were rejected, more than quality.max_reject_share (${pct(g.threshold)}): ${topReasons(g.extract, rejects)}; ${remedy(g.extract, rejects)}, or raise quality.max_reject_share to go on.`;
  }
}
