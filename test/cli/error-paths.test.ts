/** The mistakes a new user makes on the command line: each is one sentence naming the flag, exit 2, no stack, no help dump. */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-errors-'));
const gen = join(dir, 'gen');
const typo = join(dir, 'typo.yaml');
writeFileSync(typo, stringify({ name: 'X', site: 'x', outcome_yr: 2017, sources: {}, output: 'out' }));

const HINT = (command: string) => `Run hve ${command} --help for the options.`;

/** [what the user typed, the lines expected on stderr] */
const cases: [string[], string[]][] = [
  [['fgures', 'x'], ['hve: Unknown command "fgures"; did you mean "figures"?', 'Run hve --help for the commands.']],
  [['run'], ['hve: Missing <pipeline> (usage: hve run <pipeline>).', HINT('run')]],
  [['run', join(dir, 'nope.yaml')], [`hve: Pipeline file ${join(dir, 'nope.yaml')} does not exist.`]],
  [['run', typo, '--quite'], ['hve: Unknown option --quite; did you mean --quiet?', HINT('run')]],
  [['validate', typo], [`hve: ${typo}: unknown key "outcome_yr"; did you mean "outcome_year"?`]],
  [['generate'], ['hve: --out is required.', HINT('generate')]],
  [['generate', '--out', gen, '--students', 'abc'], ['hve: --students must be a number (got "abc").', HINT('generate')]],
  [['generate', '--out', gen, '--students', '10'], ['hve: --students must be at least 50 (got 10).']],
  [['generate', '--out', gen, '--attendance', 'weekly'], ['hve: --attendance must be one of daily, summary (got "weekly").', HINT('generate')]],
  [['report', dir, '--pdf', '--paper', 'a3'], ['hve: --paper must be one of a4, letter (got "a3").', HINT('report')]],
  [['figures', join(dir, 'nope')], [`hve: ${join(dir, 'nope')} has no results.json; run \`hve run <pipeline>\` (or \`npm run demo\`) first.`]],
  [['explain-config', 'extra'], ['hve: Unexpected argument "extra" (usage: hve explain-config).', HINT('explain-config')]],
  [['compare', '--data', 'x.csv'], ['hve: --treatment, --outcome and --out are required.', HINT('compare')]],
  [['compare', '--data', 'x.csv', '--treatment', 't', '--outcome', 'y', '--out', join(dir, 'c'), '--min-cell', 'ten'], ['hve: --min-cell must be a number (got "ten").', HINT('compare')]],
];

describe('command-line mistakes', () => {
  it.each(cases)('hve %j', (args, expected) => {
    const r = runCli(args);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual(expected);
    expect(r.stdout).toBe('');
  });

  it('hve with no command names the commands and prints no help dump', () => {
    const r = runCli([]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^hve: Name a command: generate, validate, run, demo, demo-network, compare, survey, figures, report, bundle, network, pool, explain-config\b/);
    expect(lines[1]).toBe('Run hve --help for the commands.');
  });
});
