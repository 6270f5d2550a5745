import { join, resolve } from 'node:path';
import { readGatedResults } from '../report/figure-pack/write-figure-pack.js';
import { buildBundle } from './build-bundle.js';
import { writeBundle } from './write-bundle.js';
import type { Bundle } from './bundle-schema.js';

/** `hve bundle`: read a run folder's results.json, gate it again, build the bundle and write it (default `<folder>/bundle.json`). */
export function makeBundle(runFolder: string, out?: string): { file: string; bundle: Bundle } {
  const bundle = buildBundle(readGatedResults(runFolder));
  const file = resolve(out ?? join(runFolder, 'bundle.json'));
  writeBundle(bundle, file);
  return { file, bundle };
}
