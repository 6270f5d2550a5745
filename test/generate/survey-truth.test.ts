/** The survey truth's math: item moments by hand, the unrounded alpha formula, and the exact rounded alpha against a large simulation. */
import { describe, it, expect } from 'vitest';
import { itemMoments, continuousAlpha, populationAlpha, mixtureVariance, expectedScore, populationScoreEffect } from '../../src/generate/survey-truth.js';
import { SURVEY_SCALES, type SurveyScaleModel } from '../../src/generate/survey-model.js';
import { cronbachAlpha } from '../../src/stats/cronbach-alpha.js';
import { Prng } from '../../src/util/prng.js';
import { loadInstrument } from '../../src/survey/load-instrument.js';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';

const scale = (name: string) => SURVEY_SCALES.find((s) => s.scale === name)!;

describe('survey truth', () => {
  it('gives the moments of a rounded item by hand: location 3, loading 1, t = 0, noise 1', () => {
    // P(3) = Φ(.5) − Φ(−.5) = 0.382925; P(2) = P(4) = Φ(1.5) − Φ(.5) = 0.241730; P(1) = P(5) = 1 − Φ(1.5) = 0.066807
    const m = itemMoments(0, 3, 1, 1);
    expect(m.mean).toBeCloseTo(3, 12);
    expect(m.second).toBeCloseTo(9 * 0.382925 + 20 * 0.24173 + 26 * 0.066807, 4);
    // far above the range every response is 5
    expect(itemMoments(10, 3, 1, 0.5).mean).toBeCloseTo(5, 10);
  });

  it('has the unrounded alpha k·λ²·V / (k·λ²·V + σ²): 4 items, λ = 0.8, σ = 0.8, V = 1 gives 0.8', () => {
    const s: SurveyScaleModel = { ...scale('communication'), loading: 0.8, noise_sd: 0.8 };
    expect(continuousAlpha(s, 1)).toBeCloseTo(0.8, 12);
    // a mixture of N(0,1) and N(0.5,1) at 30% adds 0.3·0.7·0.25 to the variance
    expect(mixtureVariance([{ weight: 0.7, mean: 0, sd: 1 }, { weight: 0.3, mean: 0.5, sd: 1 }])).toBeCloseTo(1.0525, 12);
  });

  it('matches a 200,000-respondent simulation of the rounded items (seed 42) within 0.005, and sits below the unrounded alpha', () => {
    for (const s of SURVEY_SCALES) {
      const rng = new Prng(42, 0);
      const n = 200_000;
      const cols = s.items.map(() => new Float64Array(n));
      for (let i = 0; i < n; i++) {
        const t = rng.uniform() < 0.3 ? 0.5 + rng.normal() : rng.normal();
        s.items.forEach((it, j) => {
          const raw = Math.min(5, Math.max(1, Math.round(it.location + (it.reversed ? -1 : 1) * s.loading * t + s.noise_sd * rng.normal())));
          cols[j]![i] = it.reversed ? 6 - raw : raw;
        });
      }
      const mix = [{ weight: 0.7, mean: 0, sd: 1 }, { weight: 0.3, mean: 0.5, sd: 1 }];
      const exact = populationAlpha(s, mix);
      expect(Math.abs(cronbachAlpha(cols).alpha - exact), s.scale).toBeLessThan(0.005);
      expect(exact, s.scale).toBeLessThan(continuousAlpha(s, mixtureVariance(mix)));
    }
  });

  it('puts the effect on the expected score between 0 and loading × effect (rounding and the range shrink it)', () => {
    const s = scale('connection');
    const e = populationScoreEffect(s, 0.5);
    expect(e).toBeGreaterThan(0);
    expect(e).toBeLessThan(s.loading * 0.5);
    // no effect, no difference; the expected score rises with the trait
    expect(populationScoreEffect(s, 0)).toBeCloseTo(0, 12);
    expect(expectedScore(s, 1)).toBeGreaterThan(expectedScore(s, 0));
  });
});

describe('the generated scales and the shipped instruments', () => {
  it('use the items, reverse keying, respondents and direction of pipelines/instruments/*-short.yaml', () => {
    const shipped = ['teacher-short.yaml', 'parent-short.yaml'].flatMap((f) => loadInstrument(join(ROOT, 'pipelines', 'instruments', f)).scales);
    expect(shipped.map((s) => s.scale).sort()).toEqual(SURVEY_SCALES.map((s) => s.scale).sort());
    for (const s of SURVEY_SCALES) {
      const x = shipped.find((y) => y.scale === s.scale)!;
      expect(x.items.map(({ item, reversed }) => ({ item, reversed })), s.scale).toEqual(s.items.map((it) => ({ item: it.item, reversed: it.reversed })));
      expect(x.respondentType).toBe(s.respondent_type);
      expect(x.higherIsBetter).toBe(s.higher_is_better);
      expect(x.range).toEqual([1, 5]);
    }
  });
});
