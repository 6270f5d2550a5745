import { describe, expect, it } from 'vitest';
import { EXTRACT_SPECS, type ExtractName } from '../../src/contract/extract-specs.js';
import { guessCode, guessGrade } from '../../src/init/guess-codes.js';

const col = (spec: ExtractName, name: string) => EXTRACT_SPECS[spec].columns.find((c) => c.name === name)!;
const to = (spec: ExtractName, name: string, code: string) => {
  const g = guessCode(spec, col(spec, name), code);
  return g.kind === 'guess' ? g.to : g.kind;
};

describe('guessCode', () => {
  it('guesses attendance codes', () => {
    const status = (c: string) => to('attendance_daily', 'status', c);
    expect(['PRS', 'P'].map(status)).toEqual(['present', 'present']);
    expect(['A', 'ABS', 'UNX'].map(status)).toEqual(['unexcused', 'unexcused', 'unexcused']);
    expect(['E', 'EXC'].map(status)).toEqual(['excused', 'excused']);
    expect(['T', 'TRD'].map(status)).toEqual(['tardy', 'tardy']);
    expect(['OSS', 'S'].map(status)).toEqual(['suspended', 'suspended']);
    expect(['Present', 'TARDY'].map(status)).toEqual(['canonical', 'canonical']);
    // a required column cannot be missing: no null guess, no guess at all
    expect(status('Unknown')).toBe('none');
    expect(status('ZZ')).toBe('none');
  });

  it('leaves yes/no words alone and maps unknown-like codes of optional columns to null', () => {
    const frl = (c: string) => to('students', 'frl', c);
    expect(['Y', 'N', 'Yes', 'No', 'true', '0'].map(frl)).toEqual(Array(6).fill('canonical'));
    expect(['Unknown', 'U', 'N/A', '-'].map(frl)).toEqual([null, null, null, null]);
    expect(frl('Free')).toBe('yes');
    expect(frl('Paid')).toBe('no');
    expect(frl('Maybe')).toBe('none');
  });

  it('guesses visit, discipline and subject codes', () => {
    expect(to('visits', 'status', 'C')).toBe('completed');
    expect(to('visits', 'status', 'X')).toBe('cancelled');
    // visits.status has a default (empty = completed), so Unknown is no missing value
    expect(to('visits', 'status', 'Unknown')).toBe('none');
    expect(to('visits', 'visit_type', 'HV2')).toBe('academic');
    expect(to('visits', 'visit_type', 'Unknown')).toBe(null);
    expect(to('discipline', 'action', 'OSS')).toBe('out_of_school_suspension');
    expect(to('discipline', 'action', 'ISS')).toBe('in_school_suspension');
    expect(to('assessments', 'subject', 'Reading')).toBe('ela');
    expect(to('assessments', 'subject', 'Mathematics')).toBe('math');
    expect(to('assessments', 'subject', 'ELA')).toBe('canonical');
  });
});

describe('guessGrade', () => {
  it('reads kindergarten, pre-K and numbered grades', () => {
    expect(['KG', 'K', 'Kindergarten', '00', 'TK', 'PreK', 'PK'].map(guessGrade)).toEqual(['k', 'k', 'k', 'k', 'pk', 'pk', 'pk']);
    expect(['01', '3rd', 'Grade 5', 'Gr 08', '12'].map(guessGrade)).toEqual(['1', '3', '5', '8', '12']);
    expect(['13', 'Adult', ''].map(guessGrade)).toEqual([undefined, undefined, undefined]);
  });
});

describe('guessCode in a yes/no column that also holds other codes', () => {
  it('marks even F and Y as guesses to check (F may mean free lunch), and a plain yes/no column as canonical', () => {
    const frl = col('students', 'frl');
    expect(guessCode('students', frl, 'F', true)).toEqual({ kind: 'guess', to: 'false' });
    expect(guessCode('students', frl, 'Y', true)).toEqual({ kind: 'guess', to: 'true' });
    expect(guessCode('students', frl, 'F')).toEqual({ kind: 'canonical' });
  });
});
