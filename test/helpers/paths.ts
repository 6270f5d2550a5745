import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A fresh folder under test-output/ for one test file. */
export function freshDir(name: string): string {
  const dir = join(ROOT, 'test-output', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}
