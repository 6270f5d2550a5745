import type { OutcomeResult } from '../results/results-schema.js';

const MINUS = '−';

/** A number with fixed decimals and a true minus sign; null prints as an em dash. */
export function fixed(v: number | null, digits: number): string {
  if (v === null) return '—';
  const s = Math.abs(v).toFixed(digits);
  return v < 0 && Number(s) !== 0 ? `${MINUS}${s}` : s;
}

/** A signed number (+/−). */
export function signed(v: number | null, digits: number): string {
  if (v === null) return '—';
  const s = fixed(v, digits);
  return v > 0 && Number(Math.abs(v).toFixed(digits)) !== 0 ? `+${s}` : s;
}

/** A group mean in the outcome's unit: 94.6%, 8.6 days, 0.13 incidents, 0.03 SD; a value the gate hid as what it shows instead ("< 5%"). */
export function formatMean(o: Pick<OutcomeResult, 'unit'>, v: number | null, display?: string): string {
  if (v === null) return display === undefined ? '—' : esc(display);
  switch (o.unit) {
    case 'percent':
      return `${fixed(100 * v, 1)}%`;
    case 'days':
      return fixed(v, 1);
    case 'incidents':
      return fixed(v, 2);
    case 'sd':
      return fixed(v, 2);
    case 'value':
      return fixed(v, 3);
  }
}

/** A difference in the outcome's unit: percentage points for rates. */
export function formatDifference(o: Pick<OutcomeResult, 'unit'>, v: number | null): string {
  if (v === null) return '—';
  switch (o.unit) {
    case 'percent':
      return `${signed(100 * v, 1)} pp`;
    case 'days':
      return signed(v, 2);
    case 'incidents':
      return signed(v, 3);
    case 'sd':
    case 'value':
      return signed(v, 3);
  }
}

/** A p-value as evaluators print it. */
export function formatP(p: number | null): string {
  if (p === null) return '—';
  if (p < 0.001) return '< .001';
  return p.toFixed(3).replace(/^0/, '');
}

/** A count with thousands separators. */
export function count(n: number | null): string {
  return n === null ? 'suppressed' : n.toLocaleString('en-US');
}

/** A value for a CSV cell that the privacy gate may have hidden: what it shows instead ("fewer than 10", "< 5%"), else the value. */
export function shownValue<T extends { display?: Record<string, string> | undefined }>(row: T, field: keyof T & string): string | number | boolean | null {
  const d = row.display?.[field];
  if (d !== undefined) return d;
  const v = row[field] as unknown;
  return v === undefined ? null : (v as string | number | boolean | null);
}

/** A count the privacy gate may have hidden: what the gate shows in its place ("fewer than 10", "suppressed"), else the count. */
export function shownCount<T extends { display?: Record<string, string> | undefined }>(row: T, field: keyof T & string): string {
  const d = row.display?.[field];
  return d !== undefined ? esc(d) : count(row[field] as number | null);
}

/** Escape text for HTML. */
export function esc(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The school year ending in Y as "2016–17"; null when no year is known (hve compare without --year). */
export function schoolYear(y: number | null): string | null {
  return y === null ? null : `${y - 1}–${String(y).slice(2)}`;
}

/** The unit of a difference in words ("percentage points", "days", "SD"), or '' when the outcome has none: SD only for z-scores. */
export function differenceUnit(o: Pick<OutcomeResult, 'unit' | 'unit_label'>): string {
  switch (o.unit) {
    case 'percent':
      return 'percentage points';
    case 'days':
      return 'days';
    case 'incidents':
      return 'incidents';
    case 'sd':
      return 'SD';
    case 'value':
      return o.unit_label ?? '';
  }
}
