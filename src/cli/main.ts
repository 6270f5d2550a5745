import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isInputError } from '../util/input-error.js';
import { INTERRUPTED_LINE, interruptExitCode, interruptRequested, isRunInterrupted, removeTempPaths } from '../util/interrupt.js';
import { endProgressLine } from './stage-logger.js';
import { generateCommand } from './generate-command.js';
import { validateCommand } from './validate-command.js';
import { runCommand } from './run-command.js';
import { demoCommand } from './demo-command.js';
import { demoNetworkCommand } from './demo-network-command.js';
import { explainConfigCommand } from './explain-config-command.js';
import { compareCommand } from './compare-command.js';
import { surveyCommand } from './survey-command.js';
import { figuresCommand } from './figures-command.js';
import { reportCommand } from './report-command.js';
import { contractCommand } from './contract-command.js';
import { initCommand } from './init-command.js';
import { bundleCommand } from './bundle-command.js';
import { networkCommand } from './network-command.js';
import { poolCommand } from './pool-command.js';
import { commandOf, optionNamesInHelp, usageErrorSentence } from './usage-error.js';
import { flagValueProblem, type OptionTypes } from './flag-values.js';

/** Every command, in the order `hve --help` lists them. */
const COMMANDS = [generateCommand, validateCommand, runCommand, demoCommand, demoNetworkCommand, compareCommand, surveyCommand, figuresCommand, reportCommand, bundleCommand, networkCommand, poolCommand, explainConfigCommand, contractCommand, initCommand] as CommandModule[];

const usageOf = (c: CommandModule) => String(c.command);
const nameOf = (c: CommandModule) => usageOf(c).split(' ')[0]!;
const tokens = hideBin(process.argv);

/** Print a user error as one sentence, an interrupted run as one line, or a programming error with its stack; then exit. */
function fail(e: unknown): never {
  endProgressLine();
  const signal = isRunInterrupted(e) ? e.signal : interruptRequested();
  if (signal) {
    removeTempPaths(); // nothing left to remove once the run has unwound; all of it when it had not
    process.stderr.write(`${INTERRUPTED_LINE}\n`);
    process.exit(interruptExitCode(signal));
  }
  if (isInputError(e)) {
    process.stderr.write(`hve: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`hve: internal error (please report): ${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
}

/** Print a command-line mistake as one sentence naming the flag, and where to find the options; exit 2. */
function failUsage(msg: string, help: string): never {
  const name = commandOf(tokens, COMMANDS.map(nameOf));
  const command = COMMANDS.find((c) => nameOf(c) === name);
  const sentence = usageErrorSentence(msg, {
    tokens,
    commands: COMMANDS.map(nameOf),
    ...(command ? { usage: usageOf(command) } : {}),
    options: optionNamesInHelp(help),
  });
  process.stderr.write(`hve: ${sentence}\n${name ? `Run hve ${name} --help for the options.` : 'Run hve --help for the commands.'}\n`);
  process.exit(2);
}

// a promise rejected with nobody awaiting it yet (e.g. one stopped by an interrupt) ends like any other error
process.on('unhandledRejection', (e) => fail(e));

try {
  const cli = yargs(tokens)
    .scriptName('hve')
    .locale('en') // usage-error.ts reads yargs' English messages
    .usage('$0 <command> [options]\n\nEvaluate parent–teacher home-visit programs from district extracts.')
    .help()
    .version()
    .option('quiet', { type: 'boolean', default: false, global: true, describe: 'no progress lines on stderr (the result line on stdout stays)' });
  for (const c of COMMANDS) cli.command(c);
  await cli
    .demandCommand(1, `Name a command: ${COMMANDS.map(nameOf).join(', ')}.`)
    .strict()
    .check((argv, options) => flagValueProblem(argv, options as unknown as OptionTypes, tokens) ?? true)
    .fail((msg, err, y) => {
      // a handler's error comes without a message; yargs' own and the check's come with one
      if (err instanceof Error && (msg == null || isInputError(err))) throw err;
      failUsage(msg ?? String(err), String(y.help()));
    })
    .parseAsync();
} catch (e) {
  fail(e);
}
