/** The cost section: the ingredients with their basis in words, totals and unit costs, and the cost-effectiveness intervals in numbers or in words. */
import { describe, it, expect } from 'vitest';
import { costSection } from '../../../src/report/html/section-cost.js';
import { gatedFixture } from '../../helpers/results-fixture.js';
import { implementationResults } from '../implementation-fixture.js';
import { UNBOUNDED_TEXT, NO_GAIN_TEXT } from '../../../src/report/cost-text.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');
const row = (html: string, first: string) => text(new RegExp(`<tr><td>${first}[\\s\\S]*?</tr>`).exec(html)![0]);

describe('costSection', () => {
  const html = costSection(gatedFixture(implementationResults()));

  it('lists each ingredient with its basis in words, quantity × unit price and payer, and the total', () => {
    expect(row(html, 'teacher stipends')).toBe(' teacher stipends per educator visit hour (visit hours × educators on the visit) 100 $35 $3,500 district ');
    expect(row(html, 'training')).toContain('3 hours at $40');
    expect(text(html)).toContain('Total $9,900');
    expect(text(html)).toContain('prices of 2017, USD; included: teacher stipends, training and =coordinator.');
  });

  it('gives cost per completed visit, visited student and family: 9,900 / 150 = $66, / 86 = $115, / 77 = $129', () => {
    expect(row(html, 'completed visit')).toContain('$66 150 completed visits');
    expect(row(html, 'visited student')).toContain('$115 86 visited students');
    expect(row(html, 'visited family')).toContain('$129 77 visited families');
  });

  it('prints a bounded ratio with its Fieller interval and, beside it, the bootstrap interval with B and the estimator', () => {
    const r = row(html, 'Cost per additional student not chronically absent');
    // 9,900 / 86 / 0.05 = 2,302.3
    expect(r).toContain('5.0 percentage points fewer chronically absent $2,302 $1,300 to $11,000 $1,250 to $9,800 (999 school-cluster resamples of the linear regression-adjusted difference)');
  });

  it('says an unbounded interval in words, with no number for it', () => {
    const r = row(html, 'Cost per absence avoided');
    expect(r).toContain(UNBOUNDED_TEXT);
    expect(UNBOUNDED_TEXT).toBe('the interval is unbounded: the effect’s confidence interval includes zero, so the data are consistent with no gain and no finite cost per gain can be given');
    const interval = r.slice(r.indexOf('$128') + 4);
    expect(interval).not.toMatch(/\$\d/);
  });

  it('says "not associated with a gain" for no_gain, and what the gate shows for a hidden ratio', () => {
    const raw = implementationResults();
    raw.cost!.effectiveness[1] = { ...raw.cost!.effectiveness[1]!, gain: -0.4, status: 'no_gain', ratio: null, bootstrap_status: 'no_gain' };
    expect(row(costSection(gatedFixture(raw)), 'Cost per absence avoided')).toContain(NO_GAIN_TEXT);
    // a ratio whose estimate (matching) is not in the results is hidden by the gate
    const hidden = implementationResults();
    hidden.cost!.effectiveness[0] = { ...hidden.cost!.effectiveness[0]!, method: 'matching' };
    const r = row(costSection(gatedFixture(hidden)), 'Cost per additional student not chronically absent');
    expect(r).toContain('suppressed');
    expect(r).not.toContain('$2,302');
    expect(r).not.toContain('$1,300');
  });

  it('for logged stipends names them as logged (nominal) and says which ingredient could not be priced', () => {
    const raw = implementationResults();
    raw.cost = {
      ...raw.cost!,
      source: 'logged_stipends',
      price_year: null,
      ingredients: [{ name: 'stipends as logged', basis: 'as_logged', quantity: null, unit_price: null, cost: null, payer: null, note: null, reason: 'stipends_not_recorded' }],
      by_payer: [],
      total: null,
      known_total: 0,
      missing: ['stipends as logged'],
      per_completed_visit: null,
      per_visited_student: null,
      per_visited_family: null,
    };
    const out = text(costSection(gatedFixture(raw)));
    expect(out).toContain('stipends as logged in the visit records (nominal)');
    expect(out).toContain('not priced the visit log records no stipend amounts (stipend_amount)');
    expect(out).toContain('Could not be priced: stipends as logged');
  });
});
