import type { Prng } from '../util/prng.js';
import { studentId, type SchoolModel, type StudentModel } from './district-model.js';
import { addDays } from './calendar.js';
import { logistic } from './model-functions.js';
import { CsvWriter } from './csv-writer.js';
import type { DirtyLog } from './dirty.js';
import { breaks, type Breaks } from './practice-breaks.js';
import { educatorId, VISITING_POOL } from './write-educators.js';

/** The columns of the generated visit log, in file order. */
export const VISIT_COLUMNS = [
  'visit_id', 'student_id', 'school_id', 'visit_date', 'scheduled_date', 'visit_type', 'status', 'educator_ids',
  'educator_count', 'reflection_date', 'compensated', 'stipend_amount', 'duration_min', 'language',
] as const;
export type VisitColumn = (typeof VISIT_COLUMNS)[number];
/** One visit row as written (every field as its CSV text). */
export type VisitRow = Record<VisitColumn, string>;

/** Stipend per educator-hour, dollars (Sacramento paid $35 an hour). */
export const STIPEND_PER_HOUR = 35;

interface VisitInput {
  m: StudentModel;
  schools: readonly SchoolModel[];
  treated: Uint8Array;
  cal: Record<number, string[]>;
  Y: number;
  breaks: Breaks;
  rng: Prng;
  dirty: DirtyLog;
}

/**
 * Write the visit log (completed visits of the visited, attempts for some others, baseline-year visits)
 * with the practice fields, the chosen schools breaking their practices; dirty rows follow the rows they
 * copy. Returns the clean rows, in file order.
 */
export function writeVisits(path: string, x: VisitInput): VisitRow[] {
  const { m, schools, treated, cal, Y, rng, dirty } = x;
  const rows: VisitRow[] = [];
  let next = 1;
  const educator = (s: number) => educatorId(schools, s, rng.int(1, VISITING_POOL));
  const visit = (i: number, s: number, date: string, type: string, status: string) => {
    const id = schools[s]!.id;
    const pair = !breaks(x.breaks, id, 'solo') && rng.chance(0.97);
    const e1 = educator(s);
    let e2 = educator(s);
    while (pair && e2 === e1) e2 = educator(s);
    const staff = pair ? 2 : 1;
    const idsRecorded = rng.chance(0.97);
    const done = status === 'completed';
    const scheduled = breaks(x.breaks, id, 'not_prearranged')
      ? rng.chance(0.5) ? '' : date
      : rng.chance(0.02) ? '' : addDays(date, -rng.int(3, 14));
    let reflection = '';
    if (done && breaks(x.breaks, id, 'no_reflection')) reflection = rng.chance(0.6) ? '' : addDays(date, rng.int(15, 40));
    else if (done) reflection = rng.chance(0.93) ? addDays(date, rng.int(0, 7)) : rng.chance(0.5) ? '' : addDays(date, rng.int(15, 30));
    const paid = done && rng.chance(0.97);
    const minutes = done ? 5 * rng.int(6, 15) : 0;
    rows.push({
      visit_id: `V${String(next++).padStart(6, '0')}`, student_id: studentId(i), school_id: id, visit_date: date,
      scheduled_date: scheduled, visit_type: type, status,
      educator_ids: idsRecorded ? (pair ? `${e1};${e2}` : e1) : '', educator_count: idsRecorded ? '' : String(staff),
      reflection_date: reflection, compensated: paid ? 'Y' : 'N',
      stipend_amount: paid ? (Math.round((STIPEND_PER_HOUR * minutes * staff * 100) / 60) / 100).toFixed(2) : '0',
      duration_min: done ? String(minutes) : '', language: rng.chance(0.3) ? 'Spanish' : 'English',
    });
  };
  const summerStart = `${Y - 1}-07-15`;
  for (let i = 0; i < m.n; i++) {
    const s = m.school[i]!;
    if (treated[i]) {
      const k = rng.pick([1, 2, 3], [55, 38, 7]);
      const summer = rng.chance(0.25);
      const lastDay = m.switchDay[i]! >= 0 ? m.switchDay[i]! - 1 : m.lastDay[i]!;
      const firstIdx = Math.min(lastDay, m.firstDay[i]! + rng.int(0, 60));
      const academicFirst = breaks(x.breaks, schools[s]!.id, 'academic_first');
      const first = academicFirst ? 'academic' : rng.chance(0.99) ? 'relationship' : 'other';
      visit(i, s, summer ? addDays(summerStart, rng.int(0, 30)) : cal[Y]![firstIdx]!, first, 'completed');
      let prev = summer ? -1 : firstIdx;
      for (let j = 1; j < k; j++) {
        const idx = Math.min(lastDay, firstIdx + rng.int(20, 100) * j);
        if (idx <= prev) break; // never two visits of one student on one day: which came first would be unknowable
        prev = idx;
        visit(i, s, cal[Y]![idx]!, j === 1 ? (academicFirst ? 'relationship' : 'academic') : 'other', 'completed');
      }
    } else if (schools[s]!.visitBase !== null && rng.chance(0.04)) {
      visit(i, s, cal[Y]![Math.min(m.lastDay[i]!, m.firstDay[i]! + rng.int(0, 60))]!, 'relationship', rng.pick(['attempted', 'cancelled', 'declined']));
    }
    const ps = m.priorSchool[i]!;
    if (ps >= 0 && schools[ps]!.visitBase !== null && rng.chance(0.4 * logistic(schools[ps]!.visitBase!))) {
      visit(i, ps, cal[Y - 1]![rng.int(m.firstDayPrior[i]!, 150)]!, 'relationship', 'completed');
    }
  }
  rows.sort((a, b) => (a.visit_date < b.visit_date ? -1 : a.visit_date > b.visit_date ? 1 : a.visit_id < b.visit_id ? -1 : 1));
  const w = new CsvWriter(path, VISIT_COLUMNS);
  const line = (r: VisitRow) => VISIT_COLUMNS.map((c) => r[c]);
  const copy = (r: VisitRow, prefix: string, change: Partial<VisitRow>) => line({ ...r, visit_id: `${prefix}${r.visit_id.slice(1)}`, ...change });
  for (const r of rows) {
    w.row(line(r));
    dirty.maybe('visits', 'duplicate_key', () => w.row(line(r)));
    dirty.maybe('visits', 'unknown_student', () => w.row(copy(r, 'V9', { student_id: `S9${r.student_id.slice(2)}` })));
    dirty.maybe('visits', 'bad_date', () => w.row(copy(r, 'V8', { visit_date: `${Y}-02-30` })));
    dirty.maybe('visits', 'date_outside_year', () => w.row(copy(r, 'V7', { visit_date: `${Y - 4}-10-0${rng.int(1, 9)}` })));
    dirty.maybe('visits', 'malformed_row', () => w.line(`${line(r).join(',')},extra,fields`), 0.2);
    // malformed practice fields: a reflection date that is not a date, a negative stipend, no educator on a completed visit
    dirty.maybe('visits', 'bad_date', () => w.row(copy(r, 'V6', { reflection_date: 'pending' })), 0.3);
    dirty.maybe('visits', 'out_of_range', () => w.row(copy(r, 'V5', { stipend_amount: '-35.00' })), 0.3);
    if (r.status === 'completed') dirty.maybe('visits', 'out_of_range', () => w.row(copy(r, 'V4', { educator_ids: '', educator_count: '0' })), 0.3);
  }
  w.close();
  return rows;
}
