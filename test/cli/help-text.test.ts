/** Every option and positional of every command has help text, so a future option without `describe` fails here. */
import { describe, it, expect } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

/** The command names listed under "Commands:" in `hve --help`. */
function commandsIn(help: string): string[] {
  const section = help.split(/^Commands:$/m)[1]?.split(/^\S/m)[0] ?? '';
  return [...section.matchAll(/^ {2}hve ([\w-]+)/gm)].map((m) => m[1]!);
}

/**
 * The entries of the Positionals: and Options: sections of a yargs help text that have no description:
 * an entry line (two spaces, then a name or flags) whose text after the name is empty or only `[type]` brackets.
 */
function undescribedEntries(help: string): string[] {
  const out: string[] = [];
  let inSection = false;
  for (const line of help.split('\n')) {
    if (/^(Positionals|Options):$/.test(line)) inSection = true;
    else if (/^\S/.test(line)) inSection = false;
    else if (inSection) {
      const m = /^ {2}((?:-{1,2}[\w-]+(?:, )?)+|[\w-]+)(.*)$/.exec(line);
      if (!m) continue; // a wrapped continuation line
      const text = m[2]!.replace(/\[[^\]]*\]/g, '').trim();
      if (!text) out.push(m[1]!);
    }
  }
  return out;
}

describe('the help parser', () => {
  it('finds an option and a positional without a description, and accepts described and wrapped ones', () => {
    const help = [
      'hve x <folder>',
      '',
      'Positionals:',
      '  folder  a run folder                                        [string] [required]',
      '  other                                                                [string]',
      '',
      'Options:',
      '  --help      Show help                                                [boolean]',
      '  --schools                                               [number] [default: 12]',
      '  --year      outcome year Y (the school year ending in Y)',
      '                                                        [number] [default: 2017]',
      '  --bare',
    ].join('\n');
    expect(undescribedEntries(help)).toEqual(['other', '--schools', '--bare']);
  });

  it('reads the command list of the top-level help', () => {
    expect(commandsIn('hve <command>\n\nCommands:\n  hve run <pipeline>  Run it\n  hve demo            Demo\n                      wrapped\n\nOptions:\n  --help  Show help')).toEqual(['run', 'demo']);
  });
});

describe('hve <command> --help', () => {
  const top = runCli(['--help']);
  const commands = commandsIn(top.stdout);

  it('lists the commands, every one described', () => {
    expect(top.code).toBe(0);
    expect(commands).toEqual(expect.arrayContaining(['generate', 'validate', 'run', 'demo', 'compare', 'figures', 'report', 'explain-config']));
    expect(undescribedEntries(top.stdout)).toEqual([]);
  });

  it.each(commands)('hve %s --help: every option and positional has a description, and --quiet is one of them', (command) => {
    const r = runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^hve ${command}\\b`));
    expect(undescribedEntries(r.stdout), `options without help text in hve ${command} --help`).toEqual([]);
    expect(r.stdout).toMatch(/^ {2}--quiet {2,}no progress lines on stderr/m);
  });
});
