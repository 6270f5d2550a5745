/** The generator's survey model: the scales it writes, their items, loadings and noise, and the two waves. */

/** Responses run from 1 to 5 on every generated item. */
export const SURVEY_RANGE = [1, 5] as const;

/** One item: its location on the response scale (its mean at trait 0, raw, before reverse keying) and whether it is reverse keyed. */
export interface SurveyItemModel {
  item: string;
  location: number;
  reversed: boolean;
}

/** One scale: item = location ± loading·trait + noise_sd·ε (− for a reverse-keyed item), rounded and clamped into the range. */
export interface SurveyScaleModel {
  scale: SurveyScaleName;
  label: string;
  respondent_type: 'teacher' | 'parent';
  higher_is_better: boolean;
  loading: number;
  noise_sd: number;
  items: readonly SurveyItemModel[];
}

export const SURVEY_SCALE_NAMES = ['connection', 'management', 'satisfaction', 'burnout', 'communication', 'homework', 'participation'] as const;
export type SurveyScaleName = (typeof SURVEY_SCALE_NAMES)[number];

const item = (name: string, location: number, reversed = false): SurveyItemModel => ({ item: name, location, reversed });

/**
 * The generated scales, with the items and reverse keying of the shipped instruments (pipelines/instruments/
 * teacher-short.yaml and parent-short.yaml): four for teachers (burnout: lower is better), three for parents
 * (understanding of homework is a short scale with a true alpha below 0.70).
 */
export const SURVEY_SCALES: readonly SurveyScaleModel[] = [
  {
    scale: 'connection', label: 'Connection to students', respondent_type: 'teacher', higher_is_better: true, loading: 0.8, noise_sd: 0.75,
    items: [item('t_conn1', 3.6), item('t_conn2', 3.4), item('t_conn3', 3.2), item('t_conn4', 2.5, true)],
  },
  {
    scale: 'management', label: 'Classroom management', respondent_type: 'teacher', higher_is_better: true, loading: 0.7, noise_sd: 0.75,
    items: [item('t_mgmt1', 3.5), item('t_mgmt2', 3.7), item('t_mgmt3', 3.4), item('t_mgmt4', 2.6, true)],
  },
  {
    scale: 'satisfaction', label: 'Job satisfaction', respondent_type: 'teacher', higher_is_better: true, loading: 0.8, noise_sd: 0.8,
    items: [item('t_sat1', 3.8), item('t_sat2', 3.5), item('t_sat3', 2.3, true)],
  },
  {
    scale: 'burnout', label: 'Burnout', respondent_type: 'teacher', higher_is_better: false, loading: 0.75, noise_sd: 0.7,
    items: [item('t_burn1', 3.1), item('t_burn2', 2.9), item('t_burn3', 2.5), item('t_burn4', 3.2, true)],
  },
  {
    scale: 'communication', label: 'Communication with the school', respondent_type: 'parent', higher_is_better: true, loading: 0.8, noise_sd: 0.8,
    items: [item('p_comm1', 3.3), item('p_comm2', 3.0), item('p_comm3', 3.5), item('p_comm4', 2.8, true)],
  },
  {
    scale: 'homework', label: 'Understanding of homework', respondent_type: 'parent', higher_is_better: true, loading: 0.65, noise_sd: 0.9,
    items: [item('p_hw1', 3.4), item('p_hw2', 3.1), item('p_hw3', 2.6, true)],
  },
  {
    scale: 'participation', label: 'Participation at school', respondent_type: 'parent', higher_is_better: true, loading: 0.75, noise_sd: 0.8,
    items: [item('p_part1', 2.9), item('p_part2', 3.6), item('p_part3', 2.2)],
  },
];

/** The free-text column of every generated survey row (the pipeline publishes only how many wrote in it). */
export const FREE_TEXT_COLUMN = 'comments';

/** The two waves, in order: before most visits (fall) and after (spring); the program effect is on the spring wave only. */
export const SURVEY_WAVES = ['fall', 'spring'] as const;

/** The trait: school effect (variance SCHOOL_VARIANCE) + person effect (1 − SCHOOL_VARIANCE); spring keeps the person effect with correlation WAVE_CORRELATION. */
export const SCHOOL_VARIANCE = 0.1;
export const WAVE_CORRELATION = 0.7;

/** Each item is left blank with this probability (completely at random). */
export const ITEM_MISSING = 0.03;
