import { describe, expect, it } from 'vitest';
import { fitWithFallback } from '../../src/estimate/fit-with-fallback.js';
import { modelEffect } from '../../src/estimate/model-estimate.js';
import type { Note } from '../../src/results/vocabulary.js';

// 40 rows: treatment alternates, x runs from −1.95 to 1.95, and the yes/no outcome is exactly x > 0, so x
// separates it completely and the logistic model has no maximum-likelihood estimate
const n = 40;
const t = Float64Array.from({ length: n }, (_, i) => i % 2);
const x = Float64Array.from({ length: n }, (_, i) => (i - 19.5) / 10);
const y = Float64Array.from(x, (v) => (v > 0 ? 1 : 0));
const design = { n, names: ['(Intercept)', 'treatment', 'x'], columns: [new Float64Array(n).fill(1), t, x] };
const cluster = Int32Array.from({ length: n }, (_, i) => i % 8);

describe('fitWithFallback', () => {
  it('a separated logistic model falls back to the linear probability model, with the codes that say so', () => {
    const notes: Note[] = [];
    const r = fitWithFallback('binomial', { design, y, t, cluster }, 'CR1', notes);
    expect(r!.family).toBe('gaussian');
    const linear = modelEffect('gaussian', design, y, t, cluster, 'CR1');
    expect(r!.eff.estimate).toBeCloseTo(linear.estimate, 12);
    expect(r!.eff.ratio).toBeNull();
    expect(notes).toContainEqual({ code: 'glm_fallback_linear', model: 'logistic' });
    // the logistic fit's own caution, with the rows whose fitted probability is 0 or 1 (a student count the gate checks)
    expect(notes.find((m) => m.code === 'separation')?.counts?.rows).toBeGreaterThan(0);
    expect(notes.map((m) => m.code)).not.toContain('not_converged');
  });

  it('a model that cannot be fitted (treatment identical to another column) gives null and model_not_estimable', () => {
    const notes: Note[] = [];
    const aliased = { n, names: ['(Intercept)', 'x', 'treatment'], columns: [new Float64Array(n).fill(1), t, t] };
    expect(fitWithFallback('gaussian', { design: aliased, y: x, t, cluster }, 'CR1', notes)).toBeNull();
    expect(notes).toEqual([{ code: 'model_not_estimable' }]);
  });

  it('a linear model that fits adds no note', () => {
    const notes: Note[] = [];
    const r = fitWithFallback('gaussian', { design, y: Float64Array.from(x, (v, i) => v + 0.3 * t[i]! + Math.sin(i)), t, cluster }, 'CR1', notes);
    expect(r!.family).toBe('gaussian');
    expect(notes).toEqual([]);
  });
});
