import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { InputError } from './input-error.js';
import { registerTempPath, withInterruptTrap } from './interrupt.js';
import { removeStaleFolders } from './stale-folders.js';

/** Files that mark a folder as one this tool wrote (a run, a validation, a generated district, a figure folder). */
const MARKERS = ['results.json', 'report.html', 'row_accounting.json', 'truth.json', 'statements.md', 'group-means.svg', 'network.json'];

/** Refuse to replace a non-empty folder that this tool did not write: the swap would delete everything in it. */
export function assertReplaceable(target: string): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new InputError(`The output ${target} is a file, not a folder; choose another output.`);
  const entries = readdirSync(target);
  if (entries.length === 0 || MARKERS.some((m) => entries.includes(m))) return;
  throw new InputError(`The output folder ${target} already holds other files (${entries.slice(0, 3).join(', ')}${entries.length > 3 ? ', …' : ''}) and a run replaces the whole folder; choose a new or empty folder.`);
}

/** The temporary folders of a target `<parent>/<name>`: `.<name>.tmp-<pid>-<ms>` (being built) and `.<name>.old-<pid>-<ms>` (being deleted). */
function siblingPattern(name: string, kind: 'tmp' | 'old'): RegExp {
  const escaped = name.replace(/[.*+?^$()|[\]{}\\]/g, '\\$&');
  return new RegExp(`^\\.${escaped}\\.${kind}-(\\d+)-\\d+$`);
}

/**
 * Remove the temporary folders beside `target` left by runs that were killed (their process is gone): their
 * half-built output, and the previous output a killed swap had renamed aside, once `target` itself is in place.
 */
export function removeStaleSiblings(target: string): string[] {
  const parent = dirname(target);
  const name = basename(target);
  const removed = removeStaleFolders(parent, siblingPattern(name, 'tmp'));
  if (existsSync(target)) removed.push(...removeStaleFolders(parent, siblingPattern(name, 'old')));
  return removed;
}

/**
 * Build a folder atomically: `build` writes into a temporary folder beside `target`; on success the old
 * folder is renamed aside, the new one renamed into place and the old one deleted; on failure, or on
 * Ctrl-C / SIGTERM (see `withInterruptTrap`), the temporary folder (which may hold student-level rejects) is
 * removed and `target` is left untouched. Temporary folders of killed runs are removed first. A non-empty target
 * that this tool did not write is refused.
 */
export async function writeFolderAtomically<T>(target: string, build: (tmp: string) => Promise<T>): Promise<T> {
  assertReplaceable(target);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  removeStaleSiblings(target);
  const tmp = join(parent, `.${basename(target)}.tmp-${process.pid}-${Date.now()}`);
  mkdirSync(tmp);
  const unregister = registerTempPath(tmp);
  try {
    let result: T;
    try {
      result = await withInterruptTrap(() => build(tmp));
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
      rmSync(tmp, { recursive: true, force: true });
      throw e;
    }
    if (hadOld) rmSync(old, { recursive: true, force: true });
    return result;
  } finally {
    unregister();
  }
}
