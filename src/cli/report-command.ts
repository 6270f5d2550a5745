import type { CommandModule } from 'yargs';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../util/input-error.js';
import { printPdf, PAPERS, type Paper } from '../report/pdf/print-pdf.js';
import { stageLogger } from './stage-logger.js';

/** `hve report <folder> --pdf`: print a run folder's report.html to report.pdf through headless Chromium. */
export const reportCommand: CommandModule<object, { folder: string; pdf: boolean; paper: Paper; quiet: boolean }> = {
  command: 'report <folder>',
  describe: 'Make more of a finished run folder: --pdf prints report.html to report.pdf (needs Chromium)',
  builder: (y) =>
    y
      .positional('folder', { type: 'string', demandOption: true, describe: 'a run output folder (the one holding report.html)' })
      .option('pdf', { type: 'boolean', default: false, describe: 'write <folder>/report.pdf' })
      .option('paper', { choices: PAPERS, default: 'a4' as Paper, describe: 'paper size of the PDF' }) as never,
  handler: async (a) => {
    if (!a.pdf) throw new InputError('Say what to make: `hve report <folder> --pdf` prints the report to <folder>/report.pdf.');
    if (!existsSync(a.folder) || !statSync(a.folder).isDirectory()) throw new InputError(`There is no run folder at ${a.folder}; run \`hve run <pipeline>\` first.`);
    const html = join(a.folder, 'report.html');
    if (!existsSync(html)) throw new InputError(`There is no report.html in ${a.folder}; run \`hve run <pipeline>\` first.`);
    stageLogger(a.quiet)(`Printing ${html} to PDF through headless Chromium (${a.paper === 'a4' ? 'A4' : 'Letter'})`);
    const r = await printPdf(html, join(a.folder, 'report.pdf'), { paper: a.paper });
    process.stdout.write(`Wrote ${join(a.folder, 'report.pdf')}: ${r.pages} ${r.pages === 1 ? 'page' : 'pages'} (${r.paper === 'a4' ? 'A4' : 'Letter'}, ${(r.bytes / 1024).toFixed(0)} KiB) in ${r.seconds.toFixed(1)} s.\n`);
  },
};
