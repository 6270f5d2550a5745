/** Human labels for publishable text (issue 7): one module, raw names only for an analytic file's own columns. */
import { describe, it, expect } from 'vitest';
import { covariateLabel, covariateLabels, adjustmentPhrase, labelPath } from '../../src/report/labels.js';
import { notEvaluatedSentences } from '../../src/report/statements/not-evaluated-text.js';
import { resultsFixture } from '../helpers/results-fixture.js';
import type { Results } from '../../src/results/results-schema.js';

const pipeline = resultsFixture();
const analyticFile = { ...pipeline, definitions: { ...pipeline.definitions, source: 'analytic_file' as const } };
const cov = (name: string, kind = 'numeric', columns = 1) => ({ name, kind, missing: 0, fill: null, columns });

describe('labels', () => {
  it('labels the pipeline’s covariates and balance rows, but keeps an analytic file’s names as given', () => {
    expect(covariateLabel('prior_attendance_rate', pipeline)).toBe('Prior-year attendance rate');
    expect(covariateLabel('race_ethnicity: Hispanic', pipeline)).toBe('Race/ethnicity: Hispanic');
    expect(covariateLabel('prior_attendance_rate', analyticFile)).toBe('prior_attendance_rate');
  });

  it('lists only covariates that entered a model, fixed effects by name', () => {
    const r: Results = { ...pipeline, covariates: [cov('prior_attendance_rate'), cov('prior_ela_z', 'numeric', 0), cov('frl'), cov('school_id', 'fixed_effects', 11)] };
    expect(covariateLabels(r)).toEqual(['Prior-year attendance rate', 'Free or reduced-price lunch', 'School fixed effects']);
    expect(covariateLabels({ ...analyticFile, covariates: [cov('Pretest'), cov('Campus', 'fixed_effects', 24)] })).toEqual(['Pretest', 'Campus fixed effects']);
  });

  it('says what the models adjust for from the covariates used: no behaviour without discipline covariates', () => {
    const r: Results = { ...pipeline, covariates: [cov('prior_attendance_rate'), cov('prior_math_z'), cov('ell'), cov('grade', 'categorical', 8), cov('school_id', 'fixed_effects', 11)] };
    expect(adjustmentPhrase(r)).toBe('prior-year attendance and test scores, demographics, grade and school');
    const all: Results = { ...r, covariates: [...r.covariates!, cov('prior_any_incident')] };
    expect(adjustmentPhrase(all)).toBe('prior-year attendance, behavior and test scores, demographics, grade and school');
  });

  it('labels every part of a suppression-log cell', () => {
    const r: Results = { ...pipeline, outcomes: [{ outcome: 'ela_z', label: 'ELA score (z)', domain: 'achievement', type: 'continuous', lower_is_better: false, unit: 'sd', estimates: [] }] };
    expect(labelPath('ela_z / regression / n comparison', r)).toBe('ELA score (z) / Regression-adjusted / n comparison');
    expect(labelPath('prior_any_suspension', r)).toBe('Prior-year suspension (any)');
    expect(labelPath('matching / outside_support', r)).toBe('Propensity matching / outside common support');
  });
});

describe('not-evaluated sentences', () => {
  it('says why a domain or an outcome was not evaluated, never that it was suppressed', () => {
    const r: Results = {
      ...pipeline,
      not_evaluated: [
        { domain: 'behavior', outcome: null, label: null, reason: 'no_discipline_extract' },
        { domain: 'achievement', outcome: 'ela_z', label: 'ELA score (z)', reason: 'no_outcome_values' },
        { domain: 'achievement', outcome: 'ela_proficient', label: 'Proficient in ELA', reason: 'no_outcome_values' },
      ],
    };
    expect(notEvaluatedSentences(r)).toEqual([
      'Behavior (discipline incidents and suspensions) was not evaluated: no discipline file was given.',
      'ELA score (z) and Proficient in ELA could not be estimated: no ELA scores were found for the students of the analytic sample.',
    ]);
    expect(notEvaluatedSentences(pipeline)).toEqual([]);
  });
});
