import { describe, expect, it } from 'vitest';
import { gateSurvey } from '../../src/privacy/gate-survey.js';
import { Suppressor } from '../../src/privacy/suppressor.js';
import { SurveyResultsSchema, type SurveyResults } from '../../src/results/survey-results-schema.js';

// One rule of the survey gate per test, on hand-made blocks (min_cell 10) whose hidden values a reader could
// otherwise compute from the shown ones.
const of = { instrument: 'A', scale: 's', label: 'S', respondent_type: 'teacher' as const };
const share = (value: number, x: number | null) => ({ value, share: x });

function scale(wave: string, n: number, mean: number, favourable: number, n_complete = n, items: { n: number; mean: number; shares: number[] }[] = []) {
  return {
    ...of, wave, range: [1, 5], n, n_complete, items: Math.max(1, items.length), alpha: 0.8, alpha_ci_low: 0.7, alpha_ci_high: 0.9, low_alpha: false, mean, sd: 1, favourable, favourable_threshold: 4,
    item_stats: items.map((it, j) => ({ item: `q${j + 1}`, reversed: false, n: it.n, mean: it.mean, item_rest_r: 0.5, alpha_if_dropped: 0.7, response_shares: it.shares.map((x, v) => share(v + 1, x)) })),
  };
}

function comparison(wave: string, n_level: number, n_reference: number, favourable_level: number, favourable_reference: number) {
  return {
    ...of, wave, group_level: 'yes', group_reference: 'no', higher_is_better: true, n_level, n_reference, mean_level: 3, mean_reference: 2.5, sd_level: 1, sd_reference: 1,
    favourable_level, favourable_reference, estimate: 0.5, se: 0.3, df: 20, ci_low: -0.1, ci_high: 1.1, p_value: 0.1, effect_size: 0.5, se_type: 'welch_t', clusters: null,
    bh_p_value: 0.1, bh_significant: false, baseline: null, suppressed: false, notes: [],
  };
}

function change(unpaired: { level: number[]; reference: number[]; all: number[] }) {
  return {
    ...of, wave_pre: 'fall', wave_post: 'spring', group_level: 'yes', group_reference: 'no', higher_is_better: true, n_level: 11, n_reference: 15,
    change_level: 0.4, change_level_ci_low: 0, change_level_ci_high: 0.8, change_reference: 0.1, change_reference_ci_low: -0.2, change_reference_ci_high: 0.4,
    estimate: 0.3, se: 0.2, df: 20, ci_low: -0.1, ci_high: 0.7, p_value: 0.15, se_type: 'welch_t', clusters: null, bh_p_value: 0.15, bh_significant: false, suppressed: false, unpaired, notes: [],
  };
}

function block(b: Partial<Record<keyof SurveyResults, unknown>>): SurveyResults {
  return SurveyResultsSchema.parse({
    instruments: [],
    respondents: { format: 'wide', read: 30, accepted: 30, rejected: 0, by_reason: {}, respondents: 30, by_type: [] },
    free_text_respondents: 0,
    grouping: { source: 'column', column: 'visits', level: 'yes', reference: 'no' },
    waves: ['spring'],
    scales: [],
    comparisons: [],
    changes: [],
    by_school: [],
    ...b,
  });
}

const gate = (r: SurveyResults) => gateSurvey(r, new Suppressor(10, []))!;

describe('the survey gate rules', () => {
  it('hides the partner group\'s % favourable when one group\'s is hidden (scale × n − partner × n would give it back)', () => {
    // level: 1 of 12 favourable (hidden); reference 11 of 22; scale 12 of 34 (shown): 12 − 11 = the hidden 1
    const g = gate(block({ scales: [scale('spring', 34, 2.7, 12 / 34)], comparisons: [comparison('spring', 12, 22, 1 / 12, 11 / 22)] }));
    expect(g.scales[0]!.favourable).toBeCloseTo(12 / 34, 12);
    expect([g.comparisons[0]!.favourable_level, g.comparisons[0]!.favourable_reference]).toEqual([null, null]);
    expect(g.comparisons[0]!.mean_level).toBe(3);
  });

  it('hides the whole by-school table when a group\'s hidden schools hold 1 to 9 and no shown school has that group', () => {
    const row = (school_id: string, n_level: number, n_reference: number) => ({ school_id, instrument: 'A', scale: 's', respondent_type: 'teacher', wave: 'spring', n_level, n_reference, mean_level: n_level ? 5 : null, mean_reference: n_reference ? 2.5 : null, estimate: null });
    const g = gate(block({ scales: [scale('spring', 25, 2.6, 0.4)], comparisons: [comparison('spring', 1, 24, 1, 0.5)], by_school: [row('S1', 1, 0), row('S2', 0, 12), row('S3', 0, 12)] }));
    // without it: 25 × 2.6 − 12 × 2.5 − 12 × 2.5 = 5, the lone visiting teacher's score
    expect(g.by_school.map((r) => r.mean_reference)).toEqual([null, null, null]);
    expect(g.by_school.map((r) => r.n_reference)).toEqual([null, null, null]);
  });

  it('hides a group\'s change and the DiD when 1 to 9 of its first-wave respondents are outside its panel, and keeps the other group\'s', () => {
    const g = gate(block({ waves: ['fall', 'spring'], changes: [change({ level: [1, 0, 0], reference: [0, 0, 0], all: [0, 0] })] }));
    const c = g.changes[0]!;
    expect([c.change_level, c.change_level_ci_low, c.change_level_ci_high]).toEqual([null, null, null]);
    expect([c.estimate, c.ci_low, c.ci_high, c.p_value]).toEqual([null, null, null, null]);
    expect(c.change_reference).toBe(0.1);
    expect('unpaired' in c).toBe(false); // the stage's counts for the rule are never published
  });

  it('hides both changes when all groups together leave 1 to 9 outside the panel, and none when 0 or 10 or more do', () => {
    const both = gate(block({ waves: ['fall', 'spring'], changes: [change({ level: [12, 0, 0], reference: [0, 10, 0], all: [0, 3] })] })).changes[0]!;
    expect([both.change_level, both.change_reference, both.estimate]).toEqual([null, null, null]);
    const none = gate(block({ waves: ['fall', 'spring'], changes: [change({ level: [10, 0, 0], reference: [0, 0, 0], all: [10, 0] })] })).changes[0]!;
    expect([none.change_level, none.change_reference, none.estimate]).toEqual([0.4, 0.1, 0.3]);
  });

  it('hides the items that 1 to 9 scored respondents skipped, and not the others', () => {
    // 101 scored, 100 answered every item; q2 was skipped by one: 2 × 101 × mean − Σ item n·mean would give back their answer
    const shares = [0.2, 0.2, 0.2, 0.2, 0.2];
    const g = gate(block({ scales: [scale('spring', 101, 3, 0.4, 100, [{ n: 101, mean: 3, shares }, { n: 100, mean: 3, shares }])] }));
    const [q1, q2] = g.scales[0]!.item_stats;
    expect(q1!.mean).toBe(3);
    expect(q1!.response_shares.map((x) => x.share)).toEqual(shares);
    expect(q2!.mean).toBeNull();
    expect(q2!.response_shares.map((x) => x.share)).toEqual([null, null, null, null, null]);
  });

  it('publishes respondent counts by type and wave exactly, small ones too (a count of who answered reveals no answer)', () => {
    const g = gate(block({ respondents: { format: 'wide', read: 135, accepted: 135, rejected: 0, by_reason: {}, respondents: 135, by_type: [{ respondent_type: 'teacher', wave: 'fall', n: 5 }, { respondent_type: 'teacher', wave: 'spring', n: 30 }] } }));
    expect(g.respondents.by_type.map((t) => t.n)).toEqual([5, 30]);
  });
});
