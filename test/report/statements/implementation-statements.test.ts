/** Reach and cost statements: wording with numbers from gated fields, and a clause left out when its number is hidden. */
import { describe, it, expect } from 'vitest';
import { reachStatement, costStatement } from '../../../src/report/statements/implementation-statements.js';
import { gatedFixture } from '../../helpers/results-fixture.js';
import { implementationResults } from '../implementation-fixture.js';

describe('implementation statements', () => {
  it('reach: families visited at the site, program schools, and how many of the shown schools reached the threshold (SCH003 and its partner SCH005 are hidden: 2 of 2)', () => {
    expect(reachStatement(gatedFixture(implementationResults()))).toBe('Teachers visited 77 families in 4 schools; 2 of the 2 schools whose reach is shown visited at least 10% of their students.');
  });

  it('reach without family_id speaks of the families of visited students', () => {
    const r = implementationResults();
    r.fidelity!.recorded.family_id = false;
    expect(reachStatement(gatedFixture(r))).toBe('Teachers visited the families of 86 students in 4 schools; 2 of the 2 schools whose reach is shown visited at least 10% of their students.');
  });

  it('reach leaves out a clause whose number is hidden', () => {
    const r = implementationResults();
    // only the families count hidden (4 families): the statement falls back on the visited students
    r.fidelity!.site.families_visited = 4;
    expect(reachStatement(gatedFixture(r))).toBe('Teachers visited the families of 86 students in 4 schools; 2 of the 2 schools whose reach is shown visited at least 10% of their students.');
    // the site's visited students hidden too (4 of 590): the gate hides the site's row, so the first clause goes;
    // with no site total, SCH003 needs no partner, and SCH005 (12 of 60) is shown: 3 of the 3 shown
    r.fidelity!.site.students_visited = 4;
    expect(reachStatement(gatedFixture(r))).toBe('3 of the 3 schools whose reach is shown visited at least 10% of their students.');
  });

  it('cost: total, per completed visit and per visited student, with the price basis (9,900 / 150 = 66, 9,900 / 86 = 115.1)', () => {
    expect(costStatement(gatedFixture(implementationResults()))).toBe('The program cost $9,900 in 2016–17, $66 per completed visit and $115 per visited student (prices of 2017, USD).');
  });

  it('cost from logged stipends says so; a hidden site (4 visited students) has no cost statement', () => {
    const r = implementationResults();
    r.cost = { ...r.cost!, source: 'logged_stipends', price_year: null, total: 111918, per_completed_visit: 111918 / 2000, per_visited_student: 111918 / 1332 };
    expect(costStatement(gatedFixture(r))).toBe('The program cost $111,918 in 2016–17, $56 per completed visit and $84 per visited student (stipends as logged).');
    // the site's visited students hidden (4 of 590): its visits and every cost priced on them would give its size
    // away, so the gate hides the cost block's numbers and no statement is made
    r.fidelity!.site.students_visited = 4;
    expect(costStatement(gatedFixture(r))).toBeNull();
  });

  it('says nothing without the blocks', () => {
    const r = implementationResults();
    delete r.fidelity;
    delete r.cost;
    expect(reachStatement(gatedFixture(r))).toBeNull();
    expect(costStatement(gatedFixture(r))).toBeNull();
  });
});
