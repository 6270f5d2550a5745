/** `hve figures` counts the survey statements as statements.md lists them (it printed "0 left out" while statements.md left survey findings out), and a survey-only pack speaks of respondents. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../helpers/run-cli.js';
import { estimateFixture } from '../../helpers/results-fixture.js';
import { surveyResults } from '../survey-fixture.js';
import { figuresSummary } from '../../../src/report/figure-pack/figures-summary.js';
import type { OutcomeResult, Results } from '../../../src/results/results-schema.js';

function folderWith(r: Results): string {
  const dir = mkdtempSync(join(tmpdir(), 'hve-s2-figures-'));
  writeFileSync(join(dir, 'results.json'), JSON.stringify(r));
  return dir;
}

/** The "Teachers and families" part of statements.md, its statements ("> …") and left-out bullets. */
function surveyPart(dir: string): { quoted: number; leftOut: number; md: string } {
  const md = readFileSync(join(dir, 'figures', 'statements.md'), 'utf8');
  const part = md.slice(md.indexOf('## Teachers and families (surveys)'));
  return { quoted: part.split('\n').filter((l) => l.startsWith('> ')).length, leftOut: part.split('\n').filter((l) => l.startsWith('- **')).length, md };
}

describe('hve figures: survey statements counted', () => {
  it('a survey-only run: 2 findings (spring connection, its difference-in-differences), 1 left out (4 parents in a group), as statements.md lists them', () => {
    const r: Results = { ...surveyResults(), outcomes: [], sample_flow: [] };
    const dir = folderWith(r);
    const cli = runCli(['figures', dir, '--quiet']);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(`Wrote ${join(dir, 'figures')}/index.html and statements.md: teachers and families (surveys): 2 findings, 0 with no detectable difference, 1 left out with the reason.\n`);
    const part = surveyPart(dir);
    expect(part.quoted).toBe(2);
    expect(part.leftOut).toBe(1);
    // no student wording in a survey-only pack
    expect(part.md).toContain('Numbers rest on at least 10 respondents (privacy rule).');
    expect(part.md.replace(/connection to students/gi, '')).not.toMatch(/students/i);
    const index = readFileSync(join(dir, 'figures', 'index.html'), 'utf8');
    expect(index).toContain('<h2>Not reported</h2><ul><li>Homework &amp; &lt;help&gt; (parents, spring): hidden by the privacy gate');
  });

  it('a run with students and surveys: both counts, the students first', () => {
    const outcome: OutcomeResult = {
      outcome: 'attendance_rate', label: 'Attendance rate', domain: 'attendance', type: 'continuous', unit: 'percent', lower_is_better: false, baseline: null,
      estimates: [estimateFixture({})],
    } as OutcomeResult;
    const r: Results = { ...surveyResults(), outcomes: [outcome] };
    const pack = { folder: '/x', findings: 0, unchecked: 0, noDifference: 1, leftOut: 0, implementation: 0, surveys: { findings: 2, unchecked: 0, noDifference: 0, leftOut: 1 } };
    expect(figuresSummary(pack)).toBe('0 findings, 1 with no detectable difference, 0 left out with the reason; teachers and families (surveys): 2 findings, 0 with no detectable difference, 1 left out with the reason');
    expect(figuresSummary({ ...pack, surveys: null })).toBe('0 findings, 1 with no detectable difference, 0 left out with the reason');
    const cli = runCli(['figures', folderWith(r), '--quiet']);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/: \d+ findings?, .*left out with the reason; teachers and families \(surveys\): 2 findings, 0 with no detectable difference, 1 left out with the reason\.\n$/);
  });
});
