import type { CommandModule } from 'yargs';
import { z } from 'zod';
import { PipelineSchema } from '../config/pipeline-schema.js';

/** `hve explain-config`: print the pipeline file's JSON Schema, with every default and description. */
export const explainConfigCommand: CommandModule = {
  command: 'explain-config',
  describe: 'Print the pipeline file format (JSON Schema with every default)',
  handler: () => {
    process.stdout.write(JSON.stringify(z.toJSONSchema(PipelineSchema, { io: 'input' }), null, 2) + '\n');
  },
};
