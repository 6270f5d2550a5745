import type { CommandModule } from 'yargs';
import { runPool } from '../network/run-network.js';
import { networkSummary } from '../network/network-summary.js';
import { stageLogger } from './stage-logger.js';
import { rejectLines, rejectReasonsText } from '../network/pool-rejects.js';
import { join } from 'node:path';

/** `hve pool`: pool a plain effects table (site, estimate, se or variance) the way `hve network` pools bundles. */
export const poolCommand: CommandModule<object, { file: string; out: string; 'min-cell': number; quiet: boolean }> = {
  command: 'pool <file>',
  describe: 'Pool a plain effects CSV (site, estimate, se or variance; optional n, state, year, reach, fidelity, outcome) into network.json and the report',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'the effects CSV' })
      .option('out', { type: 'string', demandOption: true, describe: 'the network output folder' })
      .option('min-cell', { type: 'number', default: 10, describe: 'a pooled cell resting on fewer students (Σ n) is suppressed' }) as never,
  handler: async (a) => {
    const log = stageLogger(a.quiet);
    log(`Reading ${a.file}`);
    const r = await runPool(a.file, a.out, { minCell: a['min-cell'] });
    const reasons = rejectReasonsText(r.csv);
    log(`${a.file}: read ${r.csv.read} = accepted ${r.csv.accepted} + rejected ${r.csv.rejected}${reasons ? ` (${reasons}; every one in ${join(r.folder, 'rejects', 'effects.csv')}, restricted)` : ''}`);
    for (const line of rejectLines(r.csv)) log(`  ${line}`);
    process.stdout.write(`${networkSummary(r.results, r.folder, r.report)}\n`);
  },
};
