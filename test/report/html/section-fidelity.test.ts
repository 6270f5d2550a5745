/** The fidelity section shows what a reader must see: shares with their counts, "not recorded", hidden schools as the gate says, breaches named. */
import { describe, it, expect } from 'vitest';
import { fidelitySection } from '../../../src/report/html/section-fidelity.js';
import { gatedFixture } from '../../helpers/results-fixture.js';
import { implementationResults } from '../implementation-fixture.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');
/** The text of the first table row whose first cell starts with `name`, in the table after `heading`. */
function rowText(html: string, heading: string, name: string): string {
  const after = html.slice(html.indexOf(heading));
  const m = new RegExp(`<tr><td>${name}[\\s\\S]*?</tr>`).exec(after);
  if (!m) throw new Error(`no row ${name} after ${heading}`);
  return text(m[0]);
}

describe('fidelitySection', () => {
  const p = gatedFixture(implementationResults());
  const html = fidelitySection(p, null);

  it('prints each practice share as "percent (numerator of denominator)" and a field the log lacks as "not recorded"', () => {
    const row = rowText(html, 'The five practices', 'SCH001');
    // 38/40 = 95%, 36/40 = 90%, paid not recorded, 35/40 = 87.5% → 88%, 34/40 = 85%
    expect(row).toBe(' SCH001 95% 38 of 40 90% 36 of 40 not recorded 88% 35 of 40 85% 34 of 40 no ');
    expect(row).not.toMatch(/\b0%|100%|— of/);
  });

  it('lists the score with every component: (0.95 + 0.90 + 0.875 + 0.85 + 1) / 5 = 0.915', () => {
    expect(rowText(html, 'Fidelity score = the mean', 'SCH001')).toContain('0.92 = mean of 5: prearranged 0.95, in pairs 0.90, relationship first 0.88, reflection 0.85, not targeted 1 (not flagged)');
    expect(rowText(html, 'Fidelity score = the mean', 'SCH002')).toContain('not targeted 0 (flagged)');
  });

  it('names the targeting school and its solo visits under "Practices not met", and not the school that meets every practice', () => {
    const list = text(/<h3>Practices not met<\/h3>[\s\S]*?<\/ul>/.exec(html)![0]);
    expect(list).toContain('SCH002 : in pairs (7% (2 of 30)); not targeted (targeting: visited students had lower prior-year attendance (g = −1.40))');
    // SCH005 (pairs 8 of 12, reflection 6 of 12) is hidden whole by the gate as SCH003's partner: a hidden school
    // is named under no practice
    expect(list).not.toContain('SCH005');
    expect(list).not.toContain('SCH003');
    expect(list).not.toContain('SCH001');
    expect(rowText(html, 'The five practices', 'SCH002')).toContain('✗ targeting: visited students had lower prior-year attendance');
  });

  it('shows a hidden school (4 visited students) as the gate says, with no count of it', () => {
    const row = rowText(html, '<h3>Reach', 'SCH003');
    expect(row).toContain('(hidden)');
    expect(row).toContain('fewer than 10');
    expect(row).not.toMatch(/\b4\b|\b100\b|4\.0%/);
    expect(text(html)).not.toContain('SCH003 :');
  });

  it('marks reach at the threshold and states the thresholds from the settings', () => {
    // 40 of 200 = 20.0% ≥ 10%
    expect(rowText(html, '<h3>Reach', 'SCH001')).toContain('200 40 20.0% ✓ 36 of 190');
    expect(text(html)).toContain('a reflection dated 0 to 14 days after the visit');
    expect(text(html)).toContain('Shares below 80%');
    expect(text(html)).toContain('a school that logs less looks worse');
  });

  it('gives the site row, timing and visits by month', () => {
    expect(rowText(html, '<h3>Reach', '<strong>All schools')).toContain('590 86 14.6% ✓');
    expect(rowText(html, '<h3>Timing', 'SCH001')).toContain('SCH001 5 35 2016-08-22 −4');
    expect(text(html)).toContain('2016-09 66');
  });

  it('escapes a school id taken from the data', () => {
    const r = implementationResults();
    r.fidelity!.schools[0]!.school_id = '<img src=x onerror=alert(1)>';
    const out = fidelitySection(gatedFixture(r), null);
    expect(out).not.toContain('<img src=x');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('is empty for results without a fidelity block (hve compare, 2.0.0 files)', () => {
    const r = implementationResults();
    delete r.fidelity;
    expect(fidelitySection(gatedFixture(r), null)).toBe('');
  });
});
