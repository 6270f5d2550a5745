import type { Prng } from '../util/prng.js';
import type { StudentModel } from './district-model.js';

/** Family id of family index f: "F" + 6 digits. */
export function familyId(f: number): string {
  return `F${String(100001 + f).padStart(6, '0')}`;
}

/**
 * Group students into families: about one student in six gets one or two siblings in the district,
 * chosen among the next unassigned students of the same race/ethnicity and FRL status (for most families, at the same school).
 * Returns the family index of each student slot.
 */
export function drawFamilies(m: StudentModel, rng: Prng): Int32Array {
  const family = new Int32Array(m.n).fill(-1);
  let next = 0;
  for (let i = 0; i < m.n; i++) {
    if (family[i]! >= 0) continue;
    const f = next++;
    family[i] = f;
    const siblings = rng.chance(0.16) ? rng.pick([1, 2], [78, 22]) : 0;
    const sameSchool = rng.chance(0.6);
    let found = 0;
    for (let j = i + 1; j < Math.min(m.n, i + 400) && found < siblings; j++) {
      if (family[j]! >= 0 || m.race[j] !== m.race[i] || m.frl[j] !== m.frl[i]) continue;
      if (sameSchool && m.school[j] !== m.school[i]) continue;
      family[j] = f;
      found++;
    }
  }
  return family;
}
