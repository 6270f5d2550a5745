import type { CommandModule } from 'yargs';
import { runPipeline } from '../run/run-pipeline.js';
import { stageLogger } from './stage-logger.js';

/** `hve run`: the whole evaluation of one pipeline file. */
export const runCommand: CommandModule<object, { pipeline: string; quiet: boolean }> = {
  command: 'run <pipeline>',
  describe: 'Run the whole evaluation and write the report folder',
  builder: (y) =>
    y.positional('pipeline', { type: 'string', demandOption: true, describe: 'pipeline YAML file' }) as never,
  handler: async (a) => {
    const log = stageLogger(a.quiet);
    const r = await runPipeline(a.pipeline, { onStage: log, onProgress: log.progress });
    process.stdout.write(`Wrote ${r.folder}/report.html and results.json in ${r.seconds.toFixed(1)} s.\n`);
  },
};
