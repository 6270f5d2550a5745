import type { CommandModule } from 'yargs';
import { fileURLToPath } from 'node:url';
import { generateDistrict } from '../generate/generate-district.js';
import { runPipeline } from '../run/run-pipeline.js';
import { stageLogger } from './stage-logger.js';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/** `hve demo`: generate the demo district (deterministic) and run pipelines/demo.yaml. */
export const demoCommand: CommandModule<object, { quiet: boolean }> = {
  command: 'demo',
  describe: 'Generate the demo district and run pipelines/demo.yaml into reports/demo/',
  handler: async (a) => {
    const log = stageLogger(a.quiet);
    const t0 = Date.now();
    // two practice-breaking program schools, which the fidelity section must flag
    const breaks = { SCH003: ['targeted' as const], SCH007: ['solo' as const, 'no_reflection' as const] };
    await generateDistrict({ out: root('data/demo'), students: 5000, schools: 12, seed: 1, breaks }, log);
    const r = await runPipeline(root('pipelines/demo.yaml'), { onStage: log, onProgress: log.progress });
    process.stdout.write(`Demo report: ${r.folder}/report.html (${((Date.now() - t0) / 1000).toFixed(1)} s in all).\n`);
  },
};
