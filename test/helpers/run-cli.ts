import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './paths.js';

/** Run the hve CLI as a user would, returning exit code and output. */
export function runCli(args: string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'hve.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
