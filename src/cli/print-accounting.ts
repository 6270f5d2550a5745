import type { IngestResult } from '../ingest/ingest-all.js';
import type { ValidationResult } from '../run/validate-pipeline.js';
import type { GateResult } from '../quality/quality-schema.js';

/** An aligned text table; the columns in `right` are right-aligned. */
function textTable(head: string[], rows: string[][], right: number[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (right.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

const n = (x: number | null) => (x === null ? '—' : x.toLocaleString('en-US'));

/** Print row accounting per extract as an aligned text table. */
export function formatAccounting(ingest: { extracts: readonly Pick<IngestResult['extracts'][number], 'extract' | 'kind' | 'rows_read' | 'rows_accepted' | 'rows_rejected'>[] }): string {
  const rows = ingest.extracts.map((e) => [
    e.kind ? `${e.extract} (${e.kind})` : e.extract,
    n(e.rows_read),
    n(e.rows_accepted),
    n(e.rows_rejected),
  ]);
  return textTable(['extract', 'rows read', 'accepted', 'rejected'], rows, [1, 2, 3]);
}

/** One gate as a line: its state, what it checks and what it found. */
function gateLine(g: GateResult): string {
  const share = g.share === null ? '' : ` (${(100 * g.share).toFixed(1)}%)`;
  const mark = g.status === 'passed' ? 'ok    ' : g.status === 'dropped' ? 'drop  ' : 'STOP  ';
  switch (g.gate) {
    case 'reject_share':
      return `${mark}${g.extract}: ${n(g.rows)} of ${n(g.of)} rows rejected${share}; quality.max_reject_share = ${g.threshold}`;
    case 'visit_match':
      return `${mark}visits: ${n(g.rows)} of ${n(g.of)} records name a roster student${share}; quality.min_visit_match = ${g.threshold}`;
    case 'unknown_codes':
      if (g.status === 'passed') return `${mark}${g.extract}: no unmapped code in ${g.column}; quality.unknown_codes = stop`;
      return `${mark}${g.extract}: ${n(g.rows)} ${g.rows === 1 ? 'row' : 'rows'} with unmapped ${g.column} code "${g.code}"${share}; quality.unknown_codes = ${g.status === 'dropped' ? 'reject' : 'stop'}`;
  }
}

/** What `hve validate` prints: row accounting, the rejects grouped by reason, column and code, and the data-quality gates. */
export function formatValidation(r: ValidationResult): string {
  const survey = r.surveys ? [{ extract: 'surveys', kind: r.surveys.kind, rows_read: r.surveys.rows_read, rows_accepted: r.surveys.rows_accepted, rows_rejected: r.surveys.rows_rejected }] : [];
  const parts = [formatAccounting({ extracts: [...r.ingest.extracts, ...survey] })];
  const groups = r.quality.rejects;
  if (groups.length) {
    parts.push('\nRejected rows by reason, column and code:\n');
    parts.push(
      textTable(
        ['extract', 'reason', 'column', 'code', 'rows', 'example'],
        groups.map((g) => [g.extract, g.reason, g.column ?? '-', g.code ?? '-', n(g.rows), g.example === null ? '-' : JSON.stringify(g.example)]),
        [4],
      ),
    );
  }
  parts.push('\nData-quality gates (hve run stops on STOP):\n');
  parts.push(r.quality.quality.gates.map(gateLine).join('\n') + '\n');
  for (const f of r.quality.failures) parts.push(`\n${f}\n`);
  const rejected = [...r.ingest.extracts, ...survey].reduce((s, e) => s + e.rows_rejected, 0);
  parts.push(`\n${n(rejected)} rejected rows are listed with their reasons and source lines in ${r.folder}/rejects/, and summarised in reject_summary.csv (restricted: holds student IDs).\n`);
  return parts.join('');
}
