import type { CommandModule } from 'yargs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { runNetworkDemo } from '../network/demo/run-network-demo.js';
import { compareWithTruth, comparisonLines } from '../network/demo/demo-summary.js';
import { stageLogger } from './stage-logger.js';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/** `hve demo-network`: generate the network demo's sites (deterministic), run and bundle each, pool them into reports/network/. */
export const demoNetworkCommand: CommandModule<object, { quiet: boolean }> = {
  command: 'demo-network',
  describe: 'Generate 12 synthetic sites in 4 states, run and bundle each, and pool them into reports/network/',
  handler: async (a) => {
    const log = stageLogger(a.quiet);
    const r = await runNetworkDemo({ data: root('data/network'), sites: root('reports/network-sites'), network: root('reports/network') }, {}, log);
    const where = relative(process.cwd(), r.network) || '.';
    const lines = comparisonLines(compareWithTruth(r.results, r.truth));
    const report = r.report ? `${where}/network.html` : `${where}/network.json`;
    process.stdout.write(`${lines.join('\n')}\nNetwork demo: ${report}, the generator's truth in ${where}/truth.json (${r.bundles.length} bundles, ${r.seconds.toFixed(1)} s in all).\n`);
  },
};
