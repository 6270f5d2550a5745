/**
 * The pipeline report names only the extracts and measures it used (issue 7, part 4): a generated district run
 * without its discipline file, and again with an assessments file that holds no ELA scores.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import type { Results } from '../../src/results/results-schema.js';
import { writePipeline } from '../helpers/write-pipeline.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-report-data-used-'));
const data = join(dir, 'data');
const BEHAVIOUR_COVARIATES = ['prior_any_incident', 'prior_incident_count', 'prior_any_suspension'];

/** The visible text of one section of a report. */
function sectionText(html: string, id: string): string {
  const part = new RegExp(`<section id="${id}">[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
  return part.replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

let noDiscipline: { r: Results; html: string };
let noEla: { r: Results; html: string };

beforeAll(async () => {
  await generateDistrict({ out: data, students: 1200, schools: 8, seed: 3 });
  for (const d of ['a', 'b']) mkdirSync(join(dir, d));
  // without discipline: drop the source from the pipeline
  const p1 = writePipeline(join(dir, 'a'), data, {}, 'pipeline.yaml');
  const yaml1 = readFileSync(p1, 'utf8').replace(/\n  discipline:\n    path: [^\n]+/, '');
  expect(yaml1).not.toContain('discipline');
  writeFileSync(p1, yaml1);
  // assessments without any ELA row
  const assessments = readFileSync(join(data, 'assessments.csv'), 'utf8').split('\n');
  writeFileSync(join(data, 'assessments-no-ela.csv'), assessments.filter((l, i) => i === 0 || !l.includes(',ela,')).join('\n'));
  const p2 = writePipeline(join(dir, 'b'), data, {}, 'pipeline.yaml');
  writeFileSync(p2, readFileSync(p2, 'utf8').replace('assessments.csv', 'assessments-no-ela.csv'));
  const read = (folder: string) => ({ r: JSON.parse(readFileSync(join(folder, 'results.json'), 'utf8')) as Results, html: readFileSync(join(folder, 'report.html'), 'utf8') });
  await runPipeline(p1);
  noDiscipline = read(join(dir, 'a', 'report'));
  await runPipeline(p2);
  noEla = read(join(dir, 'b', 'report'));
}, 300_000);

describe('a run without a discipline file', () => {
  it('records behaviour as not evaluated, and estimates and adjusts for nothing behavioural', () => {
    const r = noDiscipline.r;
    expect(r.provenance.inputs.map((i) => i.extract)).not.toContain('discipline');
    expect(r.not_evaluated).toEqual([{ domain: 'behavior', outcome: null, label: null, reason: 'no_discipline_extract' }]);
    expect(r.outcomes.filter((o) => o.domain === 'behavior')).toEqual([]);
    expect(r.covariates!.map((c) => c.name).filter((n) => BEHAVIOUR_COVARIATES.includes(n))).toEqual([]);
  });

  it('says so in the summary and the outcomes section, and names no behaviour covariate or question', () => {
    const summary = sectionText(noDiscipline.html, 'summary');
    expect(summary).toContain('Adjusted estimates account for prior-year attendance and test scores, demographics, grade and school.');
    expect(summary).not.toMatch(/behavior and test scores|prior-year attendance, behavior/);
    const sentence = 'Behavior (discipline incidents and suspensions) was not evaluated: no discipline file was given.';
    expect(summary).toContain(sentence);
    expect(sectionText(noDiscipline.html, 'estimates')).toContain(sentence);
    expect(sectionText(noDiscipline.html, 'program')).not.toMatch(/discipline|suspension/i);
    expect(sectionText(noDiscipline.html, 'methods')).not.toMatch(/Prior-year discipline|Prior-year suspension/);
  });
});

describe('a run whose assessments hold no ELA score', () => {
  it('lists the ELA outcomes as not evaluated (no outcome values), never as suppressed', () => {
    const r = noEla.r;
    expect(r.not_evaluated).toEqual([
      { domain: 'achievement', outcome: 'ela_z', label: 'ELA score (z)', reason: 'no_outcome_values' },
      { domain: 'achievement', outcome: 'ela_proficient', label: 'Proficient in ELA', reason: 'no_outcome_values' },
    ]);
    expect(r.outcomes.map((o) => o.outcome)).not.toContain('ela_z');
    expect(r.outcomes.map((o) => o.outcome)).toContain('math_z');
    expect(r.suppression_log.filter((s) => /\bela_/.test(s.cell))).toEqual([]);
    expect(r.covariates!.map((c) => c.name)).not.toContain('prior_ela_z');
  });

  it('says that no ELA scores were found, in the summary and the outcomes section', () => {
    const summary = sectionText(noEla.html, 'summary');
    const sentence = 'ELA score (z) and Proficient in ELA could not be estimated: no ELA scores were found for the students of the analytic sample.';
    expect(summary).toContain(sentence);
    expect(summary).not.toMatch(/ELA[^.;]*privacy gate/);
    expect(sectionText(noEla.html, 'estimates')).toContain(sentence);
    expect(sectionText(noEla.html, 'program')).toContain('Did they score higher on state tests in math?');
  });
});
