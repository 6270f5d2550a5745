import { basename } from 'node:path';
import type { CommandModule } from 'yargs';
import { writeInitPipeline } from '../init/write-init-pipeline.js';

interface Args {
  folder: string;
  out?: string;
  site?: string;
  year?: number;
}

/** `hve init <folder>`: guess a commented pipeline YAML from a folder of extracts. */
export const initCommand: CommandModule<object, Args> = {
  command: 'init <folder>',
  describe: 'Write a commented pipeline YAML guessed from a folder of extracts (every guess marked "# check")',
  builder: (y) =>
    y
      .positional('folder', { type: 'string', demandOption: true, describe: 'folder of CSV or Parquet extracts' })
      .option('out', { type: 'string', describe: 'pipeline file to write (default: <folder>/pipeline.yaml; never overwritten)' })
      .option('site', { type: 'string', describe: 'short site id (default: from the folder name)' })
      .option('year', { type: 'number', describe: 'outcome year Y (default: the latest school year of the students extract)' }) as never,
  handler: async (a) => {
    const r = await writeInitPipeline({ folder: a.folder, out: a.out, site: a.site, year: a.year });
    const found = r.plan.sources.map((s) => `${s.extract} ← ${basename(s.file)}${s.extract === 'attendance' ? ` (${s.spec === 'attendance_daily' ? 'daily' : 'summary'})` : ''}`);
    process.stdout.write(
      `Wrote ${r.path}: ${found.join(', ')}; outcome year ${r.plan.outcomeYear}.\n` +
        `${r.guesses} lines are guesses marked "# check": read them, then run hve validate ${r.path}.\n`,
    );
  },
};
