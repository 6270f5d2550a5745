import { readFileSync } from 'node:fs';

/** This package's version, from package.json. */
export function softwareVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
