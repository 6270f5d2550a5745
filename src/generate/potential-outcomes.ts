/** The subjects the generator tests, grades 3–8. */
export const SUBJECTS = ['ela', 'math'] as const;

/** The SD of scale scores within a grade (the mean is 2400 + 35 × grade). */
export const SCORE_SD = 90;

/** The performance level (1–4) of a scale score in a grade; 3 and above is proficient. */
export function levelOf(score: number, grade: number): 1 | 2 | 3 | 4 {
  const z = (score - (2400 + 35 * grade)) / (SCORE_SD * 1.02);
  return z < -0.9 ? 1 : z < 0 ? 2 : z < 0.9 ? 3 : 4;
}

/** Incident counts per student (prior year, and Y without/with a visit) and suspensions, for the truth. */
export interface DisciplineDraws {
  count0: Int16Array;
  count1: Int16Array;
  susp0: Uint8Array;
  susp1: Uint8Array;
}

/** Scale scores of Y per subject without and with a visit, for the truth (NaN = not tested). */
export interface TestDraws {
  grade: Int8Array;
  score0: Record<(typeof SUBJECTS)[number], Float64Array>;
  score1: Record<(typeof SUBJECTS)[number], Float64Array>;
}
