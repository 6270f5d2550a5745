import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Whether a process with this id is running (a process of another user counts as running). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Remove the folders of `parent` whose name matches `pattern` (its first group: the owning process id) and whose
 * owner is gone (a killed run's temporary output or DuckDB spill folder); a folder whose process is alive is
 * never touched. Returns the paths removed.
 */
export function removeStaleFolders(parent: string, pattern: RegExp, keep: (name: string) => boolean = () => false): string[] {
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of entries) {
    const m = pattern.exec(name);
    if (!m || keep(name)) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    const path = join(parent, name);
    try {
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // another run removed it first, or it is not ours to remove
    }
  }
  return removed;
}
