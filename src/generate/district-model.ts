import { Prng } from '../util/prng.js';
import { logit } from './model-functions.js';

export const RACES = ['Hispanic/Latino', 'Black', 'White', 'Asian', 'Two or more'] as const;
export const GENDERS = ['F', 'M'] as const;
const SCHOOL_WORDS = ['Adams', 'Baker', 'Cedar', 'Douglas', 'Elm', 'Franklin', 'Garfield', 'Hillside', 'Irving', 'Jefferson', 'King', 'Lincoln', 'Madison', 'Nelson', 'Oak', 'Parks', 'Quincy', 'Roosevelt', 'Sequoia', 'Tubman'];

/** A generated school: grade span, effects on attendance and achievement, and how much it visits. */
export interface SchoolModel {
  id: string;
  name: string;
  kind: 'elementary' | 'middle';
  lowGrade: number;
  highGrade: number;
  attEffect: number;
  achEffect: number;
  frlRate: number;
  /** log-odds of a visit for a typical family; null = not a program school (never visits) */
  visitBase: number | null;
  weight: number;
}

/** Students as parallel typed arrays (struct of arrays), one slot per student of the outcome year. */
export interface StudentModel {
  n: number;
  school: Int32Array;
  grade: Int8Array; // 0 = K
  priorSchool: Int32Array; // -1 = not enrolled in Y-1
  gender: Uint8Array;
  race: Uint8Array;
  frl: Uint8Array;
  ell: Uint8Array;
  swd: Uint8Array;
  absenceLatent: Float64Array;
  ability: Float64Array;
  behaviorLatent: Float64Array;
  /** enrollment days [first, last] in Y-1 and Y (day indices of the calendar) */
  firstDayPrior: Int16Array;
  lastDayPrior: Int16Array;
  firstDay: Int16Array;
  lastDay: Int16Array;
  /** movers change school at switchDay in Y (-1 = no move) */
  switchDay: Int16Array;
  secondSchool: Int32Array;
  /** daily absence probability without a visit, Y-1 and Y */
  rPrior: Float64Array;
  r0: Float64Array;
}

/** Student id of slot i: "S" + 7 digits. */
export function studentId(i: number): string {
  return `S${String(1000001 + i).padStart(7, '0')}`;
}

/** Grade code of a grade number (0 = K). */
export function gradeCode(g: number): string {
  return g === 0 ? 'K' : String(g);
}

/** School id of slot s (0-based): SCH001, SCH002, …. */
export function schoolId(s: number): string {
  return `SCH${String(s + 1).padStart(3, '0')}`;
}

/** Whether school slot s of a district of `count` schools runs a program (every tenth school does not, from five schools up). */
export function isProgramSchool(s: number, count: number): boolean {
  return !(count >= 5 && s % 10 === 9);
}

/** Draw the schools of a district. */
export function drawSchools(count: number, rng: Prng): SchoolModel[] {
  const elementary = count === 2 ? 1 : Math.max(1, Math.round(count * 0.65));
  const schools: SchoolModel[] = [];
  for (let s = 0; s < count; s++) {
    const kind = s < elementary ? 'elementary' : 'middle';
    const word = SCHOOL_WORDS[s % SCHOOL_WORDS.length]!;
    const suffix = s >= SCHOOL_WORDS.length ? ` ${Math.floor(s / SCHOOL_WORDS.length) + 1}` : '';
    const nonProgram = !isProgramSchool(s, count);
    schools.push({
      id: schoolId(s),
      name: `${word}${suffix} ${kind === 'elementary' ? 'Elementary' : 'Middle'}`,
      kind,
      lowGrade: kind === 'elementary' ? 0 : 6,
      highGrade: kind === 'elementary' ? 5 : 8,
      attEffect: 0.25 * rng.normal(),
      achEffect: 0.2 * rng.normal(),
      frlRate: 0.35 + 0.55 * rng.uniform(),
      visitBase: nonProgram ? null : logit(0.06 + 0.34 * rng.uniform()),
      weight: 0.6 + 0.8 * rng.uniform(),
    });
  }
  return schools;
}

/** Draw the students: school, grade, demographics, latent traits, enrollment days and absence propensities. */
export function drawStudents(n: number, schools: SchoolModel[], days: number, rng: Prng): StudentModel {
  const m: StudentModel = {
    n,
    school: new Int32Array(n),
    grade: new Int8Array(n),
    priorSchool: new Int32Array(n),
    gender: new Uint8Array(n),
    race: new Uint8Array(n),
    frl: new Uint8Array(n),
    ell: new Uint8Array(n),
    swd: new Uint8Array(n),
    absenceLatent: new Float64Array(n),
    ability: new Float64Array(n),
    behaviorLatent: new Float64Array(n),
    firstDayPrior: new Int16Array(n),
    lastDayPrior: new Int16Array(n),
    firstDay: new Int16Array(n),
    lastDay: new Int16Array(n),
    switchDay: new Int16Array(n),
    secondSchool: new Int32Array(n),
    rPrior: new Float64Array(n),
    r0: new Float64Array(n),
  };
  const weights = schools.map((s) => s.weight * (s.highGrade - s.lowGrade + 1));
  const index = schools.map((_, i) => i);
  const elementary = index.filter((i) => schools[i]!.kind === 'elementary');
  const sameKind = (i: number) => index.filter((j) => j !== i && schools[j]!.kind === schools[i]!.kind);
  const base = logit(0.045);
  for (let i = 0; i < n; i++) {
    const s = rng.pick(index, weights);
    const school = schools[s]!;
    const grade = rng.int(school.lowGrade, school.highGrade);
    m.school[i] = s;
    m.grade[i] = grade;
    m.gender[i] = rng.chance(0.5) ? 1 : 0;
    const race = rng.pick([0, 1, 2, 3, 4], [40, 25, 20, 10, 5]);
    m.race[i] = race;
    m.frl[i] = rng.chance(school.frlRate) ? 1 : 0;
    m.ell[i] = rng.chance(race === 0 ? 0.38 : race === 3 ? 0.3 : 0.04) ? 1 : 0;
    m.swd[i] = rng.chance(0.12) ? 1 : 0;
    m.absenceLatent[i] = rng.normal();
    m.ability[i] = rng.normal() - 0.35 * (m.frl[i]! - 0.6) - 0.25 * m.ell[i]! - 0.3 * m.swd[i]!;
    m.behaviorLatent[i] = 0.5 * m.absenceLatent[i]! + Math.sqrt(0.75) * rng.normal();

    // enrollment in Y-1: not for kindergarteners or students new to the district
    const newcomer = grade === 0 || rng.chance(0.08);
    if (newcomer) m.priorSchool[i] = -1;
    else if (grade === 6) m.priorSchool[i] = rng.pick(elementary);
    else m.priorSchool[i] = rng.chance(0.95) ? s : rng.pick(sameKind(s).length ? sameKind(s) : [s]);
    m.firstDayPrior[i] = rng.chance(0.06) ? rng.int(1, 120) : 0;
    m.lastDayPrior[i] = days - 1;

    // enrollment in Y: late entrants, early leavers, a few very short stays, and movers
    const kind = rng.pick(['full', 'late', 'early', 'short', 'mover'], [84, 7, 5, 1.5, 2.5]);
    m.firstDay[i] = 0;
    m.lastDay[i] = days - 1;
    m.switchDay[i] = -1;
    m.secondSchool[i] = -1;
    if (kind === 'late') m.firstDay[i] = rng.int(1, 120);
    else if (kind === 'early') m.lastDay[i] = rng.int(20, days - 2);
    else if (kind === 'short') {
      m.firstDay[i] = rng.int(0, 150);
      m.lastDay[i] = m.firstDay[i]! + rng.int(2, 8);
    } else if (kind === 'mover' && sameKind(s).length) {
      m.switchDay[i] = rng.int(30, 150);
      m.secondSchool[i] = rng.pick(sameKind(s));
    }

    const common = base + 0.65 * m.absenceLatent[i]! + 0.25 * m.frl[i]! + 0.15 * m.swd[i]! + 0.15 * (grade === 0 ? 1 : 0);
    m.rPrior[i] = 1 / (1 + Math.exp(-(common + school.attEffect + 0.3 * rng.normal())));
    m.r0[i] = 1 / (1 + Math.exp(-(common + school.attEffect + 0.3 * rng.normal())));
  }
  return m;
}
