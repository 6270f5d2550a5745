/** Notes on a contrast row name the row by what it is: a subgroup, a number or timing of visits, a group of schools. */
import { describe, it, expect } from 'vitest';
import { noteText, contrastNoteWords } from '../../src/report/note-text.js';
import type { Note } from '../../src/results/vocabulary.js';

const empty = (field: 'level' | 'reference'): Note => ({ code: 'group_empty', field }) as Note;
const small = (field?: 'level' | 'treated'): Note => ({ code: 'suppressed_small_group', ...(field ? { field } : {}), values: { min_cell: 10 } }) as Note;

describe('note sentences on contrast rows', () => {
  it('a dose row speaks of the number or timing of visits, never of a subgroup', () => {
    const number = contrastNoteWords('dose', 'visits received', 'visited');
    expect(noteText(empty('level'), number, 'fewer than 10')).toBe('no students with this number of visits have a value of this outcome');
    const timing = contrastNoteWords('dose', 'first-visit timing', 'visited');
    expect(noteText(empty('level'), timing, 'fewer than 10')).toBe('no students first visited at this time have a value of this outcome');
    expect(noteText(small('level'), number, 'fewer than 10')).toBe('suppressed: fewer than 10 students with this number of visits');
  });

  it('a school-level row speaks of groups of schools, and a note naming no side says either may be small', () => {
    const w = contrastNoteWords('school_level', 'school visit rate ≥ 10%', 'visited');
    expect(noteText(empty('reference'), w, 'fewer than 10')).toBe('no students in the other schools have a value of this outcome');
    expect(noteText(small(), w, 'fewer than 10')).toBe('suppressed: fewer than 10 students in this group of schools, or fewer than 10 students in the other schools');
  });

  it('a subgroup row is a subgroup, and an estimate row keeps its group words', () => {
    expect(noteText(empty('level'), contrastNoteWords('subgroups', 'grade band', 'treatment'), 'fewer than 10')).toBe('no treatment students of this subgroup have a value of this outcome');
    expect(noteText(small('treated'), { treated: 'visited' }, 'fewer than 10')).toBe('suppressed: fewer than 10 visited students');
    expect(noteText(small(), { treated: 'visited' }, 'fewer than 10')).toBe('suppressed: both groups have fewer than 10 students');
  });
});
