import { note, type Note } from '../results/vocabulary.js';

/** Schools on each side of a school-level contrast (distinct cluster codes), and whether both sides have enough for a test. */
export interface SchoolCounts {
  level: number;
  reference: number;
  min_per_arm: number;
}

/** Count the distinct schools of the rows `index` on the level side (`side(i)` true) and the reference side. */
export function countSchools(index: ArrayLike<number>, cluster: Int32Array, side: (i: number) => boolean, minPerArm: number): SchoolCounts {
  const level = new Set<number>();
  const reference = new Set<number>();
  for (let k = 0; k < index.length; k++) {
    const i = index[k]!;
    (side(i) ? level : reference).add(cluster[i]!);
  }
  return { level: level.size, reference: reference.size, min_per_arm: minPerArm };
}

/** True when either side has fewer schools than a test needs. */
export function tooFewSchools(c: SchoolCounts): boolean {
  return c.level < c.min_per_arm || c.reference < c.min_per_arm;
}

/** The note code of a school-level contrast shown without inference because a side has too few schools. */
export const FEW_SCHOOLS = 'few_schools';

/** The `few_schools` note: the schools on each side and how many each side needs. */
export function fewSchoolsNote(c: SchoolCounts): Note {
  return note(FEW_SCHOOLS, { counts: { level_schools: c.level, reference_schools: c.reference }, values: { min_per_arm: c.min_per_arm } });
}
