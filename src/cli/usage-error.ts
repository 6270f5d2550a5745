import { nearestName } from '../util/nearest-name.js';

/** Where a command-line mistake happened: what was typed, and what would have been valid there. */
export interface UsageContext {
  /** the arguments after `hve` */
  tokens: readonly string[];
  /** every command name */
  commands: readonly string[];
  /** the failing command's usage (e.g. "run <pipeline>"), when the mistake is inside a command */
  usage?: string;
  /** the option names valid there, without dashes (e.g. "min-cell") */
  options: readonly string[];
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const flag = (name: string) => (name.length === 1 ? `-${name}` : `--${kebab(name)}`);
const andList = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);
const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1');

/** The command named on the command line (the first word that is a command), if any. */
export function commandOf(tokens: readonly string[], commands: readonly string[]): string | undefined {
  const first = tokens.find((t) => !t.startsWith('-'));
  return first !== undefined && commands.includes(first) ? first : undefined;
}

/** The option names (without dashes) listed in a yargs help text, aliases included. */
export function optionNamesInHelp(help: string): string[] {
  const out: string[] = [];
  for (const line of help.split('\n')) {
    const m = /^\s+((?:-{1,2}[\w-]+(?:, )?)+)(?:\s|$)/.exec(line);
    if (m) for (const f of m[1]!.split(', ')) out.push(f.replace(/^-+/, ''));
  }
  return out;
}

/** The first option typed on the command line that is not valid there, without dashes. */
export function firstUnknownOption(tokens: readonly string[], options: readonly string[]): string | undefined {
  const known = new Set(options);
  for (const t of tokens) {
    if (t === '--') return undefined;
    if (!t.startsWith('-') || t === '-' || /^-\.?\d/.test(t)) continue;
    const name = t.replace(/^-+/, '').split('=')[0]!;
    const k = kebab(name);
    if (!known.has(name) && !known.has(k) && !(k.startsWith('no-') && known.has(k.slice(3)))) return name;
  }
  return undefined;
}

/** The positional names of a command usage string: "report <folder>" → ["folder"]. */
function positionals(usage: string | undefined): string[] {
  return [...(usage ?? '').matchAll(/[<[]([\w-]+)(?:\.\.)?[>\]]/g)].map((m) => m[1]!);
}

/** One sentence for an unknown option, with the nearest valid one when it is a likely typo. */
function unknownOption(name: string, ctx: UsageContext): string {
  const near = nearestName(kebab(name), ctx.options.filter((o) => o.length > 1));
  return near ? `Unknown option ${flag(name)}; did you mean --${near}?` : `Unknown option ${flag(name)}.`;
}

/** One sentence for a word that is neither a command nor an argument the command takes. */
function unexpectedWord(word: string, ctx: UsageContext): string {
  if (ctx.usage === undefined) {
    const near = nearestName(word, ctx.commands);
    return near ? `Unknown command "${word}"; did you mean "${near}"?` : `Unknown command "${word}"; the commands are ${ctx.commands.join(', ')}.`;
  }
  return `Unexpected argument "${word}" (usage: hve ${ctx.usage}).`;
}

/**
 * Rewrite a yargs validation message as one sentence that names each flag as the user types it
 * (`--out`, not `out`) and lists the valid values; unknown options and commands get the nearest valid name.
 */
export function usageErrorSentence(msg: string, ctx: UsageContext): string {
  const word = ctx.tokens.find((t) => !t.startsWith('-'));
  if (ctx.usage === undefined && word !== undefined && !ctx.commands.includes(word)) return unexpectedWord(word, ctx);
  // a mistyped option also makes yargs miscount positionals (`run --bogus x.yaml`), so it is named first
  const unknown = firstUnknownOption(ctx.tokens, ctx.options);
  if (unknown !== undefined) return unknownOption(unknown, ctx);
  let m: RegExpExecArray | null;
  if ((m = /^Unknown arguments?: (.+)$/.exec(msg))) return unexpectedWord(m[1]!.split(', ')[0]!, ctx);
  if ((m = /^Missing required arguments?: (.+)$/.exec(msg))) {
    const flags = m[1]!.split(', ').map(flag);
    return `${andList(flags)} ${flags.length === 1 ? 'is' : 'are'} required.`;
  }
  if ((m = /^Not enough non-option arguments: got (\d+), need at least (\d+)$/.exec(msg))) {
    const missing = positionals(ctx.usage).slice(Number(m[1]), Number(m[2])).map((p) => `<${p}>`);
    return missing.length ? `Missing ${andList(missing)} (usage: hve ${ctx.usage}).` : `${msg}.`;
  }
  if ((m = /^Invalid values:\n\s*Argument: ([^,]+), Given: (.*), Choices: (.*)$/m.exec(msg))) {
    const [name, given, choices] = [m[1]!, m[2]!, m[3]!];
    const subject = positionals(ctx.usage).includes(name) ? `<${name}>` : flag(name);
    return `${subject} must be one of ${choices.split(', ').map(unquote).join(', ')} (got ${given.trim()}).`;
  }
  if ((m = /^(?:Not enough arguments following|Missing argument values?): (.+)$/.exec(msg))) return `${andList(m[1]!.split(', ').map(flag))} needs a value.`;
  if ((m = /^Arguments (\S+) and (\S+) are mutually exclusive$/.exec(msg))) return `${flag(m[1]!)} and ${flag(m[2]!)} cannot be used together.`;
  const one = msg.split('\n')[0]!.trim();
  return /[.?!]$/.test(one) ? one : `${one}.`;
}
