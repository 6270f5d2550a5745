import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Vitest global setup: make sure Debian's Chromium is there for the browser tests, so that `npm test` on a
 * fresh machine (as root) installs it by itself. Does nothing when /usr/bin/chromium exists. When the install
 * cannot be done (not root, no apt), it warns and returns: the other tests still run, and the browser tests
 * then fail with the install instruction.
 */
export default function setup(): void {
  if (existsSync('/usr/bin/chromium') || process.env.HVE_CHROMIUM) return;
  const script = fileURLToPath(new URL('../../scripts/ensure-chromium.sh', import.meta.url));
  process.stderr.write('global setup: /usr/bin/chromium is missing; running scripts/ensure-chromium.sh\n');
  const r = spawnSync('bash', [script], { stdio: 'inherit' });
  if (r.status !== 0) process.stderr.write('global setup: could not install Chromium; the browser tests will fail (see the message above).\n');
}
