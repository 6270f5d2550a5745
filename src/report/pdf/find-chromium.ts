import { accessSync, constants, statSync } from 'node:fs';
import { InputError } from '../../util/input-error.js';

/** Where Chromium is looked for, in order: Debian's package first (what scripts/ensure-chromium.sh installs). */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'] as const;

/** The one sentence a user sees when no Chromium can be found. */
export const CHROMIUM_MISSING =
  'Chromium is not installed; run `sudo apt-get install -y chromium` (or `sudo bash scripts/ensure-chromium.sh`) and try again.';

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to use, or null: `HVE_CHROMIUM` when it is set (and only it, so a wrong setting is not
 * silently replaced by another browser), otherwise the first executable of `candidates`.
 */
export function findChromium(opts: { env?: NodeJS.ProcessEnv; candidates?: readonly string[] } = {}): string | null {
  const env = opts.env ?? process.env;
  const override = env.HVE_CHROMIUM?.trim();
  if (override) return isExecutableFile(override) ? override : null;
  return (opts.candidates ?? CHROMIUM_CANDIDATES).find(isExecutableFile) ?? null;
}

/** The Chromium to use; throws an InputError saying how to install it when there is none. */
export function requireChromium(opts: { env?: NodeJS.ProcessEnv; candidates?: readonly string[] } = {}): string {
  const found = findChromium(opts);
  if (found) return found;
  const override = (opts.env ?? process.env).HVE_CHROMIUM?.trim();
  if (override) throw new InputError(`HVE_CHROMIUM is set to ${override}, which is not an executable file; unset it or point it at Chromium and try again.`);
  throw new InputError(CHROMIUM_MISSING);
}

/** The flags every headless start uses here: no sandbox (root in CI), no GPU, no network chatter, no first-run UI. */
export const HEADLESS_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-dev-shm-usage',
] as const;
