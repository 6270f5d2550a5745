/** A hand-made Results with a surveys block, for the survey renderers' tests: numbers chosen to check by hand, and cells the gate must hide. */
import type { Results } from '../../src/results/results-schema.js';
import type { SurveyResults, ScaleStat, SurveyComparison, SurveyChange } from '../../src/results/survey-results-schema.js';
import { resultsFixture } from '../helpers/results-fixture.js';

/** Response shares of n respondents from counts of the values 1..5. */
const shares = (counts: number[]) => {
  const n = counts.reduce((a, b) => a + b, 0);
  return counts.map((c, i) => ({ value: i + 1, share: c / n }));
};

function scale(x: Partial<ScaleStat> & Pick<ScaleStat, 'scale' | 'label' | 'wave'>): ScaleStat {
  return {
    instrument: 'Teacher survey (short)', respondent_type: 'teacher', range: [1, 5], n: 73, n_complete: 70, items: 2,
    alpha: 0.81, alpha_ci_low: 0.75, alpha_ci_high: 0.86, low_alpha: false, mean: 3.9, sd: 0.7, favourable: 0.55, favourable_threshold: 4,
    item_stats: [
      // 2 and 8 respondents gave 1 and 2: both shares are hidden, and so is the item mean
      { item: 't_conn1', reversed: false, n: 73, mean: 3.67, item_rest_r: 0.68, alpha_if_dropped: 0.7, response_shares: shares([2, 8, 20, 25, 18]) },
      { item: 't_conn4', reversed: true, n: 73, mean: 3.5, item_rest_r: 0.66, alpha_if_dropped: 0.72, response_shares: shares([12, 20, 15, 14, 12]) },
    ],
    ...x,
  };
}

function comparison(x: Partial<SurveyComparison> & Pick<SurveyComparison, 'scale' | 'label' | 'wave'>): SurveyComparison {
  return {
    instrument: 'Teacher survey (short)', respondent_type: 'teacher', group_level: 'visiting', group_reference: 'not_visiting', higher_is_better: true,
    n_level: 42, n_reference: 31, mean_level: 4.1, mean_reference: 3.7, sd_level: 0.7, sd_reference: 0.75, favourable_level: 0.6, favourable_reference: 0.4,
    estimate: 0.4, se: 0.1, df: 60, ci_low: 0.2, ci_high: 0.6, p_value: 0.001, effect_size: 0.55, se_type: 'welch_t', clusters: null,
    bh_p_value: 0.004, bh_significant: true,
    baseline: { wave: 'fall', effect_size: 0.03, band: 'satisfied', verdict: 'meets_with_reservations', n_level: 40, n_reference: 30 },
    suppressed: false, notes: [],
    ...x,
  };
}

function change(x: Partial<SurveyChange> & Pick<SurveyChange, 'scale' | 'label'>): SurveyChange {
  return {
    instrument: 'Teacher survey (short)', respondent_type: 'teacher', wave_pre: 'fall', wave_post: 'spring', group_level: 'visiting', group_reference: 'not_visiting', higher_is_better: true,
    n_level: 35, n_reference: 25, change_level: 0.5, change_level_ci_low: 0.3, change_level_ci_high: 0.7, change_reference: 0.1, change_reference_ci_low: -0.1, change_reference_ci_high: 0.3,
    change_level_se_type: 'paired_t', change_level_clusters: null, change_reference_se_type: 'paired_t', change_reference_clusters: null,
    estimate: 0.4, se: 0.15, df: 55, ci_low: 0.1, ci_high: 0.7, p_value: 0.01, se_type: 'welch_t', clusters: null, bh_p_value: 0.02, bh_significant: true, suppressed: false, notes: [],
    ...x,
  };
}

/** The surveys block: connection (both waves), a licensed burnout scale, a parent scale with a low alpha, a comparison with 4 parents in a group, three schools (one with 4 visiting teachers). */
export function surveyBlock(): SurveyResults {
  return {
    instruments: [
      { name: 'Teacher survey (short)', file: 'teacher-short.yaml', file_sha256: 'a'.repeat(64), licensed_warnings: [{ scale: 'burnout', label: 'Burnout (MBI)', source: 'Mind Garden, Maslach Burnout Inventory' }] },
      { name: 'Parent survey (short)', file: 'parent-short.yaml', file_sha256: 'b'.repeat(64), licensed_warnings: [] },
    ],
    respondents: {
      format: 'wide', read: 260, accepted: 255, rejected: 5, by_reason: { out_of_range: 3, duplicate_respondent_wave: 2 }, respondents: 140,
      by_type: [{ respondent_type: 'teacher', wave: 'fall', n: 70 }, { respondent_type: 'teacher', wave: 'spring', n: 73 }, { respondent_type: 'parent', wave: 'fall', n: 55 }, { respondent_type: 'parent', wave: 'spring', n: 57 }],
    },
    free_text_respondents: 7,
    grouping: { source: 'program', column: null, level: null, reference: null, label: 'visiting vs. non-visiting teachers; visited vs. non-visited families' },
    waves: ['fall', 'spring'],
    scales: [
      scale({ scale: 'connection', label: 'Connection to students', wave: 'fall', n: 70, alpha: 0.79, alpha_ci_low: 0.71, alpha_ci_high: 0.85 }),
      scale({ scale: 'connection', label: 'Connection to students', wave: 'spring' }),
      scale({ instrument: 'Parent survey (short)', respondent_type: 'parent', scale: 'homework', label: 'Homework & <help>', wave: 'spring', n: 57, n_complete: 55, alpha: 0.55, alpha_ci_low: 0.41, alpha_ci_high: 0.67, low_alpha: true }),
    ],
    comparisons: [
      comparison({ scale: 'connection', label: 'Connection to students', wave: 'fall', baseline: null, estimate: 0.05, ci_low: -0.15, ci_high: 0.25, p_value: 0.6, bh_p_value: 0.7, bh_significant: false }),
      comparison({ scale: 'connection', label: 'Connection to students', wave: 'spring' }),
      comparison({ instrument: 'Parent survey (short)', respondent_type: 'parent', scale: 'homework', label: 'Homework & <help>', wave: 'spring', group_level: 'visited', group_reference: 'not_visited', n_level: 53, n_reference: 4, mean_level: 3.91, mean_reference: 2.12, estimate: 1.79 }),
    ],
    changes: [change({ scale: 'connection', label: 'Connection to students' })],
    teacher_visits: [
      { wave: 'spring', teachers: 42, median_visits: 3, bands: [{ band: '1–2', min: 1, max: 2, n: 20 }, { band: '3–5', min: 3, max: 5, n: 12 }, { band: '6+', min: 6, max: null, n: 10 }] },
    ],
    by_school: [
      { school_id: 'SCH001', instrument: 'Teacher survey (short)', scale: 'connection', respondent_type: 'teacher', wave: 'spring', n_level: 12, n_reference: 11, mean_level: 4.44, mean_reference: 3.61, estimate: 0.83 },
      { school_id: 'SCH002', instrument: 'Teacher survey (short)', scale: 'connection', respondent_type: 'teacher', wave: 'spring', n_level: 4, n_reference: 15, mean_level: 4.77, mean_reference: 3.52, estimate: 1.25 },
      { school_id: 'SCH003', instrument: 'Teacher survey (short)', scale: 'connection', respondent_type: 'teacher', wave: 'spring', n_level: 20, n_reference: 10, mean_level: 4.03, mean_reference: 3.88, estimate: 0.15 },
    ],
  };
}

/** Results holding the surveys block (no student outcomes). */
export function surveyResults(): Results {
  return { ...resultsFixture(), surveys: surveyBlock() };
}
