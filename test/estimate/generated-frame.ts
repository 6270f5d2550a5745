import type { AnalysisFrame } from '../../src/estimate/analysis-frame.js';
import type { CovariateSpec } from '../../src/estimate/covariate-design.js';
import { Prng } from '../../src/util/prng.js';

/**
 * A generated district's analysis frame with what makes subgroup models awkward: covariates missing in some
 * levels only (so a level's own design has no missing indicator where the full sample's has one), a race level
 * absent from most schools (another reference level per subgroup), unknown subgroup codes, a school whose
 * students are all visited, a school with one visited student, and an outcome missing for some students.
 */
export function generatedFrame(schools: number, n: number, seed: number): AnalysisFrame {
  const rng = new Prng(seed);
  const grades = ['K', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
  const num = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => f(i));
  const school = Int32Array.from({ length: n }, () => rng.int(0, schools - 1));
  const grade = Int32Array.from({ length: n }, () => rng.int(0, grades.length - 1));
  const race = Int32Array.from(school, (s) => (s % 5 === 0 && rng.chance(0.3) ? 4 : rng.chance(0.05) ? -1 : rng.int(0, 3)));
  const gender = Int32Array.from({ length: n }, () => (rng.chance(0.02) ? -1 : rng.int(0, 1)));
  const frl = num(() => (rng.chance(0.03) ? NaN : rng.chance(0.6) ? 1 : 0));
  const ell = num(() => (rng.chance(0.2) ? 1 : 0));
  const swd = num(() => (rng.chance(0.02) ? NaN : rng.chance(0.12) ? 1 : 0));
  const visited = num((i) => (school[i] === 0 ? 1 : school[i] === 1 ? (i === school.indexOf(1) ? 1 : 0) : rng.chance(0.3) ? 1 : 0));
  // prior attendance is missing only in grades 6 and up; prior days absent only for English learners
  const priorRate = num((i) => (grade[i]! >= 6 && rng.chance(0.15) ? NaN : 0.85 + 0.1 * rng.uniform()));
  const priorDays = num((i) => (ell[i] === 1 && rng.chance(0.2) ? NaN : rng.int(0, 20)));
  const effect = num((i) => 0.01 * (grade[i]! % 4) + 0.02 * school[i]! / schools);
  const rate = num((i) => Math.min(1, Math.max(0, 0.5 * (Number.isNaN(priorRate[i]!) ? 0.9 : priorRate[i]!) + 0.45 + visited[i]! * effect[i]! + 0.03 * rng.normal())));
  const days = num((i) => (rng.chance(0.1) ? NaN : Math.round(180 * (1 - rate[i]!))));
  const chronic = num((i) => (rate[i]! < 0.9 ? 1 : 0));
  const cat = (codes: Int32Array, levels: string[]) => ({ codes, levels });
  return {
    n,
    numeric: { visited, attendance_rate: rate, chronic_absence: chronic, days_absent: days, prior_attendance_rate: priorRate, prior_days_absent: priorDays, frl, ell, swd },
    categorical: {
      school_id: cat(school, Array.from({ length: schools }, (_, s) => `S${String(s).padStart(2, '0')}`)),
      grade: cat(grade, grades),
      race_ethnicity: cat(race, ['asian', 'black', 'hispanic', 'white', 'pacific_islander']),
      gender: cat(gender, ['female', 'male']),
    },
  };
}

/** The covariates of the generated frame, with school fixed effects. */
export const GENERATED_SPEC: CovariateSpec = { numeric: ['prior_attendance_rate', 'prior_days_absent', 'frl', 'ell', 'swd'], categorical: ['gender', 'race_ethnicity', 'grade'], fixedEffects: 'school_id' };
