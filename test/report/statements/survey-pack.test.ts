/** The survey part of the figure pack: statements by status in statements.md, a hidden comparison left out with its reason, and the index card escaped. */
import { describe, it, expect } from 'vitest';
import { surveyStatementsMarkdown, surveyStatementsHtml } from '../../../src/report/figure-pack/survey-pack.js';
import { gatedFixture, resultsFixture } from '../../helpers/results-fixture.js';
import { surveyResults } from '../survey-fixture.js';

describe('survey statements in the figure pack', () => {
  const p = gatedFixture(surveyResults());

  it('lists findings with their numbers, and the comparison the gate hid as left out', () => {
    const md = surveyStatementsMarkdown(p).join('\n');
    expect(md).toContain('## Teachers and families (surveys)');
    expect(md).toContain('### Findings\n\n> In the spring survey, teachers who made home visits scored 0.40 points higher on connection to students (on a 1–5 scale) than teachers who did not. (mean 4.10 vs. 3.70;');
    expect(md).toContain('- **Homework & <help> (parents, spring)**: left out: hidden by the privacy gate or not estimable (see the survey tables).');
    expect(md).not.toMatch(/3\.91|2\.12|1\.79/);
  });

  it('writes nothing without a surveys block, and escapes the index card', () => {
    expect(surveyStatementsMarkdown(gatedFixture(resultsFixture()))).toEqual([]);
    expect(surveyStatementsHtml(gatedFixture(resultsFixture()))).toBe('');
    const html = surveyStatementsHtml(p);
    expect(html).toContain('<h2>Teachers and families <span class="tag">surveys</span></h2>');
    expect(html).not.toContain('<help>');
  });
});
