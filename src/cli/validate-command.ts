import type { CommandModule } from 'yargs';
import { validatePipeline } from '../run/validate-pipeline.js';
import { formatAccounting } from './print-accounting.js';
import { stageLogger } from './stage-logger.js';

/** `hve validate`: read and check every extract, print row accounting, write rejects. */
export const validateCommand: CommandModule<object, { pipeline: string; out?: string; quiet: boolean }> = {
  command: 'validate <pipeline>',
  describe: 'Read and check every extract; print row accounting and write rejects/',
  builder: (y) =>
    y
      .positional('pipeline', { type: 'string', demandOption: true, describe: 'pipeline YAML file' })
      .option('out', { type: 'string', describe: 'folder for rejects/ and row_accounting.json (default: <output>-validation)' })
      .option('quiet', { type: 'boolean', default: false }) as never,
  handler: async (a) => {
    const r = await validatePipeline(a.pipeline, a.out, stageLogger(a.quiet));
    process.stdout.write(formatAccounting(r.ingest));
    const rejected = r.ingest.extracts.reduce((s, e) => s + e.rows_rejected, 0);
    process.stdout.write(`${rejected} rejected rows are listed with their reasons and source lines in ${r.folder}/rejects/ (restricted: holds student IDs).\n`);
  },
};
