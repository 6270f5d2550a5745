import type { CommandModule } from 'yargs';
import { runNetwork } from '../network/run-network.js';
import { networkSummary } from '../network/network-summary.js';
import { stageLogger } from './stage-logger.js';

/** `hve network`: pool site bundles into network.json and the network report. */
export const networkCommand: CommandModule<object, { paths: string[]; out: string; 'allow-mixed': boolean; quiet: boolean }> = {
  command: 'network <paths..>',
  describe: 'Pool site bundles (files, or folders of them) into network.json and the network report',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, demandOption: true, describe: 'bundle files, or folders holding them (one level of subfolders)' })
      .option('out', { type: 'string', demandOption: true, describe: 'the network output folder' })
      .option('allow-mixed', { type: 'boolean', default: false, describe: 'pool bundles with different definitions or versions too' }) as never,
  handler: async (a) => {
    const log = stageLogger(a.quiet);
    log(`Pooling the bundles of ${a.paths.join(', ')}`);
    const r = await runNetwork(a.paths, a.out, { allowMixed: a['allow-mixed'] });
    for (const n of r.results.notes) log(n);
    process.stdout.write(`${networkSummary(r.results, r.folder, r.report)}\n`);
  },
};
