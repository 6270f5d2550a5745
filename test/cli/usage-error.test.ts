import { describe, it, expect } from 'vitest';
import { commandOf, firstUnknownOption, optionNamesInHelp, usageErrorSentence, type UsageContext } from '../../src/cli/usage-error.js';

const commands = ['generate', 'validate', 'run', 'report', 'explain-config'];
const generate: UsageContext = { tokens: ['generate'], commands, usage: 'generate', options: ['help', 'version', 'quiet', 'out', 'students', 'attendance'] };
const report: UsageContext = { tokens: ['report'], commands, usage: 'report <folder>', options: ['help', 'version', 'quiet', 'pdf', 'paper'] };
const top: UsageContext = { tokens: [], commands, options: ['help', 'version', 'quiet'] };
const withTokens = (c: UsageContext, tokens: string[]): UsageContext => ({ ...c, tokens });

describe('usageErrorSentence', () => {
  it('names a bad choice by its flag and lists every valid value', () => {
    const msg = 'Invalid values:\n  Argument: attendance, Given: "weekly", Choices: "daily", "summary"';
    expect(usageErrorSentence(msg, withTokens(generate, ['generate', '--attendance', 'weekly']))).toBe('--attendance must be one of daily, summary (got "weekly").');
  });

  it('names missing options with their dashes', () => {
    expect(usageErrorSentence('Missing required argument: out', generate)).toBe('--out is required.');
    expect(usageErrorSentence('Missing required arguments: treatment, outcome, out', generate)).toBe('--treatment, --outcome and --out are required.');
  });

  it('names a missing positional from the usage', () => {
    expect(usageErrorSentence('Not enough non-option arguments: got 0, need at least 1', report)).toBe('Missing <folder> (usage: hve report <folder>).');
  });

  it('names an unknown option and suggests the nearest one', () => {
    expect(usageErrorSentence('Unknown argument: quite', withTokens(generate, ['generate', '--quite']))).toBe('Unknown option --quite; did you mean --quiet?');
    expect(usageErrorSentence('Unknown argument: zzz', withTokens(generate, ['generate', '--zzz']))).toBe('Unknown option --zzz.');
  });

  it('names a mistyped option even when yargs complains about the positional it swallowed', () => {
    const run = { ...report, usage: 'run <pipeline>', tokens: ['run', '--bogus', 'x.yaml'] };
    expect(usageErrorSentence('Not enough non-option arguments: got 0, need at least 1', run)).toBe('Unknown option --bogus.');
  });

  it('suggests the nearest command, or lists them all', () => {
    expect(usageErrorSentence('Unknown argument: generat', withTokens(top, ['generat']))).toBe('Unknown command "generat"; did you mean "generate"?');
    expect(usageErrorSentence('Unknown argument: foo', withTokens(top, ['foo']))).toBe('Unknown command "foo"; the commands are generate, validate, run, report, explain-config.');
  });

  it('says an extra word is unexpected and shows the usage', () => {
    const ctx = { ...top, usage: 'explain-config', tokens: ['explain-config', 'extra'] };
    expect(usageErrorSentence('Unknown argument: extra', ctx)).toBe('Unexpected argument "extra" (usage: hve explain-config).');
  });

  it('says which flag needs a value, and keeps any other message to one sentence', () => {
    expect(usageErrorSentence('Not enough arguments following: out', generate)).toBe('--out needs a value.');
    expect(usageErrorSentence('Something else\nwith a second line', generate)).toBe('Something else.');
  });
});

describe('reading the command line and the help', () => {
  it('finds the command as the first word', () => {
    expect(commandOf(['--quiet', 'run', 'p.yaml'], commands)).toBe('run');
    expect(commandOf(['p.yaml'], commands)).toBeUndefined();
  });

  it('reads option names and aliases from a help text', () => {
    const help = 'hve run <pipeline>\n\nPositionals:\n  pipeline  pipeline YAML file  [string]\n\nOptions:\n  --help        Show help  [boolean]\n  -q, --quiet   no progress  [boolean]\n  --min-cell    smallest cell  [number]\n';
    expect(optionNamesInHelp(help)).toEqual(['help', 'q', 'quiet', 'min-cell']);
  });

  it('accepts camelCase and --no- forms and negative numbers, and stops at --', () => {
    const opts = ['min-cell', 'quiet', 'seed'];
    expect(firstUnknownOption(['--minCell', '3', '--no-quiet', '--seed', '-5'], opts)).toBeUndefined();
    expect(firstUnknownOption(['--seed=2', '--', '--anything'], opts)).toBeUndefined();
    expect(firstUnknownOption(['--seed', '2', '--sed', '3'], opts)).toBe('sed');
  });
});
