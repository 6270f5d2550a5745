/** The baseline section shows what the gate says of a hidden mean, names only the balance samples that were run, and never vanishes silently. */
import { describe, it, expect } from 'vitest';
import { baselineSection } from '../../../src/report/html/sections-estimation.js';
import type { BalanceRowResult, Results } from '../../../src/results/results-schema.js';
import { resultsFixture, gatedFixture, estimateFixture } from '../../helpers/results-fixture.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ');

function row(x: Partial<BalanceRowResult>): BalanceRowResult {
  return { name: 'prior_chronic_absence', binary: true, n_treated: 100, n_comparison: 300, mean_treated: 0.115, mean_comparison: 0.253, effect_size: -0.577, effect_size_type: 'cox_index', band: 'not_satisfied', variance_ratio: null, suppressed: false, ...x };
}

const outcome = (methods: Results['outcomes'][number]['estimates'][number]['method'][]) => ({
  outcome: 'chronic_absence', label: 'Chronically absent', domain: 'attendance', type: 'binary' as const, lower_is_better: true, unit: 'percent' as const,
  estimates: methods.map((m) => estimateFixture({ method: m })),
});

describe('baselineSection', () => {
  it('prints a gated mean as the gate shows it, not as "—%"', () => {
    // 5 visited students with a prior-year rate of 20% (1 student): the gate hides both group means
    const r: Results = { ...resultsFixture([outcome(['unadjusted', 'regression'])]), balance: [{ sample: 'analytic', rows: [row({}), row({ name: 'prior_any_suspension', n_treated: 5, mean_treated: 0.2, mean_comparison: 0.04 })] }] };
    const html = baselineSection(gatedFixture(r), null);
    const cells = text(/<td>Prior-year suspension[\s\S]*?<\/tr>/.exec(html)![0]);
    expect(cells).toContain('suppressed');
    expect(html).not.toContain('—%');
    expect(html).not.toContain('20.0%');
    // the row the gate kept: 11.5% and 25.3%, effect size −0.577
    expect(text(html)).toContain('11.5% 25.3% −0.577');
  });

  it('names only the samples whose balance exists in the love-plot caption and label', () => {
    const only: Results = { ...resultsFixture([outcome(['unadjusted', 'regression'])]), balance: [{ sample: 'analytic', rows: [row({})] }] };
    const a = baselineSection(gatedFixture(only), '<svg></svg>');
    const figure = /<figure[\s\S]*?<\/figure>/.exec(a)![0];
    expect(figure).toContain('aria-label="Love plot of baseline balance before adjustment"');
    expect(figure).toContain('<figcaption>Absolute effect size of each baseline measure before adjustment; dashed lines at 0.05 and 0.25.</figcaption>');
    expect(a).not.toMatch(/matching|weighting|matched|weighted/);
    const all: Results = { ...only, balance: ['analytic', 'matched', 'weighted'].map((s) => ({ sample: s as 'analytic', rows: [row({})] })) };
    expect(baselineSection(gatedFixture(all), '<svg></svg>')).toContain('before adjustment, after matching and after weighting; dashed lines');
  });

  it('with unadjusted estimates only, says why there is no balance table and still shows each outcome’s verdict', () => {
    const r = resultsFixture([outcome(['unadjusted'])]);
    const html = baselineSection(gatedFixture(r), null);
    expect(html).toContain('<section id="baseline">');
    expect(text(html)).toContain('this run estimated unadjusted differences only, so there is no covariate balance table');
    expect(text(html)).toContain('Chronically absent Prior-year chronic absence ✓ can meet with reservations ES 0.100');
    expect(html).not.toContain('Missing baseline data');
  });
});
