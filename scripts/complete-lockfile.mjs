#!/usr/bin/env node
// `npm install` here records only the host's platform packages (e.g. @duckdb/node-bindings-linux-x64) in
// package-lock.json, because this machine's registry lacks the other platforms' builds of the pinned versions;
// `npm ci` (npm ≥ 11.6.2) then refuses the lockfile: "Missing: @duckdb/node-bindings-darwin-arm64@ from lock
// file" (npm/cli #8805, #4828). This adds a record for each missing optional platform package with the os,
// cpu and libc read from its name, marked optional, so `npm ci` accepts the lockfile and skips those packages
// on this platform exactly as it would anyway. Run after changing dependencies: `npm install && node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const pkgs = lock.packages;

/** os, cpu and libc of a platform package, from the platform part of its name. */
function platformOf(name) {
  const tail = name.split('/').pop();
  const os = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'sunos', 'aix'].find((o) => tail.includes(`-${o}-`) || tail.endsWith(`-${o}`));
  const cpu = ['arm64', 'x64', 'riscv64', 'ia32', 's390x', 'ppc64', 'arm'].find((c) => new RegExp(`-${c}(-|$)`).test(tail));
  const libc = tail.includes('musl') ? 'musl' : os === 'linux' ? 'glibc' : null;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (pkgs[key] || pkgs[`${path}/${key}`]) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os || !cpu) throw new Error(`cannot tell the platform of ${dep}; add its record by hand`);
    pkgs[key] = { version, optional: true, os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
    added++;
    console.log(`added ${dep}@${version} (${os} ${cpu}${libc ? ` ${libc}` : ''})`);
  }
}
lock.packages = Object.fromEntries(Object.keys(pkgs).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)).map((k) => [k, pkgs[k]]));
writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`${added} platform package records added`);
