import { resolve } from 'node:path';
import type { Results } from '../results/results-schema.js';
import { applyPrivacyGate, type Publishable } from '../privacy/privacy-gate.js';
import { writeFolderAtomically } from '../util/atomic-dir.js';
import { writePublishable } from './write-outputs.js';

/** Gate results and write every publishable file into `out` atomically (what `hve compare` and `hve survey` end with). */
export async function publishFolder(raw: Results, minCell: number, out: string, extra?: (tmp: string) => Promise<void>): Promise<{ folder: string; publishable: Publishable<Results> }> {
  const publishable = applyPrivacyGate(raw, minCell);
  const folder = resolve(out);
  await writeFolderAtomically(folder, async (tmp) => {
    await writePublishable(tmp, publishable);
    if (extra) await extra(tmp);
  });
  return { folder, publishable };
}
