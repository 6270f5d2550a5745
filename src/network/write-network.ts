import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFolderAtomically } from '../util/atomic-dir.js';
import { NetworkResultsSchema, type NetworkResults } from './network-schema.js';

type ReportWriter = (folder: string, results: NetworkResults) => unknown;

/** Part H's report writer (src/network/report/index.ts), or null while this checkout has none. */
async function reportWriter(): Promise<ReportWriter | null> {
  const here = new URL('.', import.meta.url);
  for (const name of ['report/index.ts', 'report/index.js']) {
    const url = new URL(name, here);
    try {
      const m = (await import(url.href)) as { writeNetworkReport?: ReportWriter };
      return m.writeNetworkReport ?? null;
    } catch (e) {
      if ((e as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND' || !String((e as Error).message).includes(url.pathname)) throw e;
    }
  }
  return null;
}

/** What the network folder holds. */
export interface NetworkFolder {
  folder: string;
  report: boolean;
}

/** Write network.json (validated) and the network report into `out`, atomically: built beside it and swapped in when complete; `extra` writes more files into the folder (hve pool: its rejects). */
export async function writeNetworkFolder(out: string, results: NetworkResults, extra?: (tmp: string) => void): Promise<NetworkFolder> {
  const folder = resolve(out);
  const checked = NetworkResultsSchema.parse(results);
  const writer = await reportWriter();
  await writeFolderAtomically(folder, async (tmp) => {
    writeFileSync(join(tmp, 'network.json'), `${JSON.stringify(checked, null, 2)}\n`);
    if (writer) await writer(tmp, checked);
    extra?.(tmp);
  });
  return { folder, report: writer != null };
}
