/**
 * truth.json's fidelity block against the generated CSVs, recomputed here by a tiny reader of our own (not
 * the pipeline): per school reach, families, the five practice shares and the prior-attendance SMD; the
 * breaking schools are exactly the ones asked for, they clearly fail their practice and every other
 * school clearly passes.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import type { Truth } from '../../src/generate/truth.js';
import { readCsv } from './read-generated.js';

const Y = 2017;
const breaks = { SCH002: ['targeted' as const], SCH005: ['solo' as const, 'no_reflection' as const], SCH006: ['not_prearranged' as const, 'academic_first' as const] };
let dir: string;
let truth: Truth;
let visits: Record<string, string>[];
let students: Record<string, string>[];
let attendance: Record<string, string>[];

beforeAll(async () => {
  dir = join(mkdtempSync(join(tmpdir(), 'hve-gen-fidelity-')), 'data');
  truth = (await generateDistrict({ out: dir, students: 1500, schools: 8, seed: 4, breaks })).truth;
  visits = readCsv(dir, 'visits.csv');
  students = readCsv(dir, 'students.csv');
  attendance = readCsv(dir, 'attendance.csv');
}, 120_000);

const inY = (d: string) => d >= `${Y - 1}-07-01` && d <= `${Y}-06-30`;
const dayDiff = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
const ratio = (num: number, den: number) => ({ numerator: num, denominator: den, share: den ? num / den : null });

/** Everything recomputed from the CSVs: per school shares, reach, families and the SMD. */
function recompute() {
  const completed = visits.filter((v) => v.status === 'completed' && inY(v.visit_date!));
  const visited = new Set(completed.map((v) => v.student_id!));
  // primary school: most attendance rows in Y, ties to the lowest school id; prior rate from Y−1's rows
  const days = new Map<string, Map<string, number>>();
  const prior = new Map<string, { n: number; absent: number }>();
  for (const a of attendance) {
    if (inY(a.date!)) {
      const m = days.get(a.student_id!) ?? new Map<string, number>();
      m.set(a.school_id!, (m.get(a.school_id!) ?? 0) + 1);
      days.set(a.student_id!, m);
    } else {
      const p = prior.get(a.student_id!) ?? { n: 0, absent: 0 };
      p.n += 1;
      if (a.status === 'excused' || a.status === 'unexcused') p.absent += 1;
      prior.set(a.student_id!, p);
    }
  }
  const primary = new Map<string, string>();
  for (const [id, m] of days) primary.set(id, [...m].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0]![0]);
  const family = new Map(students.map((s) => [s.student_id!, s.family_id!]));
  const out: Record<string, Record<string, unknown>> = {};
  for (const school of Object.keys(truth.fidelity.schools)) {
    const own = completed.filter((v) => v.school_id === school);
    const enrolled = [...primary].filter(([, s]) => s === school).map(([id]) => id);
    const vis = enrolled.filter((id) => visited.has(id));
    const sched = own.filter((v) => v.scheduled_date !== '');
    const staff = (v: Record<string, string>) => (v.educator_ids ? new Set(v.educator_ids.split(';')).size : Number(v.educator_count));
    const firsts = new Map<string, Record<string, string>>();
    for (const v of own) if (!firsts.has(v.student_id!) || v.visit_date! < firsts.get(v.student_id!)!.visit_date!) firsts.set(v.student_id!, v);
    const g = (ids: string[]) => ids.filter((id) => prior.has(id)).map((id) => 1 - prior.get(id)!.absent / prior.get(id)!.n);
    const t = g(vis);
    const c = g(enrolled.filter((id) => !visited.has(id)));
    const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
    const ss = (x: number[]) => x.reduce((a, b) => a + (b - mean(x)) ** 2, 0);
    const sp = Math.sqrt((ss(t) + ss(c)) / (t.length + c.length - 2));
    const omega = 1 - 3 / (4 * (t.length + c.length) - 9);
    out[school] = {
      enrolled: enrolled.length,
      visited: vis.length,
      families_enrolled: new Set(enrolled.map((id) => family.get(id))).size,
      families_visited: new Set(vis.map((id) => family.get(id))).size,
      prearranged: ratio(sched.filter((v) => v.scheduled_date! < v.visit_date!).length, sched.length),
      pairs: ratio(own.filter((v) => staff(v) >= 2).length, own.length),
      paid: ratio(own.filter((v) => v.compensated === 'Y').length, own.length),
      relationship_first: ratio([...firsts.values()].filter((v) => v.visit_type === 'relationship').length, firsts.size),
      reflection: ratio(own.filter((v) => v.reflection_date !== '' && dayDiff(v.visit_date!, v.reflection_date!) >= 0 && dayDiff(v.visit_date!, v.reflection_date!) <= 14).length, own.length),
      smd: t.length >= 2 && c.length >= 2 ? (omega * (mean(t) - mean(c))) / sp : null,
    };
  }
  return out;
}

describe('truth.json fidelity block', () => {
  it('equals the reach, families and practice shares recomputed from the CSVs', () => {
    const want = recompute();
    for (const [school, w] of Object.entries(want)) {
      const got = truth.fidelity.schools[school]!;
      const { smd, ...rest } = w;
      expect({ ...rest }, school).toEqual({
        enrolled: got.enrolled, visited: got.visited, families_enrolled: got.families_enrolled, families_visited: got.families_visited,
        prearranged: got.prearranged, pairs: got.pairs, paid: got.paid, relationship_first: got.relationship_first, reflection: got.reflection,
      });
      if (smd === null) expect(got.prior_attendance.smd, school).toBeNull();
      else expect(got.prior_attendance.smd!, school).toBeCloseTo(smd as number, 10);
    }
    // the site's reach covers every student enrolled in Y
    expect(truth.fidelity.site.enrolled).toBe(1500);
    expect(truth.fidelity.site.reach.numerator).toBe(new Set(visits.filter((v) => v.status === 'completed' && inY(v.visit_date!)).map((v) => v.student_id)).size);
  });

  it('lists exactly the breaking schools asked for, by practice', () => {
    expect(truth.fidelity.breaks).toEqual(breaks);
    expect(truth.fidelity.breaking_schools).toEqual({
      prearranged: ['SCH006'], pairs: ['SCH005'], paid: [], relationship_first: ['SCH006'], reflection: ['SCH005'], not_targeted: ['SCH002'],
    });
  });

  it('makes the breaking schools clearly fail their practice and every other program school clearly pass', () => {
    const got = recompute();
    const share = (s: string, p: string) => (got[s]![p] as { share: number }).share;
    for (const [school, t] of Object.entries(truth.fidelity.schools)) {
      if (!t.program) continue;
      expect(t.visited, school).toBeGreaterThanOrEqual(20);
      const b: readonly string[] = (breaks as Record<string, readonly string[]>)[school] ?? [];
      if (b.includes('solo')) expect(share(school, 'pairs')).toBe(0);
      else expect(share(school, 'pairs'), school).toBeGreaterThanOrEqual(0.9);
      if (b.includes('no_reflection')) expect(share(school, 'reflection')).toBe(0);
      else expect(share(school, 'reflection'), school).toBeGreaterThanOrEqual(0.8);
      if (b.includes('not_prearranged')) expect(share(school, 'prearranged')).toBe(0);
      else expect(share(school, 'prearranged'), school).toBeGreaterThanOrEqual(0.95);
      if (b.includes('academic_first')) expect(share(school, 'relationship_first')).toBe(0);
      else expect(share(school, 'relationship_first'), school).toBeGreaterThanOrEqual(0.95);
      expect(share(school, 'paid'), school).toBeGreaterThanOrEqual(0.9);
      if (b.includes('targeted')) expect(got[school]!.smd as number, school).toBeLessThan(-0.5);
      else expect(got[school]!.smd as number, school).toBeGreaterThan(-0.25);
    }
  });
});
