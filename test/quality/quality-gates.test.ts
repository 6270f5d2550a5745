import { describe, it, expect } from 'vitest';
import { evaluateGates } from '../../src/quality/quality-gates.js';
import { gateSentence } from '../../src/quality/gate-messages.js';
import type { RejectGroup } from '../../src/quality/quality-schema.js';

const q = { max_reject_share: 0.02, unknown_codes: 'stop' as const, min_visit_match: 0.98 };
const extracts = [
  { extract: 'visits', rows_read: 389, rows_rejected: 255 },
  { extract: 'attendance', rows_read: 385_875, rows_rejected: 4_983 },
  { extract: 'students', rows_read: 1000, rows_rejected: 20 },
];
const rejects: RejectGroup[] = [
  { extract: 'visits', reason: 'bad_date', column: 'visit_date', code: null, rows: 255, example: '13/08/2016' },
  { extract: 'attendance', reason: 'unknown_code', column: 'status', code: 'E', rows: 4_983, example: 'E' },
  { extract: 'students', reason: 'unknown_code', column: 'grade', code: 'KG', rows: 20, example: 'KG' },
];

describe('data-quality gates (hand cases of the first-run issue)', () => {
  const gates = evaluateGates({ extracts, rejects, visitMatch: { matched: 389, of: 389 } }, q);

  it('an unknown code in a defining column fails; one in another column (grade) is left to the reject share', () => {
    const unknown = gates.filter((g) => g.gate === 'unknown_codes' && g.status !== 'passed');
    expect(unknown).toHaveLength(1);
    // the defining columns without unknown codes are listed as checked and passed
    expect(gates.filter((g) => g.gate === 'unknown_codes' && g.status === 'passed').map((g) => [g.extract, g.column])).toEqual([['visits', 'status, visit_type']]);
    expect(unknown[0]).toMatchObject({ extract: 'attendance', column: 'status', code: 'E', rows: 4983, of: 385875, status: 'failed' });
    expect(gateSentence(unknown[0]!, rejects)).toBe(
      'attendance: 4,983 of 385,875 rows (1.3%) have status code "E", which is not mapped; add it under `values: { status: … }`, or set `quality.unknown_codes: reject` to drop them.',
    );
  });

  it('the reject share fails strictly above the setting: 255/389 fails, 4,983/385,875 = 1.29% and 20/1,000 = 2% exactly pass', () => {
    const share = Object.fromEntries(gates.filter((g) => g.gate === 'reject_share').map((g) => [g.extract, g.status]));
    expect(share).toEqual({ visits: 'failed', attendance: 'passed', students: 'passed' });
    const v = gates.find((g) => g.gate === 'reject_share' && g.extract === 'visits')!;
    expect(gateSentence(v, rejects)).toBe(
      'visits: 255 of 389 rows (65.6%) were rejected, more than quality.max_reject_share (2.0%): 255 bad_date in visit_date (e.g. "13/08/2016"); check the source\'s date_format, or raise quality.max_reject_share to go on.',
    );
  });

  it('unknown_codes: reject marks the code as dropped instead of failing', () => {
    const g = evaluateGates({ extracts, rejects, visitMatch: { matched: 389, of: 389 } }, { ...q, unknown_codes: 'reject' });
    expect(g.find((x) => x.gate === 'unknown_codes')!.status).toBe('dropped');
    // dropped rows still count toward the rejected share: 4,983 / 385,875 = 1.3%, within 2%
    expect(g.find((x) => x.gate === 'reject_share' && x.extract === 'attendance')).toMatchObject({ rows: 4983, status: 'passed' });
  });

  it('the roster match fails below min_visit_match: 380/389 = 97.7% < 98%, 382/389 = 98.2% passes', () => {
    const at = (matched: number) => evaluateGates({ extracts, rejects, visitMatch: { matched, of: 389 } }, q).find((g) => g.gate === 'visit_match')!.status;
    expect(at(380)).toBe('failed');
    expect(at(382)).toBe('passed');
  });
});
