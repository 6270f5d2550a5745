import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { isInputError } from '../util/input-error.js';
import { generateCommand } from './generate-command.js';
import { validateCommand } from './validate-command.js';
import { runCommand } from './run-command.js';
import { demoCommand } from './demo-command.js';
import { explainConfigCommand } from './explain-config-command.js';
import { compareCommand } from './compare-command.js';
import { figuresCommand } from './figures-command.js';
import { reportCommand } from './report-command.js';

/** Print a user error as one sentence, or a programming error with its stack; then exit. */
function fail(e: unknown): never {
  if (isInputError(e)) {
    process.stderr.write(`hve: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`hve: internal error (please report): ${(e as Error)?.stack ?? String(e)}\n`);
  process.exit(1);
}

try {
  await yargs(hideBin(process.argv))
    .scriptName('hve')
    .usage('$0 <command> [options]\n\nEvaluate parent–teacher home-visit programs from district extracts.')
    .command(generateCommand)
    .command(validateCommand)
    .command(runCommand)
    .command(demoCommand)
    .command(compareCommand)
    .command(figuresCommand)
    .command(reportCommand)
    .command(explainConfigCommand)
    .demandCommand(1, 'Name a command (see --help).')
    .strict()
    .fail((msg, err, y) => {
      if (err) throw err;
      process.stderr.write(`hve: ${msg}\n\n${y.help()}\n`);
      process.exit(2);
    })
    .help()
    .version()
    .parseAsync();
} catch (e) {
  fail(e);
}
