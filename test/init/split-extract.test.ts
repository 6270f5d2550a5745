import { describe, it, expect } from 'vitest';
import { guessExtracts, globOf } from '../../src/init/guess-extract.js';

describe('an extract split over files', () => {
  it('reads same-header files as one glob that matches exactly them', () => {
    const h = ['StuID', 'SchoolCode', 'AttDate', 'Code'];
    const files = [
      { file: '/d/Attendance_2016.csv', headers: h },
      { file: '/d/Attendance_2017.csv', headers: h },
      { file: '/d/Roster.csv', headers: ['StuID', 'SchoolCode', 'SchoolYear', 'Grade'] },
    ];
    const { extracts, unused } = guessExtracts(files);
    expect(extracts.find((e) => e.extract === 'attendance')!.file).toBe('/d/Attendance_201*.csv');
    expect(unused).toEqual([]);
  });

  it('gives no glob when one would also match a file outside the group', () => {
    expect(globOf(['/d/a_1.csv', '/d/a_2.csv'], ['/d/a_1.csv', '/d/a_2.csv', '/d/a_old.csv'])).toBeNull();
    expect(globOf(['/d/a_1.csv', '/d/a_2.csv'], ['/d/a_1.csv', '/d/a_2.csv', '/d/b.csv'])).toBe('/d/a_*.csv');
  });
});
