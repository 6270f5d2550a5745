import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { parsePipeline, loadPipeline } from '../../src/config/load-pipeline.js';
import { keysAt, pathsWithKey, requiredKeysAt } from '../../src/config/schema-keys.js';
import { PipelineSchema } from '../../src/config/pipeline-schema.js';
import { InputError } from '../../src/util/input-error.js';

const base = () => ({
  name: 'X',
  site: 'x',
  outcome_year: 2017,
  sources: { students: { path: 's.csv' }, visits: { path: 'v.csv' }, attendance: { path: 'a.csv' } } as Record<string, Record<string, unknown>>,
  output: 'out',
});

/** The one sentence parsePipeline throws for a pipeline object. */
const message = (doc: unknown): string => {
  try {
    parsePipeline(doc, 'pipelines/x.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('expected the pipeline to be refused');
};

describe('schema keys', () => {
  it('lists the keys an object accepts at a path, through optional and default wrappers', () => {
    expect(keysAt(PipelineSchema, ['sources'])).toEqual(['students', 'visits', 'attendance', 'discipline', 'assessments', 'schools', 'educators', 'surveys']);
    expect(keysAt(PipelineSchema, ['fidelity'])).toEqual(['reach_threshold', 'reflection_days', 'targeting_smd', 'practice_threshold']);
    expect(keysAt(PipelineSchema, ['definitions'])).toEqual(['chronic_threshold', 'min_days_enrolled', 'proficient_level']);
    expect(keysAt(PipelineSchema, ['sources', 'discipline'])).toEqual(['path', 'format', 'delimiter', 'columns', 'values', 'date_format']);
    expect(keysAt(PipelineSchema, ['sources', 'attendance'])).toContain('kind');
    expect(keysAt(PipelineSchema, ['name'])).toEqual([]);
    expect(keysAt(PipelineSchema, ['no_such_key'])).toEqual([]);
  });

  it('finds the required keys and where a key belongs', () => {
    expect(requiredKeysAt(PipelineSchema, [])).toEqual(['name', 'site', 'outcome_year', 'sources', 'output']);
    expect(pathsWithKey(PipelineSchema, 'min_cell')).toEqual([['privacy']]);
    expect(pathsWithKey(PipelineSchema, 'kind')).toEqual([['sources', 'attendance']]);
  });
});

describe('an unknown key in the pipeline file', () => {
  it('at the top level: says "unknown key" and suggests the nearest key (before the missing key it causes)', () => {
    const { outcome_year, ...doc } = base();
    expect(message({ ...doc, outcome_yr: outcome_year })).toBe('pipelines/x.yaml: unknown key "outcome_yr"; did you mean "outcome_year"?');
  });

  it("inside a source: names the source and suggests the source's key", () => {
    const doc = base();
    doc.sources.students!.colums = { student_id: 'ID' };
    expect(message(doc)).toBe('pipelines/x.yaml: "sources.students" has an unknown key "colums"; did you mean "columns"?');
  });

  it('in sources: suggests the extract name', () => {
    const doc = base();
    doc.sources.disciplin = { path: 'd.csv' };
    expect(message(doc)).toBe('pipelines/x.yaml: "sources" has an unknown key "disciplin"; did you mean "discipline"?');
  });

  it('in definitions, analysis, privacy and quality', () => {
    expect(message({ ...base(), definitions: { chronic_treshold: 0.1 } })).toBe('pipelines/x.yaml: "definitions" has an unknown key "chronic_treshold"; did you mean "chronic_threshold"?');
    expect(message({ ...base(), analysis: { subgroup: false } })).toBe('pipelines/x.yaml: "analysis" has an unknown key "subgroup"; did you mean "subgroups"?');
    expect(message({ ...base(), privacy: { mincell: 5 } })).toBe('pipelines/x.yaml: "privacy" has an unknown key "mincell"; did you mean "min_cell"?');
    expect(message({ ...base(), quality: { max_reject_shares: 0.1 } })).toBe('pipelines/x.yaml: "quality" has an unknown key "max_reject_shares"; did you mean "max_reject_share"?');
  });

  it('lists the valid keys when none is close', () => {
    expect(message({ ...base(), definitions: { zzzz: 1 } })).toBe(
      'pipelines/x.yaml: "definitions" has an unknown key "zzzz"; the valid keys there are chronic_threshold, min_days_enrolled, proficient_level.',
    );
  });

  it('says where a key belongs when it is valid one level down', () => {
    expect(message({ ...base(), min_cell: 5 })).toBe('pipelines/x.yaml: unknown key "min_cell"; it belongs under "privacy".');
  });
});

describe('other mistakes in the pipeline file', () => {
  it('names the key, what it must be and what was given', () => {
    expect(message({ ...base(), privacy: { min_cell: 0 } })).toBe('pipelines/x.yaml: "privacy.min_cell" must be at least 1 (got 0).');
    expect(message({ ...base(), comparison: 'everyone' })).toBe('pipelines/x.yaml: "comparison" must be one of program_schools, all_schools (got "everyone").');
    expect(message({ ...base(), analysis: { methods: ['ols'] } })).toBe(
      'pipelines/x.yaml: "analysis.methods[0]" must be one of unadjusted, regression, matching, weighting (got "ols").',
    );
    // a school-year start must be a day of the year (a month 00 or 30 February would fail later, blaming an extract)
    expect(message({ ...base(), school_year_start: '00-15' })).toMatch(/^pipelines\/x\.yaml: "school_year_start" .*MM-DD.*\(got "00-15"\)\.$/);
    expect(message({ ...base(), school_year_start: '02-30' })).toMatch(/^pipelines\/x\.yaml: "school_year_start" .*day of the year.*\(got "02-30"\)\.$/);
    expect(parsePipeline({ ...base(), school_year_start: '02-29' }, 'x.yaml').school_year_start).toBe('02-29');
    const { output: _o, ...noOutput } = base();
    expect(message(noOutput)).toBe('pipelines/x.yaml: "output" is required (text).');
  });

  it('says an empty file is empty', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hve-load-'));
    writeFileSync(join(dir, 'empty.yaml'), '# nothing yet\n');
    expect(() => loadPipeline(join(dir, 'empty.yaml'))).toThrow(/empty\.yaml is empty; a pipeline needs name, site, outcome_year, sources, output/);
    writeFileSync(join(dir, 'ok.yaml'), stringify(base()));
    expect(loadPipeline(join(dir, 'ok.yaml')).config.privacy.min_cell).toBe(10);
  });
});
