import type { CommandModule } from 'yargs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFigurePack } from '../report/figure-pack/write-figure-pack.js';
import { figuresSummary } from '../report/figure-pack/figures-summary.js';
import { stageLogger } from './stage-logger.js';

/** `hve figures`: the grant-writer pack of statements and charts for a finished run. */
export const figuresCommand: CommandModule<object, { folder: string; quiet: boolean }> = {
  command: 'figures <folder>',
  describe: 'Write a grant-writer pack (figures/index.html, statements.md, a chart and CSV per statement) for a run folder',
  builder: (y) => y.positional('folder', { type: 'string', demandOption: true, describe: 'a run output folder (with results.json)' }) as never,
  handler: async (a) => {
    const results = join(a.folder, 'results.json');
    if (existsSync(results)) stageLogger(a.quiet)(`Writing the grant-writer pack from ${results}`);
    const p = await writeFigurePack(a.folder);
    process.stdout.write(`Wrote ${p.folder}/index.html and statements.md: ${figuresSummary(p)}.\n`);
  },
};
