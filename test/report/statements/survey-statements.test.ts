/** Survey statements: a finding only when BH-significant with baseline equivalence, "associated with" caution, the first wave never stated, a hidden group not stated, the DiD worded as a relative change. */
import { describe, it, expect } from 'vitest';
import { surveyStatements } from '../../../src/report/statements/survey-statements.js';
import { gatedFixture } from '../../helpers/results-fixture.js';
import { surveyResults } from '../survey-fixture.js';
import type { Results } from '../../../src/results/results-schema.js';

const statements = (r: Results = surveyResults()) => surveyStatements(gatedFixture(r));

describe('surveyStatements', () => {
  it('states a BH-significant spring comparison with baseline equivalence as a finding, in points on the scale', () => {
    const s = statements().find((x) => x.kind === 'comparison' && x.scale === 'connection')!;
    expect(s.status).toBe('finding');
    expect(s.statement).toBe('In the spring survey, teachers who made home visits scored 0.40 points higher on connection to students (on a 1–5 scale) than teachers who did not.');
    expect(s.numbers).toBe("mean 4.10 vs. 3.70; 60% vs. 40% favourable (a score of 4 or more); difference +0.40 points, 95% CI +0.20 to +0.60; Hedges' g 0.55; n = 42 visiting teachers and 31 non-visiting teachers");
    expect(s.caution).toContain('associated with home visits and is not proof that visits caused it');
  });

  it('never states the first (pre) wave, and does not state a comparison the gate hid (4 parents in a group)', () => {
    const all = statements();
    expect(all.filter((x) => x.kind === 'comparison').map((x) => x.wave)).toEqual(['spring', 'spring']);
    const hw = all.find((x) => x.scale === 'homework')!;
    expect(hw.status).toBe('not_reportable');
    expect(hw.statement).toBe('');
    expect(`${hw.numbers}${hw.reason}`).not.toMatch(/3\.91|2\.12|1\.79/);
  });

  it('words a significant difference-in-differences as a relative change among respondents of both waves', () => {
    const s = statements().find((x) => x.kind === 'change')!;
    expect(s.status).toBe('finding');
    expect(s.statement).toBe('Between the fall and spring surveys, the scores of visiting teachers on connection to students rose by 0.40 points relative to those of non-visiting teachers (on a 1–5 scale).');
    expect(s.numbers).toBe('change +0.50 among visiting teachers and +0.10 among non-visiting teachers; difference-in-differences +0.40 points, 95% CI +0.10 to +0.70; n = 35 and 25 teachers who answered both surveys');
  });

  it('calls a difference that is not BH-significant "no detectable difference", and one without a baseline check an unchecked difference', () => {
    const r = surveyResults();
    r.surveys!.comparisons[1] = { ...r.surveys!.comparisons[1]!, bh_significant: false, bh_p_value: 0.08 };
    expect(statements(r).find((x) => x.kind === 'comparison' && x.scale === 'connection')!.statement).toBe('In the spring survey, there was no detectable difference in connection to students between teachers who made home visits and teachers who did not.');
    r.surveys!.comparisons[1] = { ...r.surveys!.comparisons[1]!, bh_significant: true, bh_p_value: 0.004, baseline: null };
    const s = statements(r).find((x) => x.kind === 'comparison' && x.scale === 'connection')!;
    expect(s.status).toBe('unchecked_difference');
    expect(s.caution).toMatch(/^Baseline equivalence was not assessed/);
  });

  it('leaves out a comparison whose groups differed at the first wave, and says the DiD removes a stable difference', () => {
    const r = surveyResults();
    r.surveys!.comparisons[1] = { ...r.surveys!.comparisons[1]!, baseline: { wave: 'fall', effect_size: 0.3, band: 'not_satisfied', verdict: 'does_not_meet', n_level: 40, n_reference: 30 } };
    const s = statements(r).find((x) => x.kind === 'comparison' && x.scale === 'connection')!;
    expect(s.status).toBe('not_reportable');
    expect(s.reason).toBe('the groups differed on connection to students at the first wave by more than 0.25 SD (the pre/post difference-in-differences removes a stable difference)');
  });

  it('says "lower" for a lower-is-better scale and notes when the difference is unfavourable', () => {
    const r = surveyResults();
    r.surveys!.comparisons[1] = { ...r.surveys!.comparisons[1]!, scale: 'burnout', label: 'Burnout', higher_is_better: false };
    const s = statements(r).find((x) => x.kind === 'comparison' && x.scale === 'burnout')!;
    expect(s.statement).toContain('scored 0.40 points higher on burnout');
    expect(s.reason).toContain('unfavourable to visiting teachers');
  });

  it('words the share of a lower-is-better scale as its high end ("with high burnout"), never "favourable"', () => {
    const r = surveyResults();
    r.surveys!.scales = r.surveys!.scales.map((x) => (x.scale === 'connection' ? { ...x, scale: 'burnout', label: 'Burnout', higher_is_better: false } : x));
    r.surveys!.comparisons[1] = { ...r.surveys!.comparisons[1]!, scale: 'burnout', label: 'Burnout', higher_is_better: false, estimate: -0.4, ci_low: -0.6, ci_high: -0.2, favourable_level: 0.5, favourable_reference: 0.45 };
    const s = statements(r).find((x) => x.kind === 'comparison' && x.scale === 'burnout')!;
    expect(s.statement).toContain('scored 0.40 points lower on burnout');
    expect(s.numbers).toContain('50% vs. 45% with high burnout (a score of 4 or more);');
    expect(s.numbers).not.toContain('favourable');
  });

  it('adds a reliability caution with the alpha when a scale is below 0.70 (comparison: its wave; change: both waves)', () => {
    const r = surveyResults();
    r.surveys!.scales[1] = { ...r.surveys!.scales[1]!, alpha: 0.62, low_alpha: true };
    const all = statements(r);
    const cmp = all.find((x) => x.kind === 'comparison' && x.scale === 'connection')!;
    expect(cmp.status).toBe('finding');
    expect(cmp.caution).toContain("Reliability caution: Cronbach's alpha of connection to students was 0.62 at the spring wave, below 0.70");
    const did = all.find((x) => x.kind === 'change')!;
    expect(did.status).toBe('finding');
    // the fall alpha is 0.79: only the spring one is named
    expect(did.caution).toContain("alpha of connection to students was 0.62 at the spring wave, below 0.70");
    expect(did.caution).not.toContain('0.79');
    // at 0.70 and above, no caution
    expect(statements().find((x) => x.kind === 'comparison' && x.scale === 'connection')!.caution).not.toContain('Reliability caution');
  });

  it('leaves out a statement on a scale whose alpha is below the WWC floor of 0.50, with the reason', () => {
    const r = surveyResults();
    r.surveys!.scales[0] = { ...r.surveys!.scales[0]!, alpha: 0.45, low_alpha: true };
    const all = statements(r);
    // the spring comparison rests on the spring alpha (0.81): still a finding
    expect(all.find((x) => x.kind === 'comparison' && x.scale === 'connection')!.status).toBe('finding');
    // the change uses the fall wave too
    const did = all.find((x) => x.kind === 'change')!;
    expect(did.status).toBe('not_reportable');
    expect(did.statement).toBe('');
    expect(did.reason).toBe("the reliability of connection to students is too low for an outcome measure (Cronbach's alpha 0.45 at the fall wave, below the 0.50 the What Works Clearinghouse requires)");
  });
});
