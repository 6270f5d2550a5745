import type { CovariateSpec } from './covariate-design.js';

/** The baseline covariates of the pipeline's adjusted models: prior-year measures, demographics, grade, and school fixed effects. */
export function pipelineCovariates(has: { discipline: boolean; assessments: boolean }): CovariateSpec {
  const numeric = ['prior_attendance_rate', 'prior_chronic_absence', 'prior_days_absent'];
  if (has.discipline) numeric.push('prior_any_incident', 'prior_incident_count', 'prior_any_suspension');
  if (has.assessments) numeric.push('prior_ela_z', 'prior_math_z', 'prior_ela_proficient', 'prior_math_proficient');
  numeric.push('frl', 'ell', 'swd');
  return { numeric, categorical: ['gender', 'race_ethnicity', 'grade'], fixedEffects: 'school_id' };
}
