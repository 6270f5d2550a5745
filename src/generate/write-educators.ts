import type { Prng } from '../util/prng.js';
import type { SchoolModel } from './district-model.js';
import { CsvWriter } from './csv-writer.js';

/** Staff slots 1..VISITING_POOL of a program school are the ones who make visits. */
export const VISITING_POOL = 20;

/** Educator id of staff slot k (1-based) at school `s`: "E" + the school's three digits + two digits. */
export function educatorId(schools: readonly SchoolModel[], s: number, k: number): string {
  return `E${schools[s]!.id.slice(3)}${String(k).padStart(2, '0')}`;
}

/** One educator of the roster: id, school index and role (the same in both years). */
export interface RosterEntry {
  educator_id: string;
  school: number;
  role: string;
}

const ROLES = ['teacher', 'teacher', 'teacher', 'teacher', 'counselor', 'aide', 'administrator'] as const;

/**
 * Write the educators roster (educator_id, school_id, school_year, role, trained) for years Y−1 and Y:
 * every school lists VISITING_POOL staff who may visit plus 8–24 who never do; in program schools most of
 * the visiting pool completed home-visit training, few others did. Returns the roster (one entry per educator).
 */
export function writeEducators(path: string, schools: readonly SchoolModel[], Y: number, rng: Prng): RosterEntry[] {
  const w = new CsvWriter(path, ['educator_id', 'school_id', 'school_year', 'role', 'trained']);
  const roster: RosterEntry[] = [];
  schools.forEach((school, s) => {
    const staff = VISITING_POOL + rng.int(8, 24);
    const role = Array.from({ length: staff }, (_, k) => (k < VISITING_POOL ? rng.pick(ROLES.slice(0, 5)) : rng.pick(ROLES)));
    const program = school.visitBase !== null;
    const trained = Array.from({ length: staff }, (_, k) => (program && k < VISITING_POOL ? rng.chance(0.95) : rng.chance(0.1)));
    for (const year of [Y - 1, Y]) {
      for (let k = 0; k < staff; k++) w.row([educatorId(schools, s, k + 1), school.id, year, role[k], trained[k] ? 'Y' : 'N']);
    }
    for (let k = 0; k < staff; k++) roster.push({ educator_id: educatorId(schools, s, k + 1), school: s, role: role[k]! });
  });
  w.close();
  return roster;
}
