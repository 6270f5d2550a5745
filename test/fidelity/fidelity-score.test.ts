/** The fidelity score: the plain mean of the recorded practice shares, not_targeted as 1 (not flagged) or 0 (flagged). */
import { describe, it, expect } from 'vitest';
import { fidelityScore, type NotTargeted, type Practices } from '../../src/fidelity/index.js';

const share = (numerator: number, denominator: number) => ({ numerator, denominator, share: numerator / denominator });
const flags = (targeting: boolean): NotTargeted => ({ covariates: [], targeting, targeting_on: targeting ? ['prior_ela_z'] : [], targeting_imprecise_on: [], self_selection: !targeting, self_selection_on: targeting ? [] : ['prior_ela_z'] });
const none: Practices = {
  prearranged: null, scheduled: null, median_lead_days: null, pairs: null, paid: null, stipend_total: null,
  relationship_first: null, later_academic: null, reflection: null, not_targeted: null,
};

describe('fidelityScore', () => {
  it('averages the five shares and not_targeted with equal weight', () => {
    const p: Practices = { ...none, prearranged: share(9, 10), pairs: share(1, 2), paid: share(3, 4), relationship_first: share(1, 1), reflection: share(0, 5), not_targeted: flags(false) };
    // (0.9 + 0.5 + 0.75 + 1 + 0 + 1) / 6 = 4.15 / 6
    const s = fidelityScore(p);
    expect(s.score).toBeCloseTo(4.15 / 6, 12);
    expect(s.components).toEqual([
      { practice: 'prearranged', value: 0.9 }, { practice: 'pairs', value: 0.5 }, { practice: 'paid', value: 0.75 },
      { practice: 'relationship_first', value: 1 }, { practice: 'reflection', value: 0 }, { practice: 'not_targeted', value: 1 },
    ]);
  });

  it('scores a targeting school 0 on not_targeted; self-selection alone is not a breach', () => {
    expect(fidelityScore({ ...none, pairs: share(1, 1), not_targeted: flags(true) })).toEqual({ score: 0.5, components: [{ practice: 'pairs', value: 1 }, { practice: 'not_targeted', value: 0 }] });
    expect(fidelityScore({ ...none, not_targeted: flags(false) }).score).toBe(1);
  });

  it('leaves out what is not recorded, and is null when nothing is', () => {
    expect(fidelityScore({ ...none, paid: share(1, 4) })).toEqual({ score: 0.25, components: [{ practice: 'paid', value: 0.25 }] });
    expect(fidelityScore(none)).toEqual({ score: null, components: [] });
  });
});
