import { describe, expect, it } from 'vitest';
import type { AnalysisFrame } from '../../src/estimate/analysis-frame.js';
import { OUTCOMES } from '../../src/estimate/outcomes.js';
import { subgroupContrasts } from '../../src/estimate/subgroups.js';
import type { ContrastResult } from '../../src/results/results-schema.js';
import { subgroupContrastsByRefit } from './subgroup-refit-reference.js';
import { GENERATED_SPEC, generatedFrame } from './generated-frame.js';

const DEFS = OUTCOMES.filter((d) => ['attendance_rate', 'chronic_absence', 'days_absent'].includes(d.outcome));
const SPEC = GENERATED_SPEC;
const NUMBERS = ['estimate', 'se', 'ci_low', 'ci_high', 'p_value', 'mean_level', 'mean_reference', 'interaction_p_value'] as const;

/** Expect every published field of the two lists equal: the numbers to 1e-8 (relative above 1), the rest exactly. */
function expectSame(fast: ContrastResult[], refit: ContrastResult[]): void {
  expect(fast.map((r) => `${r.analysis}|${r.outcome}|${r.level}`)).toEqual(refit.map((r) => `${r.analysis}|${r.outcome}|${r.level}`));
  fast.forEach((a, k) => {
    const b = refit[k]!;
    const where = `${a.analysis} / ${a.outcome} / ${a.level}`;
    for (const f of NUMBERS) {
      const x = a[f] ?? null;
      const y = b[f] ?? null;
      if (x === null || y === null) expect(x, `${where}: ${f}`).toBe(y);
      else expect(Math.abs(x - y), `${where}: ${f} ${x} vs ${y}`).toBeLessThanOrEqual(1e-8 * Math.max(1, Math.abs(y)));
    }
    const { estimate, se, ci_low, ci_high, p_value, mean_level, mean_reference, interaction_p_value, ...rest } = a;
    const { estimate: e2, se: s2, ci_low: l2, ci_high: h2, p_value: p2, mean_level: m2, mean_reference: r2, interaction_p_value: i2, ...rest2 } = b;
    expect(rest, where).toEqual(rest2);
  });
}

describe('subgroup contrasts from per (school × level) moments and level-only refits', () => {
  it('equal the old refits over designs rebuilt per level (CR1 with school fixed effects: the moments path)', () => {
    const frame = generatedFrame(30, 3000, 5);
    const fast = subgroupContrasts(frame, DEFS, SPEC, 'CR1');
    expectSame(fast, subgroupContrastsByRefit(frame, DEFS, SPEC, 'CR1'));
    // the comparison is not vacuous: most levels have an estimate, the interaction tests a p-value, some levels are too small
    const withEstimate = fast.filter((r) => r.estimate !== null && r.analysis !== 'school');
    expect(withEstimate.length).toBeGreaterThan(40);
    expect(withEstimate.every((r) => r.se !== null && r.se > 0 && r.se_type === 'cr1_t')).toBe(true);
    expect(fast.filter((r) => r.interaction_p_value !== null && r.analysis !== 'school').length).toBeGreaterThan(40);
    expect(fast.some((r) => r.notes.some((n) => n.code === 'too_few_in_group'))).toBe(true);
    expect(fast.filter((r) => r.analysis === 'school' && r.se_type === 'hc1').length).toBeGreaterThan(60);
  });

  it('equal the old refits with CR2 (few schools) and without fixed effects', () => {
    const frame = generatedFrame(9, 1500, 8);
    expectSame(subgroupContrasts(frame, DEFS, SPEC, 'CR2'), subgroupContrastsByRefit(frame, DEFS, SPEC, 'CR2'));
    const noFe = { ...SPEC, fixedEffects: undefined };
    expectSame(subgroupContrasts(frame, DEFS, noFe, 'CR1'), subgroupContrastsByRefit(frame, DEFS, noFe, 'CR1'));
  });

  it('gives a level the treatment coefficient of a design built over that level alone (a known two-school case)', () => {
    // two schools, no covariates: within each school y = 1 + 2·visited exactly in level "yes", y = 1 + 5·visited in "no"
    const y = Float64Array.from([1, 3, 1, 3, 1, 6, 1, 6, 1, 3, 1, 3, 1, 6, 1, 6]);
    const t = Float64Array.from([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    const ell = Float64Array.from([1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0]);
    const school = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
    const frame: AnalysisFrame = { n: 16, numeric: { visited: t, attendance_rate: y, ell }, categorical: { school_id: { codes: school, levels: ['A', 'B'] } } };
    const rows = subgroupContrasts(frame, DEFS.slice(0, 1), { numeric: [], categorical: [], fixedEffects: 'school_id' }, 'CR1').filter((r) => r.analysis === 'English learner');
    expect(rows.map((r) => [r.level, r.estimate])).toEqual([
      ['no', 5],
      ['yes', 2],
    ]);
  });
});
