import { loadBundles } from './load-bundles.js';
import { poolBundles } from './pool-bundles.js';
import { readPoolCsv } from './read-pool-csv.js';
import { poolCsv } from './pool-csv.js';
import { writeNetworkFolder, type NetworkFolder } from './write-network.js';
import type { NetworkResults } from './network-schema.js';
import type { PoolCsv } from './read-pool-csv.js';
import { InputError } from '../util/input-error.js';
import { rejectReasonsText, writePoolRejects } from './pool-rejects.js';

/** `hve network`: load bundle files and folders, pool them, write network.json and the report into `out`. */
export async function runNetwork(paths: string[], out: string, opts: { allowMixed?: boolean } = {}): Promise<NetworkFolder & { results: NetworkResults }> {
  const net = loadBundles(paths, opts);
  const results = poolBundles(net);
  return { ...(await writeNetworkFolder(out, results)), results };
}

/** `hve pool`: read a plain effects CSV (with rejects), pool it the same way, write the same outputs into `out`. */
export async function runPool(file: string, out: string, opts: { minCell?: number } = {}): Promise<NetworkFolder & { results: NetworkResults; csv: PoolCsv }> {
  const csv = await readPoolCsv(file);
  if (csv.accepted === 0) {
    const why = csv.read === 0 ? 'it has no data row' : `all ${csv.read} rows were rejected (${rejectReasonsText(csv)})`;
    throw new InputError(`${file} has nothing to pool: ${why}; a pool CSV needs rows of site, estimate and se or variance.`, { file });
  }
  const results = poolCsv(csv, file, opts);
  return { ...(await writeNetworkFolder(out, results, (tmp) => writePoolRejects(tmp, csv))), results, csv };
}
