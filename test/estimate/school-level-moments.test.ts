import { describe, expect, it } from 'vitest';
import { buildDesign } from '../../src/estimate/covariate-design.js';
import { modelEffect } from '../../src/estimate/model-estimate.js';
import { OUTCOMES } from '../../src/estimate/outcomes.js';
import { schoolLevelContrasts } from '../../src/estimate/school-level.js';
import { GENERATED_SPEC, generatedFrame } from './generated-frame.js';

describe('school-level moderators from per-school moments (CR1, school fixed effects)', () => {
  it('equal the moderator model refitted with the treatment × moderator column', () => {
    const frame = generatedFrame(30, 3000, 13);
    const school = frame.categorical.school_id!;
    // a visit rate per school (school 0 visits everyone), and fidelity scores for all but two schools
    const visited = frame.numeric.visited!;
    const rate = school.levels.map((_, s) => {
      let v = 0;
      let n = 0;
      school.codes.forEach((c, i) => c === s && (n++, (v += visited[i]!)));
      return v / n;
    });
    frame.numeric.school_visit_rate = Float64Array.from(school.codes, (c) => rate[c]!);
    const scores = new Map(school.levels.slice(2).map((id, k) => [id, ((k * 37) % 11) / 10]));
    const defs = OUTCOMES.filter((d) => ['attendance_rate', 'days_absent'].includes(d.outcome));
    const rows = schoolLevelContrasts(frame, frame, defs, GENERATED_SPEC, 'CR1', 0.1, 5, scores);
    const moderators = rows.filter((r) => r.model === 'moderator_interaction');
    expect(moderators.length).toBe(4);
    for (const r of moderators) {
      // the model as moderatorContrast fitted it before: the design, the centred moderator × treatment column, modelEffect
      const y = frame.numeric[r.outcome]!;
      const byFidelity = r.analysis.startsWith('fidelity');
      const values = byFidelity ? Float64Array.from(school.codes, (c) => scores.get(school.levels[c]!) ?? NaN) : frame.numeric.school_visit_rate;
      const d = buildDesign(frame, GENERATED_SPEC, { rows: Uint8Array.from(y, (v, i) => (Number.isNaN(v) || Number.isNaN(values[i]!) ? 0 : 1)), treatment: visited });
      let mean = 0;
      d.index.forEach((i) => (mean += values[i]!));
      mean /= d.index.length;
      d.design.names.push('m');
      d.design.columns.push(Float64Array.from(d.index, (i) => (visited[i]! * (values[i]! - mean)) / 0.1));
      const pick = (v: Float64Array) => Float64Array.from(d.index, (i) => v[i]!);
      const eff = modelEffect('gaussian', d.design, pick(y), pick(visited), Int32Array.from(d.index, (i) => school.codes[i]!), 'CR1', undefined, { effect: 'm', fixedEffects: d.fixedEffects });
      expect(r.se_type).toBe('cr1_t');
      expect(r.clusters).toBe(eff.clusters);
      for (const [got, want] of [
        [r.estimate, eff.estimate],
        [r.se, eff.se],
        [r.ci_low, eff.ci_low],
        [r.ci_high, eff.ci_high],
        [r.p_value, eff.p_value],
      ] as const) expect(Math.abs(got! - want)).toBeLessThan(1e-10 * Math.max(1, Math.abs(want)));
    }
  });
});
