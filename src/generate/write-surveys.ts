import type { Prng } from '../util/prng.js';
import type { SchoolModel, StudentModel } from './district-model.js';
import { studentId } from './district-model.js';
import { familyId } from './families.js';
import { CsvWriter } from './csv-writer.js';
import type { VisitRow } from './write-visits.js';
import type { RosterEntry } from './write-educators.js';
import type { DirtyLog } from './dirty.js';
import {
  SURVEY_SCALES, SURVEY_WAVES, SURVEY_RANGE, FREE_TEXT_COLUMN, SCHOOL_VARIANCE, WAVE_CORRELATION, ITEM_MISSING, type SurveyScaleName,
} from './survey-model.js';

/** A teacher answers each wave with this probability. */
const TEACHER_RESPONSE = 0.85;
/** Share of families invited to the parent survey, and an invited parent's chance of answering each wave. */
const PARENT_SAMPLE = 0.35;
const PARENT_RESPONSE = 0.65;
/** Share of respondent-waves that write in the free-text column. */
const FREE_TEXT = 0.12;
const COMMENTS = ['More time to talk with teachers please', 'The visit helped us a lot', 'Homework instructions are hard to follow', 'Thank you', 'Too many surveys'];

/** The trait behind one written respondent-wave on one scale, for the truth. */
export interface SurveyDraw {
  scale: SurveyScaleName;
  wave: (typeof SURVEY_WAVES)[number];
  respondent: string;
  member: boolean;
  trait: number;
}

interface SurveyInput {
  m: StudentModel;
  schools: readonly SchoolModel[];
  roster: readonly RosterEntry[];
  visits: readonly VisitRow[];
  family: Int32Array;
  primarySchool: (i: number) => number;
  Y: number;
  /** the program's shift of the spring trait (trait SD) for visiting teachers and visited parents, per scale */
  effects: Record<SurveyScaleName, number>;
  rng: Prng;
  /** bad rows after the rows they copy (`--dirty`): a duplicate respondent-wave, a response of 7, a respondent type "staff", a response "N/A" */
  dirty?: DirtyLog;
}

/** Who was in the program in Y by the survey rules: educators named on a completed visit of Y, and families whose student had one. */
function programMembers(x: SurveyInput): { educators: Set<string>; families: Set<number> } {
  const from = `${x.Y - 1}-07-01`;
  const to = `${x.Y}-06-30`;
  const slot = new Map<string, number>();
  for (let i = 0; i < x.m.n; i++) slot.set(studentId(i), i);
  const educators = new Set<string>();
  const families = new Set<number>();
  for (const v of x.visits) {
    if (v.status !== 'completed' || v.visit_date < from || v.visit_date > to) continue;
    for (const e of v.educator_ids.split(';')) if (e) educators.add(e);
    const i = slot.get(v.student_id);
    if (i !== undefined) families.add(x.family[i]!);
  }
  return { educators, families };
}

/**
 * Write surveys.csv (wide: one row per respondent and wave; respondent_id, respondent_type, school_id, wave,
 * educator_id, student_id, family_id, every item, a free-text column) for the teachers of the roster and a sample
 * of families, and return the trait of every written respondent-wave. Each scale's trait is a school effect plus a
 * person effect; spring keeps the person effect with correlation WAVE_CORRELATION and adds the program effect
 * for members; items are location ± loading·trait + noise, rounded and clamped into the range, a few left blank.
 */
export function writeSurveys(path: string, x: SurveyInput): SurveyDraw[] {
  const { rng } = x;
  const items = SURVEY_SCALES.flatMap((s) => s.items.map((it) => it.item));
  const w = new CsvWriter(path, ['respondent_id', 'respondent_type', 'school_id', 'wave', 'educator_id', 'student_id', 'family_id', ...items, FREE_TEXT_COLUMN]);
  const members = programMembers(x);
  const schoolEffect = SURVEY_SCALES.map(() => x.schools.map(() => Math.sqrt(SCHOOL_VARIANCE) * rng.normal()));
  const personSd = Math.sqrt(1 - SCHOOL_VARIANCE);
  const draws: SurveyDraw[] = [];

  const respondent = (id: string, type: 'teacher' | 'parent', school: number, member: boolean, ids: [string, string, string], respond: number) => {
    // every draw is made whether or not the wave is answered, so one respondent's answers never shift another's
    const traits = SURVEY_SCALES.map((scale, k) => {
      const person = personSd * rng.normal();
      const renewal = personSd * rng.normal();
      const base = schoolEffect[k]![school]!;
      const shift = member ? x.effects[scale.scale] : 0;
      return [base + person, base + WAVE_CORRELATION * person + Math.sqrt(1 - WAVE_CORRELATION ** 2) * renewal + shift];
    });
    SURVEY_WAVES.forEach((wave, wi) => {
      const answered = rng.chance(respond);
      const cells: string[] = [];
      SURVEY_SCALES.forEach((scale, k) => {
        const t = traits[k]![wi]!;
        for (const it of scale.items) {
          const y = it.location + (it.reversed ? -1 : 1) * scale.loading * t + scale.noise_sd * rng.normal();
          const blank = rng.chance(ITEM_MISSING);
          const v = Math.min(SURVEY_RANGE[1], Math.max(SURVEY_RANGE[0], Math.round(y)));
          cells.push(scale.respondent_type === type && !blank ? String(v) : '');
        }
      });
      const comment = rng.chance(FREE_TEXT) ? rng.pick(COMMENTS) : '';
      if (!answered) return;
      const row = [id, type, x.schools[school]!.id, wave, ...ids, ...cells, comment];
      w.row(row);
      // a copy with one of the respondent's own items changed (the first one, at column 7 + its index)
      const own = 7 + items.indexOf(SURVEY_SCALES.find((sc) => sc.respondent_type === type)!.items[0]!.item);
      const changed = (v: string) => row.map((c, k) => (k === own ? v : c));
      x.dirty?.maybe('surveys', 'duplicate_respondent_wave', () => w.row(row));
      x.dirty?.maybe('surveys', 'out_of_range', () => w.row(changed('7')));
      x.dirty?.maybe('surveys', 'bad_respondent_type', () => w.row(row.map((c, k) => (k === 1 ? 'staff' : c))), 0.3);
      x.dirty?.maybe('surveys', 'bad_number', () => w.row(changed('N/A')), 0.3);
      SURVEY_SCALES.forEach((scale, k) => {
        if (scale.respondent_type === type) draws.push({ scale: scale.scale, wave, respondent: id, member, trait: traits[k]![wi]! });
      });
    });
  };

  let t = 0;
  for (const e of x.roster) {
    if (e.role !== 'teacher') continue;
    respondent(`TR${String(++t).padStart(5, '0')}`, 'teacher', e.school, members.educators.has(e.educator_id), [e.educator_id, '', ''], TEACHER_RESPONSE);
  }
  // one parent per family: the family's first student, at that student's primary school
  const seen = new Set<number>();
  let p = 0;
  for (let i = 0; i < x.m.n; i++) {
    const f = x.family[i]!;
    if (seen.has(f)) continue;
    seen.add(f);
    if (!rng.chance(PARENT_SAMPLE)) continue;
    respondent(`PR${String(++p).padStart(6, '0')}`, 'parent', x.primarySchool(i), members.families.has(f), ['', studentId(i), familyId(f)], PARENT_RESPONSE);
  }
  w.close();
  return draws;
}
