/** tables/fidelity.csv and tables/costs.csv: shares as share, numerator, denominator, "not recorded" text, hidden cells as the gate shows them, formulas neutralised. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFidelityCsv, writeCostsCsv, FIDELITY_CSV_HEADER, COSTS_CSV_HEADER } from '../../../src/report/tables/implementation-tables.js';
import { gatedFixture } from '../../helpers/results-fixture.js';
import { implementationResults } from '../implementation-fixture.js';

/** The CSV as objects by header (the fixture's cells hold no commas or quotes except where tested). */
function read(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').trimEnd().split('\n');
  const cols = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i]!, v])));
}

describe('implementation CSV tables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hve-impl-tables-'));
  mkdirSync(join(dir, 'tables'));
  const p = gatedFixture(implementationResults());
  writeFidelityCsv(dir, p.data.fidelity!);
  writeCostsCsv(dir, p.data.cost!);
  const fid = read(join(dir, 'tables', 'fidelity.csv'));
  const cost = read(join(dir, 'tables', 'costs.csv'));

  it('fidelity.csv: one row per school, then the site', () => {
    expect(readFileSync(join(dir, 'tables', 'fidelity.csv'), 'utf8').split('\n')[0]).toBe(FIDELITY_CSV_HEADER.join(','));
    expect(fid.map((r) => r.school_id)).toEqual(['SCH001', 'SCH002', 'SCH003', 'SCH004', 'SCH005', 'site']);
  });

  it('fidelity.csv: a share as share, numerator and denominator; a field the log lacks as "not recorded"', () => {
    const s1 = fid[0]!;
    expect([s1.pairs_share, s1.pairs_numerator, s1.pairs_denominator]).toEqual(['0.9', '36', '40']);
    expect([s1.paid_share, s1.paid_numerator, s1.paid_denominator]).toEqual(['not recorded', '', '']);
    expect(s1.score_components).toBe('prearranged=0.95;pairs=0.9;relationship_first=0.875;reflection=0.85;not_targeted=1');
    expect(fid[1]!.targeting).toBe('true');
    expect(fid[1]!.targeting_on).toBe('prior_attendance_rate');
    expect(fid[1]!.smd_prior_attendance_rate).toBe('-1.4');
  });

  it('fidelity.csv: the hidden school holds what the gate shows, not its counts', () => {
    const s3 = fid[2]!;
    expect(s3.suppressed).toBe('true');
    expect(s3.students_visited).toBe('fewer than 10');
    expect(s3.students).toBe('suppressed');
    expect(s3.pairs_numerator).toBe('suppressed');
    expect(Object.values(s3)).not.toContain('4');
  });

  it('costs.csv: ingredients, totals and effectiveness rows; a formula-looking name gets an apostrophe', () => {
    expect(readFileSync(join(dir, 'tables', 'costs.csv'), 'utf8').split('\n')[0]).toBe(COSTS_CSV_HEADER.join(','));
    const ing = cost.filter((r) => r.section === 'ingredient');
    expect(ing.map((r) => [r.item, r.basis, r.quantity, r.unit_price, r.cost, r.payer])).toEqual([
      ['teacher stipends', 'per_educator_visit_hour', '100', '35', '3500', 'district'],
      ['training', 'per_visiting_educator', '20', '120', '2400', 'grant'],
      ["'=coordinator", 'per_school', '4', '1000', '4000', 'district'],
    ]);
    expect(cost.find((r) => r.item === 'total')!.cost).toBe('9900');
    expect(cost.find((r) => r.item === 'price_year')!.note).toBe('2017');
    const ce = cost.filter((r) => r.section === 'effectiveness');
    expect(ce.map((r) => [r.item, r.status, r.fieller_low, r.fieller_high, r.bootstrap_reps])).toEqual([
      ['student_not_chronically_absent', 'bounded', '1300', '11000', '999'],
      ['absence_avoided', 'unbounded', '', '', '999'],
    ]);
  });
});
