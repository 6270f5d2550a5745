/**
 * The practice fields of the generated extracts: every visiting educator is on the school's roster (which
 * also lists staff who never visit), stipends are $35 an hour per educator, siblings share a family_id,
 * the same seed and breaks write byte-identical files, and --dirty adds malformed practice fields.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import type { Truth } from '../../src/generate/truth.js';
import { readCsv } from './read-generated.js';

const breaks = { SCH001: ['solo' as const], SCH003: ['targeted' as const, 'no_reflection' as const] };
let root: string;
let truth: Truth;

const hashes = (d: string) => Object.fromEntries(readdirSync(d).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(d, f))).digest('hex')]));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hve-gen-practice-'));
  truth = (await generateDistrict({ out: join(root, 'a'), students: 800, schools: 5, seed: 11, breaks })).truth;
}, 120_000);

describe('generated practice fields', () => {
  it('puts every visiting educator on the roster of the school and year, beside staff who never visit', () => {
    const roster = readCsv(join(root, 'a'), 'educators.csv');
    const on = new Set(roster.map((r) => `${r.educator_id}|${r.school_id}|${r.school_year}`));
    expect(on.size).toBe(roster.length); // the key [educator_id, school_id, school_year] is unique
    const visitors = new Set<string>();
    for (const v of readCsv(join(root, 'a'), 'visits.csv')) {
      const year = v.visit_date! >= '2016-07-01' ? 2017 : 2016;
      for (const e of v.educator_ids!.split(';').filter(Boolean)) {
        expect(on.has(`${e}|${v.school_id}|${year}`), `${e} at ${v.school_id} in ${year}`).toBe(true);
        visitors.add(`${e}|${v.school_id}|${year}`);
      }
    }
    expect(roster.length - visitors.size).toBeGreaterThan(5 * 2 * 8); // at least 8 non-visitors per school and year
    expect(new Set(roster.map((r) => r.trained))).toEqual(new Set(['Y', 'N']));
  });

  it('pays $35 an hour per educator on paid completed visits, rounded to cents', () => {
    const completed = readCsv(join(root, 'a'), 'visits.csv').filter((v) => v.status === 'completed');
    for (const v of completed) {
      const staff = v.educator_ids ? v.educator_ids.split(';').length : Number(v.educator_count);
      const minutes = Number(v.duration_min);
      expect(minutes).toBeGreaterThanOrEqual(30);
      expect(minutes).toBeLessThanOrEqual(75);
      expect(Number(v.stipend_amount), v.visit_id).toBeCloseTo(v.compensated === 'Y' ? Math.round((35 * minutes * staff) / 0.6) / 100 : 0, 10);
    }
    // 45 minutes by a pair: 35 × 0.75 × 2 = 52.50
    expect(completed.find((v) => v.duration_min === '45' && v.educator_ids!.includes(';') && v.compensated === 'Y')!.stipend_amount).toBe('52.50');
    // educator_count only where educator_ids is empty
    for (const v of completed) expect(v.educator_ids === '' ? v.educator_count !== '' : v.educator_count === '', v.visit_id).toBe(true);
  });

  it('gives siblings one family_id: some families have two or three students, none more', () => {
    const perFamily = new Map<string, Set<string>>();
    for (const s of readCsv(join(root, 'a'), 'students.csv')) perFamily.set(s.family_id!, (perFamily.get(s.family_id!) ?? new Set()).add(s.student_id!));
    const sizes = [...perFamily.values()].map((s) => s.size);
    expect(Math.max(...sizes)).toBe(3);
    expect(sizes.filter((n) => n === 2).length).toBeGreaterThan(20);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(800);
    expect(truth.fidelity.site.families_enrolled).toBe(perFamily.size);
  });

  it('writes byte-identical files for the same seed and breaks, and other visits for other breaks', async () => {
    await generateDistrict({ out: join(root, 'b'), students: 800, schools: 5, seed: 11, breaks });
    await generateDistrict({ out: join(root, 'c'), students: 800, schools: 5, seed: 11, breaks: { SCH001: ['solo'] } });
    expect(hashes(join(root, 'b'))).toEqual(hashes(join(root, 'a')));
    expect(hashes(join(root, 'c'))['visits.csv']).not.toBe(hashes(join(root, 'a'))['visits.csv']);
    expect(hashes(join(root, 'c'))['educators.csv']).toBe(hashes(join(root, 'a'))['educators.csv']);
  }, 60_000);

  it('adds malformed practice fields with --dirty, counted in truth.json by expected reason', async () => {
    const t = (await generateDistrict({ out: join(root, 'd'), students: 2000, schools: 5, seed: 2, dirty: 0.05 })).truth;
    const rows = readCsv(join(root, 'd'), 'visits.csv');
    const badReflection = rows.filter((v) => v.reflection_date === 'pending');
    const negative = rows.filter((v) => v.stipend_amount!.startsWith('-'));
    const noStaff = rows.filter((v) => v.status === 'completed' && v.educator_count === '0');
    expect(badReflection.length).toBeGreaterThan(0);
    expect(negative.length).toBeGreaterThan(0);
    expect(noStaff.length).toBeGreaterThan(0);
    // the fidelity truth is of the clean rows: the site's completed visits exclude every injected copy
    const cleanCompleted = rows.filter((v) => /^V0/.test(v.visit_id!) && v.status === 'completed' && v.visit_date! >= '2016-07-01' && v.visit_date! <= '2017-06-30');
    expect(t.fidelity.site.completed_visits).toBe(new Set(cleanCompleted.map((v) => v.visit_id)).size);
    expect(t.dirty_rows.visits!.out_of_range).toBe(negative.length + noStaff.length);
  }, 60_000);
});
