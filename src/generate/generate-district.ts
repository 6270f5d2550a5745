import { mkdirSync, writeFileSync, appendFileSync, rmSync, renameSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GeneratorOptionsSchema, type GeneratorOptions } from './generator-options.js';
import { Prng } from '../util/prng.js';
import { logistic, logit, poissonInverse } from './model-functions.js';
import { schoolCalendar } from './calendar.js';
import { CsvWriter } from './csv-writer.js';
import { drawSchools, drawStudents, studentId, gradeCode, GENDERS, RACES, type StudentModel } from './district-model.js';
import { uniformMacroSql, SEGMENT_TABLES_SQL, absenceRateSql, potentialAbsenceSql, copyAttendanceSql } from './attendance-sql.js';
import { computeTruth, type Truth } from './truth.js';
import { SUBJECTS, SCORE_SD, levelOf, type DisciplineDraws, type TestDraws } from './potential-outcomes.js';
import { DirtyLog } from './dirty.js';
import { writeVisits } from './write-visits.js';
import { writeEducators } from './write-educators.js';
import { drawFamilies, familyId } from './families.js';
import { computeFidelityTruth } from './fidelity-truth.js';
import { writeSurveys } from './write-surveys.js';
import { computeSurveyTruth } from './survey-truth.js';
import { SURVEY_SCALES, SURVEY_WAVES, SCHOOL_VARIANCE, WAVE_CORRELATION, ITEM_MISSING } from './survey-model.js';
import { breaks as breaksPractice, type Breaks } from './practice-breaks.js';
import { openDb, queryColumns } from '../util/duckdb.js';
import { lit } from '../util/sql.js';
import { assertReplaceable } from '../util/atomic-dir.js';

const DAYS = 180;
const ACTIONS = ['referral', 'in_school_suspension', 'out_of_school_suspension', 'expulsion', 'other'] as const;
const ACTION_WEIGHTS = [68, 15, 12, 0.5, 4.5];
const BEHAVIORS = ['defiance', 'fighting', 'disruption', 'bullying', 'vandalism', 'other'] as const;

/** What a generation produced. */
export interface GeneratedDistrict {
  dir: string;
  files: Record<string, string>;
  truth: Truth;
  seconds: number;
}

/**
 * Generate a synthetic district (two school years, daily or summary attendance) with known true
 * effects of home visits and self-selection on observables; writes CSV extracts and truth.json.
 */
export async function generateDistrict(input: Partial<GeneratorOptions> & { out: string }, onStage?: (m: string) => void): Promise<GeneratedDistrict> {
  const started = Date.now();
  const opts = GeneratorOptionsSchema.parse(input);
  const Y = opts.outcome_year;
  const finalDir = resolve(opts.out);
  assertReplaceable(finalDir);
  const dir = `${finalDir}.tmp-${process.pid}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const log = (m: string) => onStage?.(m);

  const schools = drawSchools(opts.schools, new Prng(opts.seed, 1));
  const m = drawStudents(opts.students, schools, DAYS, new Prng(opts.seed, 2));
  const cal = { [Y - 1]: schoolCalendar(Y - 1, DAYS), [Y]: schoolCalendar(Y, DAYS) } as Record<number, string[]>;
  log(`generate: ${opts.students} students in ${opts.schools} schools`);

  // --- attendance in DuckDB: prior year first (selection depends on it), then the outcome year
  const db = await openDb();
  const { conn } = db;
  await conn.run(uniformMacroSql(opts.seed));
  await conn.run(SEGMENT_TABLES_SQL);
  const calApp = await conn.createAppender('cal');
  for (const year of [Y - 1, Y]) {
    cal[year]!.forEach((d, day) => {
      calApp.appendInteger(year);
      calApp.appendInteger(day);
      calApp.appendVarchar(d);
      calApp.endRow();
    });
  }
  calApp.closeSync();
  const seg = await conn.createAppender('seg');
  const addSeg = (i: number, school: number, year: number, first: number, last: number, rObs: number, r0: number, r1: number) => {
    seg.appendInteger(i);
    seg.appendVarchar(studentId(i));
    seg.appendVarchar(schools[school]!.id);
    seg.appendInteger(year);
    seg.appendInteger(first);
    seg.appendInteger(last);
    seg.appendDouble(rObs);
    seg.appendDouble(r0);
    seg.appendDouble(r1);
    seg.endRow();
  };
  for (let i = 0; i < m.n; i++) {
    if (m.priorSchool[i]! >= 0) addSeg(i, m.priorSchool[i]!, Y - 1, m.firstDayPrior[i]!, m.lastDayPrior[i]!, m.rPrior[i]!, m.rPrior[i]!, m.rPrior[i]!);
  }
  seg.flushSync();
  const prior = await queryColumns(conn, absenceRateSql(Y - 1));
  const priorRate = new Float64Array(m.n).fill(NaN);
  prior.idx!.forEach((idx, k) => (priorRate[idx] = prior.rate![k]!));

  // --- self-selection into visits, on observables: prior attendance, grade, EL status, disability, school
  const treated = selectVisited(m, schools, priorRate, opts.selection, opts.breaks, new Prng(opts.seed, 3));
  const r1 = new Float64Array(m.n);
  for (let i = 0; i < m.n; i++) {
    r1[i] = logistic(logit(m.r0[i]!) + opts.effects.absence_logit);
    const rObs = treated[i] ? r1[i]! : m.r0[i]!;
    if (m.switchDay[i]! >= 0) {
      addSeg(i, m.school[i]!, Y, m.firstDay[i]!, m.switchDay[i]! - 1, rObs, m.r0[i]!, r1[i]!);
      addSeg(i, m.secondSchool[i]!, Y, m.switchDay[i]!, m.lastDay[i]!, rObs, m.r0[i]!, r1[i]!);
    } else addSeg(i, m.school[i]!, Y, m.firstDay[i]!, m.lastDay[i]!, rObs, m.r0[i]!, r1[i]!);
  }
  seg.closeSync();
  const files: Record<string, string> = {};
  files.attendance = join(dir, 'attendance.csv');
  await conn.run(copyAttendanceSql(opts.attendance, lit(files.attendance)));
  log(`generate: attendance written (${opts.attendance})`);
  const absence = await queryColumns(conn, potentialAbsenceSql(Y));
  db.close();

  const dirty = new DirtyLog(opts.dirty, new Prng(opts.seed, 7));
  // the analytic SQL's rule: the school with the most attendance days in Y, ties to the lowest school id
  const primarySchool = (i: number) => {
    if (m.switchDay[i]! < 0) return m.school[i]!;
    const first = m.switchDay[i]! - m.firstDay[i]!;
    const second = m.lastDay[i]! - m.switchDay[i]! + 1;
    return second > first ? m.secondSchool[i]! : second < first ? m.school[i]! : Math.min(m.school[i]!, m.secondSchool[i]!);
  };
  const family = drawFamilies(m, new Prng(opts.seed, 8));

  // --- students: one row per student × school × year
  files.students = join(dir, 'students.csv');
  const st = new CsvWriter(files.students, ['student_id', 'school_id', 'school_year', 'grade', 'entry_date', 'exit_date', 'gender', 'race_ethnicity', 'frl', 'ell', 'swd', 'family_id']);
  const yn = (b: number) => (b ? 'Y' : 'N');
  const studentRow = (i: number, school: number, year: number, grade: number, first: number, last: number) => [
    studentId(i), schools[school]!.id, year, gradeCode(grade), cal[year]![first], cal[year]![last],
    GENDERS[m.gender[i]!], RACES[m.race[i]!], yn(m.frl[i]!), yn(m.ell[i]!), yn(m.swd[i]!), familyId(family[i]!),
  ];
  for (let i = 0; i < m.n; i++) {
    const rows = [];
    if (m.priorSchool[i]! >= 0) rows.push(studentRow(i, m.priorSchool[i]!, Y - 1, m.grade[i]! - 1, m.firstDayPrior[i]!, m.lastDayPrior[i]!));
    if (m.switchDay[i]! >= 0) {
      rows.push(studentRow(i, m.school[i]!, Y, m.grade[i]!, m.firstDay[i]!, m.switchDay[i]! - 1));
      rows.push(studentRow(i, m.secondSchool[i]!, Y, m.grade[i]!, m.switchDay[i]!, m.lastDay[i]!));
    } else rows.push(studentRow(i, m.school[i]!, Y, m.grade[i]!, m.firstDay[i]!, m.lastDay[i]!));
    for (const row of rows) {
      st.row(row);
      dirty.maybe('students', 'duplicate_key', () => st.row(row));
      dirty.maybe('students', 'missing_required', () => st.row([studentId(i), row[1], row[2], '', ...row.slice(4)]), 0.3);
    }
  }
  st.close();

  // --- visits: completed visits of the visited, attempts for some others, and baseline-year visits
  files.visits = join(dir, 'visits.csv');
  const visitRows = writeVisits(files.visits, { m, schools, treated, cal, Y, breaks: opts.breaks, rng: new Prng(opts.seed, 4), dirty });

  // --- educators: every visiting educator is on the roster, beside staff who never visit
  files.educators = join(dir, 'educators.csv');
  const roster = writeEducators(files.educators, schools, Y, new Prng(opts.seed, 9));

  // --- discipline: incidents with potential outcomes sharing one uniform per student
  files.discipline = join(dir, 'discipline.csv');
  const disc = writeDiscipline(files.discipline, m, schools, treated, cal, Y, opts.effects.incident_rate_ratio, new Prng(opts.seed, 5), dirty);

  // --- assessments: ELA and math, grades 3-8, both years
  files.assessments = join(dir, 'assessments.csv');
  const tests = writeAssessments(files.assessments, m, schools, treated, Y, opts.effects, new Prng(opts.seed, 6), dirty);

  files.schools = join(dir, 'schools.csv');
  const sc = new CsvWriter(files.schools, ['school_id', 'school_name', 'site', 'state']);
  for (const s of schools) sc.row([s.id, s.name, 'synthetic', 'CA']);
  sc.close();

  // --- dirty attendance rows go at the end of the file (after the rows they duplicate)
  if (opts.dirty > 0) appendFileSync(files.attendance, dirty.attendanceRows(m, schools, cal, Y, opts.attendance));

  // --- surveys: teacher and parent waves (fall, spring) with a known reliability and program effect
  files.surveys = join(dir, 'surveys.csv');
  const surveyDirty = new DirtyLog(opts.dirty, new Prng(opts.seed, 11));
  const surveyDraws = writeSurveys(files.surveys, { m, schools, roster, visits: visitRows, family, primarySchool, Y, effects: opts.survey_effects, rng: new Prng(opts.seed, 10), dirty: surveyDirty });
  Object.assign(dirty.counts, surveyDirty.counts);
  const surveys = computeSurveyTruth(SURVEY_SCALES, surveyDraws, opts.survey_effects, SURVEY_WAVES, { school_variance: SCHOOL_VARIANCE, wave_correlation: WAVE_CORRELATION, item_missing: ITEM_MISSING });

  const priorAttendance = priorRate.map((r) => 1 - r);
  const fidelity = computeFidelityTruth(visitRows, schools, Y, opts.breaks, { n: m.n, primarySchool, family, priorAttendance });
  const truth = computeTruth({ opts, m, treated, absence, disc, tests, primarySchool, schools, dirty: dirty.counts, fidelity, surveys });
  writeFileSync(join(dir, 'truth.json'), JSON.stringify(truth, null, 2) + '\n');

  // swap the finished folder into place
  const old = `${finalDir}.old-${process.pid}`;
  if (existsSync(finalDir)) renameSync(finalDir, old);
  renameSync(dir, finalDir);
  rmSync(old, { recursive: true, force: true });
  for (const k of Object.keys(files)) files[k] = files[k]!.replace(dir, finalDir);
  return { dir: finalDir, files, truth, seconds: (Date.now() - started) / 1000 };
}

/** How strongly a `targeted` school aims its visits at students with poor prior attendance (log-odds per unit of absence rate). */
const TARGETED_SLOPE = 30;

/**
 * Decide who is visited in Y: program schools only, more likely with better prior attendance, in lower
 * grades, for EL families; a `targeted` school instead visits students with poor prior attendance.
 */
function selectVisited(m: StudentModel, schools: ReturnType<typeof drawSchools>, priorRate: Float64Array, selection: number, breaks: Breaks, rng: Prng): Uint8Array {
  const treated = new Uint8Array(m.n);
  let sum = 0;
  let count = 0;
  priorRate.forEach((r) => {
    if (!Number.isNaN(r)) {
      sum += r;
      count += 1;
    }
  });
  const meanRate = count ? sum / count : 0.05;
  for (let i = 0; i < m.n; i++) {
    const base = schools[m.school[i]!]!.visitBase;
    const u = rng.uniform();
    if (base === null) continue;
    const rate = Number.isNaN(priorRate[i]!) ? meanRate : priorRate[i]!;
    const slope = breaksPractice(breaks, schools[m.school[i]!]!.id, 'targeted') ? -TARGETED_SLOPE : selection * 12;
    const lp = base - slope * (rate - meanRate) + 0.35 * (m.grade[i]! <= 2 ? 1 : 0) + 0.3 * m.ell[i]! - 0.2 * m.swd[i]!;
    treated[i] = u < logistic(lp) ? 1 : 0;
  }
  return treated;
}

/** Write the discipline extract and return the potential outcomes of Y. */
function writeDiscipline(path: string, m: StudentModel, schools: ReturnType<typeof drawSchools>, treated: Uint8Array, cal: Record<number, string[]>, Y: number, rateRatio: number, rng: Prng, dirty: DirtyLog): DisciplineDraws {
  const d: DisciplineDraws = { count0: new Int16Array(m.n), count1: new Int16Array(m.n), susp0: new Uint8Array(m.n), susp1: new Uint8Array(m.n) };
  const w = new CsvWriter(path, ['incident_id', 'student_id', 'school_id', 'incident_date', 'behavior', 'action', 'action_days']);
  let next = 1;
  const write = (i: number, year: number, first: number, last: number, school: (day: number) => number, action: string) => {
    const day = rng.int(first, last);
    const row = [`I${String(next++).padStart(7, '0')}`, studentId(i), schools[school(day)]!.id, cal[year]![day]!, rng.pick(BEHAVIORS), action, action.includes('suspension') ? String(rng.int(1, 3)) : ''];
    w.row(row);
    dirty.maybe('discipline', 'unknown_student', () => w.row([`I9${row[0]!.slice(1)}`, `S9${row[1]!.slice(2)}`, ...row.slice(2)]));
    dirty.maybe('discipline', 'bad_date', () => w.row([`I8${row[0]!.slice(1)}`, row[1], row[2], `13/45/${Y}`, ...row.slice(4)]));
  };
  for (let i = 0; i < m.n; i++) {
    const base = Math.log(0.085) + 0.6 * m.behaviorLatent[i]! + 0.35 * m.gender[i]! + 0.2 * m.swd[i]! + 0.25 * (m.grade[i]! >= 6 ? 1 : 0);
    if (m.priorSchool[i]! >= 0) {
      const k = poissonInverse(rng.uniform(), Math.exp(base + 0.2 * rng.normal()));
      for (let j = 0; j < k; j++) write(i, Y - 1, m.firstDayPrior[i]!, m.lastDayPrior[i]!, () => m.priorSchool[i]!, rng.pick(ACTIONS, ACTION_WEIGHTS));
    }
    const lambda0 = Math.exp(base + 0.2 * rng.normal());
    const u = rng.uniform();
    const k0 = poissonInverse(u, lambda0);
    const k1 = poissonInverse(u, lambda0 * rateRatio);
    const actions = Array.from({ length: Math.max(k0, k1) }, () => rng.pick(ACTIONS, ACTION_WEIGHTS));
    const isSusp = (a: string) => a === 'in_school_suspension' || a === 'out_of_school_suspension';
    d.count0[i] = k0;
    d.count1[i] = k1;
    d.susp0[i] = actions.slice(0, k0).some(isSusp) ? 1 : 0;
    d.susp1[i] = actions.slice(0, k1).some(isSusp) ? 1 : 0;
    const k = treated[i] ? k1 : k0;
    const schoolOn = (day: number) => (m.switchDay[i]! >= 0 && day >= m.switchDay[i]! ? m.secondSchool[i]! : m.school[i]!);
    for (let j = 0; j < k; j++) write(i, Y, m.firstDay[i]!, m.lastDay[i]!, schoolOn, actions[j]!);
  }
  w.close();
  return d;
}

/** Write the assessments extract (ELA and math, grades 3-8, 95% tested) and return Y's potential scores. */
function writeAssessments(path: string, m: StudentModel, schools: ReturnType<typeof drawSchools>, treated: Uint8Array, Y: number, effects: GeneratorOptions['effects'], rng: Prng, dirty: DirtyLog): TestDraws {
  const t: TestDraws = {
    grade: m.grade,
    score0: { ela: new Float64Array(m.n).fill(NaN), math: new Float64Array(m.n).fill(NaN) },
    score1: { ela: new Float64Array(m.n).fill(NaN), math: new Float64Array(m.n).fill(NaN) },
  };
  const w = new CsvWriter(path, ['student_id', 'school_year', 'subject', 'grade_tested', 'scale_score', 'performance_level']);
  const shiftSd = SCORE_SD * Math.sqrt(0.85 * 0.85 * 1.05 + 0.25 + 0.04);
  for (let i = 0; i < m.n; i++) {
    for (const year of [Y - 1, Y]) {
      const grade = year === Y ? m.grade[i]! : m.grade[i]! - 1;
      const school = year === Y ? m.school[i]! : m.priorSchool[i]!;
      if (grade < 3 || school < 0) continue;
      for (const subject of SUBJECTS) {
        const e = rng.normal();
        const tested = rng.chance(0.95);
        const s0 = 2400 + 35 * grade + SCORE_SD * (0.85 * m.ability[i]! + 0.5 * e + schools[school]!.achEffect);
        const s1 = s0 + (subject === 'math' ? effects.math_sd : effects.ela_sd) * shiftSd;
        if (!tested) continue;
        if (year === Y) {
          t.score0[subject][i] = s0;
          t.score1[subject][i] = s1;
        }
        const score = year === Y && treated[i] ? s1 : s0;
        const row = [studentId(i), year, subject, gradeCode(grade), score.toFixed(1), levelOf(score, grade)];
        w.row(row);
        dirty.maybe('assessments', 'bad_number', () => w.row([row[0], row[1], row[2], row[3], 'N/A', row[5]]) , 0.5);
      }
    }
  }
  w.close();
  return t;
}
