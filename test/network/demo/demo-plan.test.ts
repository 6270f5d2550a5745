import { describe, expect, it } from 'vitest';
import { networkDemoPlan, lowFidelityIndices, LOW_FIDELITY_BREAKS } from '../../../src/network/demo/demo-plan.js';
import { networkDemoTruth } from '../../../src/network/demo/demo-truth.js';
import { NetworkDemoSettingsSchema } from '../../../src/network/demo/demo-plan.js';
import type { Truth } from '../../../src/generate/truth.js';

describe('networkDemoPlan', () => {
  const plan = networkDemoPlan();
  const firstYear = plan.filter((s) => s.year === 2017);

  it('makes 12 sites in 4 states (3 each), sizes spread from 800 to 5,000 students and 4 to 12 schools, plus a second year of the first site', () => {
    expect(firstYear).toHaveLength(12);
    expect(plan).toHaveLength(13);
    for (const st of ['CA', 'CO', 'MO', 'NY']) expect(firstYear.filter((s) => s.state === st)).toHaveLength(3);
    const sizes = firstYear.map((s) => s.students).sort((a, b) => a - b);
    expect(sizes[0]).toBe(800);
    expect(sizes[11]).toBe(5000);
    expect(new Set(sizes).size).toBe(12);
    // 11 even steps of (5000 − 800)/11 students
    expect(sizes[1]).toBe(Math.round(800 + 4200 / 11));
    expect(Math.min(...firstYear.map((s) => s.schools))).toBe(4);
    expect(Math.max(...firstYear.map((s) => s.schools))).toBe(12);
    const second = plan.filter((s) => s.year === 2018);
    expect(second).toHaveLength(1);
    expect(second[0]!.site).toBe(plan[0]!.site);
    expect(second[0]!.absence_logit).toBe(plan[0]!.absence_logit);
    expect(second[0]!.seed).not.toBe(plan[0]!.seed);
  });

  it('gives 4 low-fidelity sites, one per state, whose true shift is the drawn one times 0.3 and whose program schools all break the practices', () => {
    const low = firstYear.filter((s) => s.low_fidelity);
    expect(low).toHaveLength(4);
    expect(new Set(low.map((s) => s.state)).size).toBe(4);
    for (const s of firstYear) {
      expect(s.absence_logit).toBeCloseTo(s.low_fidelity ? 0.3 * s.drawn_logit : s.drawn_logit, 12);
      const broken = Object.keys(s.breaks);
      // every tenth school (SCH010) runs no program from 5 schools up, so it cannot break a practice
      const program = Array.from({ length: s.schools }, (_, k) => `SCH${String(k + 1).padStart(3, '0')}`).filter((_, k) => !(s.schools >= 5 && k % 10 === 9));
      expect(broken).toEqual(s.low_fidelity ? program : []);
      for (const b of Object.values(s.breaks)) expect(b).toEqual(LOW_FIDELITY_BREAKS);
    }
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(networkDemoPlan()).toEqual(plan);
    expect(networkDemoPlan({ seed: 12 }).map((s) => s.drawn_logit)).not.toEqual(plan.map((s) => s.drawn_logit));
  });

  it('spreads the low-fidelity sites evenly: 3 of 8 are sites 1, 4 and 6 (floor((j + ½)·8/3))', () => {
    expect([...lowFidelityIndices(8, 3)]).toEqual([1, 4, 6]);
    expect([...lowFidelityIndices(12, 4)]).toEqual([1, 4, 7, 10]);
  });
});

describe('networkDemoTruth', () => {
  it('averages the years of a site, then takes the mean and the k − 1 variance over sites, and the fidelity contrast', () => {
    const settings = NetworkDemoSettingsSchema.parse({ sites: 3, states: ['CA'], two_year_site: true, low_fidelity_sites: 1 });
    const plan = networkDemoPlan(settings);
    expect(plan.map((p) => [p.site, p.year, p.low_fidelity])).toEqual([
      ['ca-01', 2017, false],
      ['ca-01', 2018, false],
      ['ca-02', 2017, true],
      ['ca-03', 2017, false],
    ]);
    const truth = (d: number) => ({ att: { attendance_rate: { n: 100, mean_treated_if_visited: 0.95, mean_treated_if_not_visited: 0.95 - d, difference: d } } }) as unknown as Truth;
    const t = networkDemoTruth(plan, [truth(0.01), truth(0.02), truth(0.004), truth(0.014)], settings);
    // sites: ca-01 (0.01 + 0.02)/2 = 0.015, ca-02 0.004, ca-03 0.014; mean 0.011
    expect(t.sites.map((s) => s.true_effect)).toEqual([expect.closeTo(0.015, 12), 0.004, 0.014]);
    expect(t.mean).toBeCloseTo(0.011, 12);
    // ((0.004)² + (0.007)² + (0.003)²) / 2 = (16 + 49 + 9)e-6 / 2 = 3.7e-5
    expect(t.tau2).toBeCloseTo(3.7e-5, 12);
    expect(t.high_fidelity_mean).toBeCloseTo(0.0145, 12);
    expect(t.low_fidelity_mean).toBeCloseTo(0.004, 12);
    expect(t.fidelity_slope_sign).toBe(1);
  });
});
