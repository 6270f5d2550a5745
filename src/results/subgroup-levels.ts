/** How the subgroup dimensions of the results relate to the covariates of the balance tables. */

/** The grade band of a grade code (pk, k, 1, …, 12; case-insensitive). */
export function gradeBand(grade: string): 'K–2' | '3–5' | '6–8' | '9–12' {
  const g = grade.toUpperCase();
  if (['PK', 'K', '1', '2'].includes(g)) return 'K–2';
  if (['3', '4', '5'].includes(g)) return '3–5';
  if (['6', '7', '8'].includes(g)) return '6–8';
  return '9–12';
}

/** The grade bands, in order. */
export const GRADE_BANDS = ['K–2', '3–5', '6–8', '9–12'] as const;

/** The yes/no subgroup dimensions and the covariate each is. */
export const YES_NO_SUBGROUPS = [
  ['ell', 'English learner'],
  ['frl', 'free/reduced-price lunch'],
  ['swd', 'student with a disability'],
] as const;

/**
 * Whether a balance row (a covariate, or a categorical covariate's level "name: level") counts students of a
 * subgroup level: its share of a group times the group's n is that level's count.
 */
export function balanceRowCountsLevel(row: string, dimension: string, level: string): boolean {
  const m = row.match(/^([^:]+): (.+)$/);
  if (dimension === 'grade band') return m?.[1] === 'grade' && gradeBand(m[2]!) === level;
  if (dimension === 'race/ethnicity') return m?.[1] === 'race_ethnicity' && m[2] === level;
  const yesNo = YES_NO_SUBGROUPS.find(([, label]) => label === dimension);
  return yesNo !== undefined && row === yesNo[0];
}
