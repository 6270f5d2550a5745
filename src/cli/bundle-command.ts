import type { CommandModule } from 'yargs';
import { makeBundle } from '../network/make-bundle.js';
import { stageLogger } from './stage-logger.js';

/** `hve bundle`: a site's aggregate-only bundle for the network, from a finished run folder. */
export const bundleCommand: CommandModule<object, { folder: string; out?: string; quiet: boolean }> = {
  command: 'bundle <folder>',
  describe: "Write the site's network bundle (bundle.json: aggregates only, gated twice) from a run folder",
  builder: (y) =>
    y
      .positional('folder', { type: 'string', demandOption: true, describe: 'a run output folder (with results.json)' })
      .option('out', { type: 'string', describe: 'the bundle file (default <folder>/bundle.json)' }) as never,
  handler: (a) => {
    stageLogger(a.quiet)(`Bundling ${a.folder}/results.json`);
    const { file, bundle } = makeBundle(a.folder, a.out);
    const estimates = bundle.outcomes.flatMap((o) => o.estimates);
    const hidden = estimates.filter((e) => e.suppressed).length;
    process.stdout.write(`Wrote ${file}: ${bundle.site} ${bundle.outcome_year}, ${bundle.outcomes.length} outcomes, ${estimates.length} estimates${hidden ? ` (${hidden} suppressed by the site's gate)` : ''}.\n`);
  },
};
