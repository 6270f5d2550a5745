import { describe, expect, it } from 'vitest';
import { SurveyResultsSchema } from '../../src/results/survey-results-schema.js';

// A surveys block as results 2.1.0 wrote it: no grouping label, no teacher_visits, no per-group change SE types
const v210 = {
  instruments: [],
  respondents: { format: 'wide', read: 40, accepted: 40, rejected: 0, by_reason: {}, respondents: 20, by_type: [{ respondent_type: 'teacher', wave: 'spring', n: 20 }] },
  free_text_respondents: 0,
  grouping: { source: 'column', column: 'visits', level: 'yes', reference: 'no' },
  waves: ['fall', 'spring'],
  scales: [],
  comparisons: [],
  changes: [
    {
      instrument: 'T', scale: 's', label: 'S', respondent_type: 'teacher', wave_pre: 'fall', wave_post: 'spring', group_level: 'yes', group_reference: 'no', higher_is_better: true,
      n_level: 10, n_reference: 10, change_level: 0.5, change_level_ci_low: 0.1, change_level_ci_high: 0.9, change_reference: 0, change_reference_ci_low: -0.4, change_reference_ci_high: 0.4,
      estimate: 0.5, se: 0.2, df: 17, ci_low: 0.08, ci_high: 0.92, p_value: 0.02, se_type: 'welch_t', clusters: null, bh_p_value: 0.02, bh_significant: true, suppressed: false, notes: [],
    },
  ],
  by_school: [],
};

describe('the surveys block schema', () => {
  it('reads a 2.1.0 block, with the new fields at their defaults', () => {
    const s = SurveyResultsSchema.parse(v210);
    expect(s.grouping?.label).toBeNull();
    expect(s.teacher_visits).toEqual([]);
    expect([s.changes[0]!.change_level_se_type, s.changes[0]!.change_reference_se_type, s.changes[0]!.change_level_clusters]).toEqual([null, null, null]);
  });
});
