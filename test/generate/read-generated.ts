import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A tiny reader of a generated district for the generator's tests, independent of the pipeline: the
 * generator never quotes a field of these files, so a line splits on commas.
 */
export function readCsv(dir: string, file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(dir, file), 'utf8').trimEnd().split('\n');
  const cols = header!.split(',');
  return lines.map((l) => {
    const f = l.split(',');
    return Object.fromEntries(cols.map((c, k) => [c, f[k] ?? '']));
  });
}
