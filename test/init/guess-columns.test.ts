import { describe, expect, it } from 'vitest';
import { EXTRACT_SPECS } from '../../src/contract/extract-specs.js';
import { guessColumns } from '../../src/init/guess-columns.js';
import { guessExtracts, nameSuggests } from '../../src/init/guess-extract.js';
import { normaliseHeader } from '../../src/init/normalise-header.js';

const mapOf = (g: ReturnType<typeof guessColumns>) => Object.fromEntries(g.columns.map((c) => [c.column, c.header]));

describe('normaliseHeader', () => {
  it('drops case, punctuation, spaces and accents', () => {
    expect(['Student_ID', 'student id', 'STUDENTID', ' Student-Id ', 'student.id'].map(normaliseHeader)).toEqual(Array(5).fill('studentid'));
    expect(normaliseHeader('Année scolaire')).toBe('anneescolaire');
    expect(normaliseHeader('N/A')).toBe('na');
  });
});

describe('guessColumns', () => {
  it('matches the canonical name in any case and punctuation, and marks only real renames as guesses', () => {
    const g = guessColumns(EXTRACT_SPECS.students, ['STUDENT_ID', 'School ID', 'schoolyear', 'Grade']);
    expect(g.columns).toEqual([
      { column: 'student_id', header: 'STUDENT_ID', guessed: false },
      { column: 'school_id', header: 'School ID', guessed: true },
      { column: 'school_year', header: 'schoolyear', guessed: true },
      { column: 'grade', header: 'Grade', guessed: false },
    ]);
    expect(g.missingRequired).toEqual([]);
  });

  it('knows the common synonyms of student, school and year', () => {
    for (const h of ['StuID', 'StudentNumber', 'LocalId', 'StudentNo', 'PupilID']) {
      expect(mapOf(guessColumns(EXTRACT_SPECS.students, [h])).student_id, h).toBe(h);
    }
    for (const h of ['SchoolCode', 'SchoolNumber', 'Building']) expect(mapOf(guessColumns(EXTRACT_SPECS.students, [h])).school_id, h).toBe(h);
    for (const h of ['SchoolYear', 'SY', 'Year']) expect(mapOf(guessColumns(EXTRACT_SPECS.students, [h])).school_year, h).toBe(h);
  });

  it('maps the daily attendance headers of a district', () => {
    const g = guessColumns(EXTRACT_SPECS.attendance_daily, ['StuID', 'SchoolCode', 'AttDate', 'Code', 'Period']);
    expect(mapOf(g)).toEqual({ student_id: 'StuID', school_id: 'SchoolCode', date: 'AttDate', status: 'Code' });
    expect(g.unused).toEqual(['Period']);
    expect(mapOf(guessColumns(EXTRACT_SPECS.attendance_daily, ['AttendanceDate', 'AttendanceCode'])).status).toBe('AttendanceCode');
  });

  it('gives a header to one column only, the one whose own name it is first', () => {
    // "Date" is a synonym of visit_date, but VisitDate is a better one; "Status" is the status column's own name
    const g = guessColumns(EXTRACT_SPECS.visits, ['VisitID', 'StudentID', 'School', 'Date', 'VisitDate', 'Status', 'Type']);
    expect(mapOf(g)).toEqual({ visit_id: 'VisitID', student_id: 'StudentID', school_id: 'School', visit_date: 'VisitDate', status: 'Status', visit_type: 'Type' });
    expect(g.unused).toEqual(['Date']);
  });

  it('names the required columns it cannot find', () => {
    expect(guessColumns(EXTRACT_SPECS.visits, ['StuID', 'VisitDate']).missingRequired).toEqual(['visit_id', 'school_id']);
  });
});

describe('guessExtracts', () => {
  it('takes each file as the extract its name and headers fit best, and leaves the rest unused', () => {
    const files = [
      { file: '/d/roster.csv', headers: ['StuID', 'SchoolCode', 'SY', 'Grade', 'Sex'] },
      { file: '/d/hv_log.csv', headers: ['VisitID', 'StuID', 'SchoolCode', 'VisitDate', 'VisitStatus'] },
      { file: '/d/att_summary.csv', headers: ['StuID', 'SchoolCode', 'SY', 'DaysEnrolled', 'DaysAbsent'] },
      { file: '/d/calendar.csv', headers: ['SchoolCode', 'CalDate'] },
      { file: '/d/buildings.csv', headers: ['SchoolCode', 'SchoolName'] },
    ];
    const { extracts, unused } = guessExtracts(files);
    expect(extracts.map((e) => [e.extract, e.spec, e.file])).toEqual([
      ['students', 'students', '/d/roster.csv'],
      ['visits', 'visits', '/d/hv_log.csv'],
      ['attendance', 'attendance_summary', '/d/att_summary.csv'],
      ['schools', 'schools', '/d/buildings.csv'],
    ]);
    expect(unused.map((u) => u.file)).toEqual(['/d/calendar.csv']);
  });

  it('reads extract words in file names', () => {
    expect(nameSuggests('/x/Daily_Attendance_2017.csv', 'attendance')).toBe(true);
    expect(nameSuggests('/x/schools.parquet', 'schools')).toBe(true);
    expect(nameSuggests('/x/students.csv', 'schools')).toBe(false);
    expect(nameSuggests('/x/incidents.csv', 'discipline')).toBe(true);
  });
});
