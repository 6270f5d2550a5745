/** `--dirty` writes bad survey rows after the rows they copy; the pipeline rejects exactly those, with the reasons the generator counted, and the accounting balances. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import { writePipeline } from '../helpers/write-pipeline.js';
import { ROOT } from '../helpers/paths.js';

describe('dirty survey rows', () => {
  it('are rejected exactly as injected: duplicate respondent-waves, out-of-range and non-numeric responses, unknown respondent types', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hve-survey-dirty-'));
    const data = join(dir, 'data');
    const truth = (await generateDistrict({ out: data, students: 1500, schools: 6, seed: 5, dirty: 0.03 })).truth;
    const injected = truth.dirty_rows.surveys!;
    expect(Object.keys(injected).sort()).toEqual(['bad_number', 'bad_respondent_type', 'duplicate_respondent_wave', 'out_of_range']);
    const p = writePipeline(dir, data, {
      sources: Object.fromEntries(['students', 'visits', 'attendance', 'educators', 'surveys'].map((x) => [x, { path: join(data, `${x}.csv`), ...(x === 'surveys' ? { waves: ['fall', 'spring'] } : {}) }])),
      surveys: ['teacher-short.yaml', 'parent-short.yaml'].map((f) => join(ROOT, 'pipelines', 'instruments', f)),
      analysis: { methods: ['unadjusted'], subgroups: false },
      quality: { max_reject_share: 1, unknown_codes: 'reject', min_visit_match: 0 },
    });
    await runPipeline(p);
    const a = JSON.parse(readFileSync(join(dir, 'report', 'results.json'), 'utf8')).surveys.respondents;
    const lines = readFileSync(join(data, 'surveys.csv'), 'utf8').trimEnd().split('\n').length - 1;
    expect(a.read).toBe(lines);
    expect(a.accepted + a.rejected).toBe(a.read);
    expect(a.by_reason).toEqual(injected);
  }, 180_000);
});
