/**
 * The network demo, smaller (8 sites of 800 students in 8 schools, regression only, no subgroups; one site with two
 * years): the pool must recover the generator's truth on the attendance rate, not whatever the code printed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNetworkDemo, type NetworkDemoResult } from '../../../src/network/demo/run-network-demo.js';
import { compareWithTruth, type DemoComparison } from '../../../src/network/demo/demo-summary.js';
import type { Truth } from '../../../src/generate/truth.js';

const SMALL = { sites: 8, min_students: 800, max_students: 800, min_schools: 8, max_schools: 8, low_fidelity_sites: 3, methods: ['regression' as const], subgroups: false };

let dir: string;
let r: NetworkDemoResult;
let c: DemoComparison;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hve-network-demo-'));
  r = await runNetworkDemo({ data: join(dir, 'data'), sites: join(dir, 'sites'), network: join(dir, 'network') }, SMALL);
  c = compareWithTruth(r.results, r.truth);
}, 120_000);

describe('network demo (small)', () => {
  it('writes one bundle per site-year, network.json and truth.json, whose per-site truth is the generator truth.json of that site', () => {
    expect(r.bundles).toHaveLength(9);
    expect(existsSync(join(dir, 'network', 'network.json'))).toBe(true);
    const truth = JSON.parse(readFileSync(join(dir, 'network', 'truth.json'), 'utf8'));
    expect(truth.site_years).toHaveLength(9);
    for (const s of truth.site_years) {
      const gen = JSON.parse(readFileSync(join(dir, 'data', s.site, String(s.year), 'truth.json'), 'utf8')) as Truth;
      expect(s.true_effect).toBe(gen.att.attendance_rate!.difference);
      expect(gen.parameters.absence_logit).toBe(s.absence_logit);
    }
  });

  it('pools the two years of one site with RVE clustered by site (9 site-years, 8 sites), never as independent studies', () => {
    expect(c.cell.k).toBe(9);
    expect(c.cell.sites).toBe(8);
    expect(c.cell.dependence).toBe('several_years_rve');
    expect(c.fit.estimator).toBe('RVE');
    expect(c.ci_method).toBe('cr2_satterthwaite');
  });

  it("the low-fidelity sites' measured fidelity scores are below every other site's (the breaks lower fidelity)", () => {
    const low = new Set(r.plan.filter((p) => p.low_fidelity).map((p) => p.site));
    const score = (site: string) => r.results.sites.find((s) => s.site === site)!.fidelity_score!;
    const lows = [...low].map(score);
    const highs = r.results.sites.filter((s) => !low.has(s.site)).map((s) => s.fidelity_score!);
    expect(lows).toHaveLength(3);
    expect(Math.max(...lows)).toBeLessThan(Math.min(...highs));
  });

  it("the pooled 95% CI covers the generator's mean effect over sites", () => {
    expect(r.truth.mean).toBeGreaterThan(0);
    expect(c.ci_low!).toBeLessThan(r.truth.mean);
    expect(c.ci_high!).toBeGreaterThan(r.truth.mean);
  });

  it("estimates a τ² within a factor 3 of the variance of the generator's true site effects", () => {
    // With k = 8 sites and sampling variances below τ², Var(τ̂²) ≈ 2(τ² + v̄)²/k puts τ̂² about τ²(1 ± 0.6):
    // a factor of 3 either way is roughly two standard errors, and a τ̂² of 0 (no heterogeneity found) fails.
    const tau2 = c.fit.tau2!;
    expect(r.truth.tau2).toBeGreaterThan(0);
    expect(tau2).toBeGreaterThan(r.truth.tau2 / 3);
    expect(tau2).toBeLessThan(r.truth.tau2 * 3);
  });

  it('the meta-regression slope on the fidelity score has the sign of the generator rule (low-fidelity effects × 0.3: positive)', () => {
    expect(r.truth.fidelity_slope_sign).toBe(1);
    expect(c.fidelity_regression?.suppressed).toBe(false);
    expect(Math.sign(c.fidelity_slope!)).toBe(r.truth.fidelity_slope_sign);
  });
});
