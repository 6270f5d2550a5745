import type { IngestResult } from '../ingest/ingest-all.js';

/** Print row accounting per extract as an aligned text table. */
export function formatAccounting(ingest: IngestResult): string {
  const head = ['extract', 'rows read', 'accepted', 'rejected', 'reasons'];
  const rows = ingest.extracts.map((e) => [
    e.kind ? `${e.extract} (${e.kind})` : e.extract,
    String(e.rows_read),
    String(e.rows_accepted),
    String(e.rows_rejected),
    Object.entries(e.rejected_by_reason).map(([k, n]) => `${k}=${n}`).join(', ') || '-',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}
