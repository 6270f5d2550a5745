/** When a run does not unwind after a signal (a stuck await), the trap removes its temporary paths and exits by itself. */
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/paths.js';
import { GRACE_MS, INTERRUPTED_LINE } from '../../src/util/interrupt.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-trap-'));

/** Run a script that traps signals around a promise that never settles, holding one registered temporary folder. */
function stuckChild(second: boolean): Promise<{ code: number | null; ms: number; stderr: string; tmp: string }> {
  const tmp = join(dir, `tmp-${second ? 'twice' : 'once'}`);
  const script = join(dir, `stuck-${second ? 'twice' : 'once'}.mts`);
  const api = pathToFileURL(join(ROOT, 'src', 'util', 'interrupt.ts')).href;
  writeFileSync(
    script,
    `import { mkdirSync } from 'node:fs';
     import { withInterruptTrap, registerTempPath } from ${JSON.stringify(api)};
     mkdirSync(${JSON.stringify(tmp)});
     registerTempPath(${JSON.stringify(tmp)});
     setInterval(() => {}, 1000);
     await withInterruptTrap(() => {
       process.stderr.write('ready\\n');
       return new Promise(() => {});
     });`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: ROOT });
    let stderr = '';
    let sentAt = 0;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!sentAt && stderr.includes('ready')) {
        sentAt = Date.now();
        child.kill('SIGTERM');
        if (second) setTimeout(() => child.kill('SIGTERM'), 100);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, ms: Date.now() - sentAt, stderr, tmp }));
  });
}

describe('the interrupt trap', () => {
  it(`after ${GRACE_MS} ms without unwinding: the temporary folder removed, the one line, exit 143`, async () => {
    const r = await stuckChild(false);
    expect(r.code, r.stderr).toBe(143);
    expect(r.ms).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect(r.ms).toBeLessThan(2000 + 500); // the grace period, then exit (500 ms of slack for a loaded machine)
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(INTERRUPTED_LINE);
    expect(existsSync(r.tmp)).toBe(false);
  }, 30_000);

  it('a second signal does not wait for the grace period', async () => {
    const r = await stuckChild(true);
    expect(r.code, r.stderr).toBe(143);
    expect(r.ms).toBeLessThan(GRACE_MS);
    expect(existsSync(r.tmp)).toBe(false);
  }, 30_000);
});
