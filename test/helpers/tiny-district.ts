import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** A hand-checkable district: each student attends 20 school days in Sept 2016 and misses (index mod 4) of them. */
export interface TinySchool {
  id: string;
  students: number;
  visited: number;
}

/** The ISO dates of the 20 weekdays from 2016-09-05. */
export function tinyDays(): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(2016, 8, 5));
  while (out.length < 20) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/**
 * Write a tiny district in the district's own format (custom headers, codes and US dates) and a pipeline
 * that maps it; returns the pipeline path and, per student, the facts a test needs.
 */
export function writeTinyDistrict(dir: string, schools: TinySchool[], opts: { minCell?: number } = {}) {
  mkdirSync(dir, { recursive: true });
  const days = tinyDays();
  const us = (iso: string) => `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}`;
  const students = ['StudentID,SchoolCode,Year,Grade,Sex,FRL'];
  const visits = ['VisitID,StudentID,SchoolCode,VisitDate,Type,Status'];
  const attendance = ['StudentID,SchoolCode,AttDate,Code'];
  const facts: { id: string; school: string; visited: boolean; absent: number }[] = [];
  let k = 0;
  for (const s of schools) {
    for (let j = 0; j < s.students; j++) {
      const id = `T${String(++k).padStart(5, '0')}`;
      const absent = k % 4;
      const visited = j < s.visited;
      facts.push({ id, school: s.id, visited, absent });
      students.push(`${id},${s.id},2017,${j % 2 ? 'KG' : '3'},${j % 2 ? 'F' : 'M'},${j % 3 ? 'Yes' : 'No'}`);
      if (visited) visits.push(`V${k},${id},${s.id},${us('2016-08-15')},HV1,C`);
      else if (j === s.students - 1) visits.push(`V${k},${id},${s.id},${us('2016-08-16')},HV1,X`);
      days.forEach((d, i) => attendance.push(`${id},${s.id},${us(d)},${i < absent ? 'UNX' : i === 10 ? 'TRD' : 'PRS'}`));
    }
  }
  writeFileSync(join(dir, 'students.csv'), students.join('\n') + '\n');
  writeFileSync(join(dir, 'visits.csv'), visits.join('\n') + '\n');
  writeFileSync(join(dir, 'attendance.csv'), attendance.join('\n') + '\n');
  const pipeline = {
    name: 'Tiny District',
    site: 'tiny',
    outcome_year: 2017,
    sources: {
      students: { path: 'students.csv', columns: { student_id: 'StudentID', school_id: 'SchoolCode', school_year: 'Year', grade: 'Grade', gender: 'Sex', frl: 'FRL' }, values: { grade: { KG: 'K' } } },
      visits: {
        path: 'visits.csv',
        columns: { visit_id: 'VisitID', student_id: 'StudentID', school_id: 'SchoolCode', visit_date: 'VisitDate', visit_type: 'Type', status: 'Status' },
        values: { visit_type: { HV1: 'relationship' }, status: { C: 'completed', X: 'cancelled' } },
        date_format: '%m/%d/%Y',
      },
      attendance: {
        path: 'attendance.csv',
        columns: { student_id: 'StudentID', school_id: 'SchoolCode', date: 'AttDate', status: 'Code' },
        values: { status: { PRS: 'present', UNX: 'unexcused', TRD: 'tardy' } },
        date_format: '%m/%d/%Y',
      },
    },
    privacy: { min_cell: opts.minCell ?? 10 },
    output: 'report',
  };
  const path = join(dir, 'pipeline.yaml');
  writeFileSync(path, stringify(pipeline));
  return { pipeline: path, facts, days };
}
