import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

/**
 * Build a folder atomically: `build` writes into a temporary folder beside `target`; on success the old
 * folder is renamed aside, the new one renamed into place and the old one deleted; on failure the
 * temporary folder is removed and `target` is left untouched.
 */
export async function writeFolderAtomically<T>(target: string, build: (tmp: string) => Promise<T>): Promise<T> {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  let result: T;
  try {
    result = await build(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = join(parent, `.${basename(target)}.old-${process.pid}-${Date.now()}`);
  const hadOld = existsSync(target);
  if (hadOld) renameSync(target, old);
  try {
    renameSync(tmp, target);
  } catch (e) {
    if (hadOld) renameSync(old, target);
    throw e;
  }
  if (hadOld) rmSync(old, { recursive: true, force: true });
  return result;
}
