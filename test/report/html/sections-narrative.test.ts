/** The executive summary says who the comparison group is from the pipeline's comparison setting, not from its display sentence. */
import { describe, it, expect } from 'vitest';
import { executiveSummary } from '../../../src/report/html/sections-narrative.js';
import type { Results } from '../../../src/results/results-schema.js';
import { resultsFixture, gatedFixture } from '../../helpers/results-fixture.js';

const intro = (r: Results) => /<p>This evaluation compares[^]*?whose families did not\./.exec(executiveSummary(gatedFixture(r)))![0];

describe('the summary’s comparison group', () => {
  const base = resultsFixture();
  it('program_schools: the unvisited students of the same program schools', () => {
    // the display sentence is deliberately unrelated: the branch must not read it
    const r: Results = { ...base, definitions: { ...base.definitions, comparison: 'anything', comparison_group: 'program_schools' } };
    expect(intro(r)).toBe('<p>This evaluation compares 100 students whose families received at least one completed parent–teacher home visit in 2016–17 with 300 students in the same program schools whose families did not.');
  });

  it('all_schools: no mention of program schools, even when the sentence starts like the default', () => {
    const r: Results = { ...base, definitions: { ...base.definitions, comparison: 'students in the same program schools (old text)', comparison_group: 'all_schools' } };
    expect(intro(r)).toBe('<p>This evaluation compares 100 students whose families received at least one completed parent–teacher home visit in 2016–17 with 300 students whose families did not.');
  });
});
