/** The "Teachers and families" section from gated results: hidden cells as the gate says, licensed warning, alpha flag, free text as a count only, escaped text. */
import { describe, it, expect } from 'vitest';
import { surveysSection } from '../../../src/report/html/section-surveys.js';
import { reportHtml } from '../../../src/report/html/report-html.js';
import { gatedFixture, resultsFixture } from '../../helpers/results-fixture.js';
import { surveyResults, surveyBlock } from '../survey-fixture.js';

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
    expect(row(html, 'Connection to students')).toBe(' Connection to students teachers fall 70 2 0.79 0.71 to 0.85 3.90 55% favourable ');
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
    expect(row(html, 'Connection to students <span class="muted">\\(teachers, fall')).toBe(' Connection to students (teachers, fall → spring) 35 +0.50 +0.30 to +0.70 paired t 25 +0.10 −0.10 to +0.30 paired t +0.40 +0.10 to +0.70 .010 .020 ✓ ');
  });

  it('carries the reliability caution of a finding on a scale with alpha 0.55 into the lead list, as statements.md does', () => {
    const b = surveyBlock();
    b.comparisons = b.comparisons.map((c) => (c.scale === 'homework' ? { ...c, n_reference: 20, mean_reference: 3.5, estimate: 0.41, ci_low: 0.1, ci_high: 0.7, p_value: 0.01, bh_p_value: 0.02, bh_significant: true, baseline: { ...c.baseline!, verdict: 'meets_with_reservations', band: 'satisfied' } } : c));
    const lead = text(surveysSection(gatedFixture({ ...resultsFixture(), surveys: b })).split('<h3>')[0]!);
    expect(lead).toContain("Reliability caution: Cronbach's alpha of homework &amp; &lt;help&gt; was 0.55 at the spring wave, below 0.70");
  });

  it('does not say that no difference survived Benjamini–Hochberg when every one was left out for low reliability', () => {
    const b = surveyBlock();
    b.scales = b.scales.map((x) => ({ ...x, alpha: 0.45, low_alpha: true }));
    b.comparisons = b.comparisons.filter((c) => c.scale === 'connection');
    const lead = text(surveysSection(gatedFixture({ ...resultsFixture(), surveys: b })).split('<h3>')[0]!);
    expect(lead).not.toContain('survived the Benjamini–Hochberg correction');
    // one spring comparison and one change, both on connection (alpha 0.45 < 0.50)
    expect(lead).toContain('No survey difference is reported: 2 of 2 survey comparisons and changes were left out (the reliability of connection to students is too low');
  });

  it('calls the share of a lower-is-better scale "high burnout" in the reliability and comparison tables, with its threshold', () => {
    const r = surveyResults();
    const burn = <T extends { scale: string; label: string }>(x: T): T => (x.scale === 'connection' ? { ...x, scale: 'burnout', label: 'Burnout' } : x);
    r.surveys!.scales = r.surveys!.scales.map((x) => ({ ...burn(x), higher_is_better: x.scale !== 'connection' }));
    r.surveys!.comparisons = r.surveys!.comparisons.map((x) => ({ ...burn(x), higher_is_better: x.scale !== 'connection' }));
    r.surveys!.changes = [];
    const h = surveysSection(gatedFixture(r));
    expect(row(h, 'Burnout')).toBe(' Burnout teachers fall 70 2 0.79 0.71 to 0.85 3.90 55% high burnout ');
    expect(text(h)).toContain('Burnout (teachers; lower is better; share high burnout: a score of 4 or more)');
    expect(text(h)).toContain('Homework &amp; &lt;help&gt; (parents; share favourable: a score of 4 or more)');
    expect(text(h)).not.toMatch(/burnout[^.]*\bfavourable/i);
  });

  it('says in words when respondents without a group were left out, never printing a hidden count', () => {
    const r = surveyResults();
    r.surveys!.scales[0] = { ...r.surveys!.scales[0]!, n_without_group: 4, without_group_excluded: true };
    r.surveys!.scales[1] = { ...r.surveys!.scales[1]!, n_without_group: 12, without_group_excluded: false };
    const t = text(surveysSection(gatedFixture(r)));
    const para = t.slice(t.indexOf('Respondents without a group'), t.indexOf('but in no group comparison or change.') + 40);
    expect(para).toContain('(teachers without an educator id and parents without a student or family id) cannot be compared.');
    expect(para).toContain('In Connection to students (teachers, fall), they were fewer than 10 and were left out of the row entirely');
    expect(para).toContain('They are in the reliability rows and item responses of Connection to students (teachers, spring): 12, but in no group comparison or change.');
    expect(para).not.toContain('4');
    // nobody without a group: nothing said
    expect(text(surveysSection(p))).not.toContain('Respondents without a group');
  });

  it('shows the wording of an item beside its code, and the visiting teachers by visit count as the gate shows them', () => {
    const r = surveyResults();
    const sc = r.surveys!.scales[1]!;
    r.surveys!.scales[1] = { ...sc, item_stats: [sc.item_stats[0]!, { ...sc.item_stats[1]!, text: 'I find it hard to relate to <some> students.' }] };
    r.surveys!.teacher_visits = [{ wave: 'spring', teachers: 42, bands: [{ band: '1–2', min: 1, max: 2, n: 20 }, { band: '3–5', min: 3, max: 5, n: 15 }, { band: '6+', min: 6, max: null, n: 7 }], median_visits: 3 }];
    const h = surveysSection(gatedFixture(r));
    expect(row(h, '<code>t_conn4</code>')).toContain('t_conn4 (reversed) I find it hard to relate to &lt;some&gt; students.');
    const t = text(h);
    // 7 teachers with 6+ visits is hidden, and so is a partner band (else 42 − 20 − 15 gives it back)
    expect(t).toMatch(/spring: 42 visiting teachers answered \(1–2 visits: (20|suppressed), 3–5 visits: (15|suppressed), 6\+ visits: fewer than 10\); median 3 completed visits\./);
    expect(t).not.toMatch(/6\+ visits: 7/);
  });

  it('puts every survey table in the narrow survey style (smaller type, wrapping CIs)', () => {
    const tables = html.match(/<table[^>]*>/g)!;
    expect(tables.length).toBeGreaterThan(3);
    for (const t of tables) expect(t).toBe('<table class="survey">');
  });
});
