/** The "Teachers and families" section from gated results: hidden cells as the gate says, licensed warning, alpha flag, free text as a count only, escaped text. */
import { describe, it, expect } from 'vitest';
import { surveysSection } from '../../../src/report/html/section-surveys.js';
import { reportHtml } from '../../../src/report/html/report-html.js';
import { gatedFixture, resultsFixture } from '../../helpers/results-fixture.js';
import { surveyResults } from '../survey-fixture.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');
const row = (html: string, first: string) => text(new RegExp(`<tr><td>${first}[\\s\\S]*?</tr>`).exec(html)![0]);

describe('surveysSection', () => {
  const p = gatedFixture(surveyResults());
  const html = surveysSection(p);

  it('is empty without a surveys block, and in the report (with its table-of-contents entry) with one', () => {
    expect(surveysSection(gatedFixture(resultsFixture()))).toBe('');
    const report = reportHtml(p, []);
    expect(report).toContain('<section id="surveys"><h2>Teachers and families</h2>');
    expect(report).toContain('<a href="#surveys">Teachers & families</a>');
  });

  it('shows the reliability rows with the Feldt interval and flags an alpha below 0.70', () => {
    expect(row(html, 'Connection to students')).toBe(' Connection to students teachers fall 70 2 0.79 0.71 to 0.85 3.90 55% ');
    expect(row(html, 'Homework &amp; &lt;help&gt;')).toContain('0.55 below 0.70 0.41 to 0.67');
  });

  it('hides the comparison with 4 parents in a group as the gate says, with none of its numbers', () => {
    const hw = text(html.slice(html.indexOf('spring: visited families vs. non-visited families')));
    expect(hw.slice(0, 200)).toContain('Suppressed.');
    expect(hw.slice(0, 200)).toContain('fewer than 10');
    expect(html).not.toMatch(/3\.91|2\.12|1\.79/);
  });

  it('hides a school with 4 visiting teachers and its complementary partner, and shows the third', () => {
    expect(row(html, 'SCH002')).toBe(' SCH002 Connection to students (teachers) fewer than 10 suppressed suppressed suppressed suppressed ');
    expect(row(html, 'SCH001')).not.toContain('4.44');
    expect(row(html, 'SCH003')).toBe(' SCH003 Connection to students (teachers) 20 10 4.03 3.88 +0.15 ');
  });

  it('hides an item mean whose response shares were hidden', () => {
    expect(row(html, '<code>t_conn1</code>')).toBe(' t_conn1 73 suppressed 0.68 0.70 ');
  });

  it('warns about the licensed scale, gives the free text only as a count (gated: 7 → fewer than 10), and escapes every label', () => {
    expect(text(html)).toContain('Burnout (MBI) (Teacher survey (short)) is a licensed instrument (Mind Garden, Maslach Burnout Inventory); its items are not shipped');
    expect(text(html)).toContain('fewer than 10 respondents wrote a free-text answer; free text is never published, only this count.');
    expect(html).not.toContain('<help>');
    expect(html).toContain('Homework &amp; &lt;help&gt;');
  });

  it('leads with the BH-surviving findings and shows the difference-in-differences row', () => {
    expect(text(html)).toContain('In the spring survey, teachers who made home visits scored 0.40 points higher on connection to students (on a 1–5 scale) than teachers who did not.');
    expect(row(html, 'Connection to students <span class="muted">\\(teachers, fall')).toBe(' Connection to students (teachers, fall → spring) 35 +0.50 +0.30 to +0.70 25 +0.10 −0.10 to +0.30 +0.40 +0.10 to +0.70 .010 .020 ✓ ');
  });
});
