/** A survey-only report (hve survey: no students) has no student section or wording; a run with students keeps them. */
import { describe, it, expect } from 'vitest';
import { reportHtml } from '../../../src/report/html/report-html.js';
import { gatedFixture } from '../../helpers/results-fixture.js';
import { surveyResults } from '../survey-fixture.js';
import type { Results } from '../../../src/results/results-schema.js';

const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');

describe('survey-only report', () => {
  const base = surveyResults();
  // as hve survey writes it: no outcomes, no sample flow, groups from a column
  const r: Results = { ...base, outcomes: [], sample_flow: [], surveys: { ...base.surveys!, grouping: { source: 'column', column: 'visits', level: 'visiting', reference: 'not_visiting', label: 'visits: visiting vs. not_visiting' } } };
  const html = reportHtml(gatedFixture(r), []);

  it('never speaks of students (the scale "Connection to students" aside)', () => {
    const t = text(html).replace(/connection to students/gi, '');
    expect(t).not.toMatch(/student/i);
    expect(t).not.toContain('without an outcome');
    expect(t).toContain('Statistics resting on fewer than 10 respondents are suppressed.');
  });

  it('has the data, methods, survey, limitations and privacy sections, and none of the student ones', () => {
    for (const id of ['data', 'methods', 'surveys', 'limitations', 'privacy']) expect(html).toContain(`<section id="${id}">`);
    for (const id of ['summary', 'program', 'sample', 'baseline', 'estimates', 'data-quality']) expect(html).not.toContain(`<section id="${id}"`);
    expect(html).toContain('<p>Survey of teachers and parents: reliability and group comparisons, visits: visiting vs. not_visiting</p>');
  });

  it('leaves a report with students as it was: the executive summary and the student limitation', () => {
    const full = reportHtml(gatedFixture(surveyResults()), []);
    expect(full).toContain('<section id="summary">');
    expect(text(full)).toContain('students without an outcome are left out of that outcome');
  });
});
