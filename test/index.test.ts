/** The public API (src/index.ts): every export is there and of the kind a notebook expects, and nothing else is exported by accident. */
import { describe, it, expect } from 'vitest';
import * as api from '../src/index.js';

const FUNCTIONS = [
  'runPipeline', 'validatePipeline', 'loadPipeline', 'parsePipeline', 'applyPrivacyGate', 'compareAnalyticFile', 'generateDistrict',
  'assessQuality', 'contractMarkdown',
  // the statistics of src/stats/index.ts a notebook uses
  'normalCdf', 'normalQuantile', 'tCdf', 'tQuantile', 'tTwoSidedP', 'logGamma', 'logBeta', 'regularizedIncompleteBeta',
  'chiSquareSurvival', 'regularizedGammaQ',
  'summarize', 'welchDifference', 'proportionDifference', 'hedgesG', 'pooledSd', 'smallSampleCorrection', 'coxIndex', 'oddsRatio',
  'improvementIndex', 'bhAdjust', 'bhSignificant',
  'fitLinear', 'fitLogistic', 'fitPoisson', 'modelVcov', 'clusterVcov', 'satterthwaiteDf', 'coefTest', 'deltaMethodSe',
  'averageMarginalEffectOnTreated', 'poissonAmeOnTreated', 'waldTestP',
  'nearestNeighborMatch', 'attOddsWeights', 'balanceTable', 'wwcBand',
  'hedgesGStandardError', 'coxIndexStandardError', 'metaAnalysis', 'metaRegression', 'robustMeta', 'fiellerInterval',
  'percentileRatioInterval', 'olsBootstrapDraws', 'cronbachAlpha', 'feldtInterval',
  // the network: bundles and pooling; surveys on their own
  'buildBundle', 'loadBundles', 'poolNetwork', 'runNetwork', 'runPool', 'surveyFile',
] as const;
const CLASSES = ['Publishable', 'InputError', 'Prng'] as const;
const SCHEMAS = ['PipelineSchema', 'SourceSchema', 'ResultsSchema', 'CompareOptionsSchema', 'GeneratorOptionsSchema', 'QualitySchema', 'FidelityResultsSchema', 'CostResultsSchema', 'BundleSchema', 'NetworkResultsSchema'] as const;
const VALUES = { SCHEMA_VERSION: 'string', EXTRACT_SPECS: 'object', REJECT_REASONS: 'object', REASON_TEXT: 'object' } as const;

describe('src/index.ts', () => {
  it('exports exactly the curated names', () => {
    expect(Object.keys(api).sort()).toEqual([...FUNCTIONS, ...CLASSES, ...SCHEMAS, ...Object.keys(VALUES)].sort());
  });

  it.each(FUNCTIONS)('%s is a function', (name) => {
    expect(typeof api[name]).toBe('function');
  });

  it.each(CLASSES)('%s is a class', (name) => {
    expect(typeof api[name]).toBe('function');
    expect(typeof api[name].prototype).toBe('object');
  });

  it.each(SCHEMAS)('%s is a zod schema (has parse and safeParse)', (name) => {
    expect(typeof api[name].parse).toBe('function');
    expect(typeof api[name].safeParse).toBe('function');
  });

  it('exports the schema version, the contract specs and the reject reasons as data', () => {
    for (const [name, kind] of Object.entries(VALUES)) expect(typeof api[name as keyof typeof VALUES], name).toBe(kind);
    expect(api.SCHEMA_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Object.keys(api.EXTRACT_SPECS)).toEqual(['students', 'visits', 'attendance_daily', 'attendance_summary', 'discipline', 'assessments', 'schools', 'educators']);
    expect(api.REJECT_REASONS).toContain('unknown_student');
  });

  it('gives working functions: Benjamini–Hochberg of p = .01, .04, .03 is .03, .04, .04 (R p.adjust "BH")', () => {
    // sorted .01 .03 .04 → ×3/1, ×3/2, ×3/3 = .03 .045 .04 → running minimum from the top = .03 .04 .04
    const adjusted = api.bhAdjust([0.01, 0.04, 0.03]);
    expect(adjusted[0]).toBeCloseTo(0.03, 12);
    expect(adjusted[1]).toBeCloseTo(0.04, 12);
    expect(adjusted[2]).toBeCloseTo(0.04, 12);
  });

  it('parses a minimal pipeline with its defaults', () => {
    const p = api.PipelineSchema.parse({
      name: 'x',
      site: 'x',
      outcome_year: 2017,
      sources: { students: { path: 's.csv' }, visits: { path: 'v.csv' }, attendance: { path: 'a.csv' } },
      output: 'out',
    });
    expect(p.school_year_start).toBe('07-01');
    expect(p.privacy.min_cell).toBe(10);
  });
});
