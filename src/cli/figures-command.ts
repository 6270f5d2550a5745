import type { CommandModule } from 'yargs';
import { writeFigurePack } from '../report/figure-pack/write-figure-pack.js';

/** `hve figures`: the grant-writer pack of statements and charts for a finished run. */
export const figuresCommand: CommandModule<object, { folder: string }> = {
  command: 'figures <folder>',
  describe: 'Write a grant-writer pack (figures/index.html, statements.md, a chart and CSV per statement) for a run folder',
  builder: (y) => y.positional('folder', { type: 'string', demandOption: true, describe: 'a run output folder (with results.json)' }) as never,
  handler: async (a) => {
    const p = await writeFigurePack(a.folder);
    process.stdout.write(`Wrote ${p.folder}/index.html and statements.md: ${p.findings} findings, ${p.noDifference} with no detectable difference, ${p.leftOut} left out with the reason.\n`);
  },
};
