import type { CommandModule } from 'yargs';
import { validatePipeline } from '../run/validate-pipeline.js';
import { formatValidation } from './print-accounting.js';
import { stageLogger } from './stage-logger.js';

/** `hve validate`: read and check every extract, print row accounting, write rejects. */
export const validateCommand: CommandModule<object, { pipeline: string; out?: string; quiet: boolean }> = {
  command: 'validate <pipeline>',
  describe: 'Read and check every extract; print row accounting and write rejects/',
  builder: (y) =>
    y
      .positional('pipeline', { type: 'string', demandOption: true, describe: 'pipeline YAML file' })
      .option('out', { type: 'string', describe: 'folder for rejects/ and row_accounting.json (default: <output>-validation)' }) as never,
  handler: async (a) => {
    const r = await validatePipeline(a.pipeline, a.out, stageLogger(a.quiet));
    process.stdout.write(formatValidation(r));
  },
};
