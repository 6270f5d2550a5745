import { describe, expect, it } from 'vitest';
import { schoolLevelContrasts } from '../../src/estimate/school-level.js';
import type { AnalysisFrame } from '../../src/estimate/analysis-frame.js';
import type { OutcomeDef } from '../../src/estimate/outcomes.js';

// Six schools of 40 students visiting 4, 8, …, 24 of them (rates 0.1 … 0.6, student-weighted mean 0.35).
// The outcome is exactly 1 + 0.1·school + 0.5·visited + 0.03·visited·(rate − 0.35)/0.1 (plus a wobble that
// is the same for visited and comparison students of a school, so the school fixed effects absorb it): the
// moderator, per 10 points of school visit rate, is 0.03.
const rows: { school: number; visited: number }[] = [];
for (let s = 0; s < 6; s++) for (let k = 0; k < 40; k++) rows.push({ school: s, visited: k < 4 * (s + 1) ? 1 : 0 });
const rate = (s: number) => 0.1 * (s + 1);
const frame: AnalysisFrame = {
  n: rows.length,
  numeric: {
    visited: Float64Array.from(rows, (r) => r.visited),
    school_visit_rate: Float64Array.from(rows, (r) => rate(r.school)),
    y: Float64Array.from(rows, (r) => 1 + 0.1 * r.school + Math.sin(r.school) + 0.5 * r.visited + (0.03 * r.visited * (rate(r.school) - 0.35)) / 0.1),
  },
  categorical: { school_id: { codes: Int32Array.from(rows, (r) => r.school), levels: ['A', 'B', 'C', 'D', 'E', 'F'] } },
};
const defs: OutcomeDef[] = [{ outcome: 'y', label: 'y', domain: 'y', type: 'continuous', lower_is_better: false, unit: 'value', baseline: null, needs: 'none' }];

describe('the school visit rate as moderator', () => {
  const out = schoolLevelContrasts(frame, frame, defs, { numeric: [], categorical: [], fixedEffects: 'school_id' }, 'CR2', 0.1, 3);
  const m = out.find((c) => c.analysis === 'school visit rate as moderator')!;

  it('reports the treatment × rate coefficient (0.03), not the visited main effect (0.5)', () => {
    expect(m.estimate).toBeCloseTo(0.03, 10);
    expect(m.model).toBe('moderator_interaction');
  });

  it('counts the schools with both groups above (0.4, 0.5, 0.6) and at or below (0.1, 0.2, 0.3) the mean rate', () => {
    expect(m.schools).toEqual({ level: 3, reference: 3, min_per_arm: 3 });
    expect(m.descriptive).toBe(false);
    expect(m.se_type).toBe('cr2_satterthwaite');
    expect(m.clusters).toBe(6);
  });

  it('the ≥ 10% contrast has every school on the level side, so it needs both kinds of school', () => {
    const c = out.find((x) => x.analysis === 'school visit rate ≥ 10%')!;
    expect(c.schools).toEqual({ level: 6, reference: 0, min_per_arm: 3 });
    expect(c.notes).toContainEqual({ code: 'few_schools', counts: { level_schools: 6, reference_schools: 0 }, values: { min_per_arm: 3 } });
    expect([c.model, c.se_type, c.estimate]).toEqual(['group_means', null, null]);
  });
});
