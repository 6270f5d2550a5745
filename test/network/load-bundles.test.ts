import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBundles } from '../../src/network/load-bundles.js';
import { isInputError } from '../../src/util/input-error.js';
import type { Bundle } from '../../src/network/bundle-schema.js';
import { bundleFixture } from './bundle-fixture.js';

function folderWith(files: Record<string, unknown>): string {
  const d = mkdtempSync(join(tmpdir(), 'hve-bundles-'));
  for (const [name, json] of Object.entries(files)) {
    mkdirSync(join(d, name, '..'), { recursive: true });
    writeFileSync(join(d, name), JSON.stringify(json));
  }
  return d;
}

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}

describe('loadBundles', () => {
  it('reads every bundle of a folder and of its subfolders, and skips JSON files that are no bundle', () => {
    const d = folderWith({ 'a.json': bundleFixture({ site: 'a' }), 'sub/b.json': bundleFixture({ site: 'b' }), 'sub/results.json': { schema_version: '2.1.0' } });
    const net = loadBundles([d]);
    expect(net.bundles.map((b) => b.bundle.site)).toEqual(['a', 'b']);
    expect(net.excluded).toEqual([]);
  });

  it('names the file and the field of a bundle that fails its schema', () => {
    const bad = bundleFixture({ site: 'a' }) as unknown as { outcomes: { estimates: Record<string, unknown>[] }[] };
    bad.outcomes[0]!.estimates[0]!.se = 'large';
    const d = folderWith({ 'bad.json': bad });
    const e = thrown(() => loadBundles([d]));
    expect(isInputError(e)).toBe(true);
    expect(e.message).toContain(join(d, 'bad.json'));
    expect(e.message).toContain('at outcomes.0.estimates.0.se');
  });

  it('leaves out, in one sentence, bundles with other definitions or versions, unless allow-mixed', () => {
    const odd = bundleFixture({ site: 'c' });
    odd.definitions = { ...odd.definitions, chronic_threshold: 0.15 };
    const old: Bundle = bundleFixture({ site: 'd' });
    old.provenance = { ...old.provenance, results_schema_version: '2.0.0' };
    const d = folderWith({ 'a.json': bundleFixture({ site: 'a' }), 'b.json': bundleFixture({ site: 'b' }), 'c.json': odd, 'd.json': old });
    const net = loadBundles([d]);
    expect(net.bundles.map((b) => b.bundle.site)).toEqual(['a', 'b']);
    expect(net.excluded.map((x) => [x.site, x.reason])).toEqual([['c', 'mixed_definitions'], ['d', 'mixed_version']]);
    expect(net.notes).toEqual([
      '2 of 4 bundles use other definitions or versions than the rest and are left out (pass --allow-mixed to pool them): c.json (chronic threshold 0.15, not 0.1), d.json (results schema 2.0.0, not 2.1.0).',
    ]);
    const mixed = loadBundles([d], { allowMixed: true });
    expect(mixed.bundles).toHaveLength(4);
    expect(mixed.mixed).toBe(true);
    expect(mixed.excluded).toEqual([]);
  });

  it('refuses a duplicate site-year in one sentence naming both files', () => {
    const d = folderWith({ 'one.json': bundleFixture({ site: 'a' }), 'two.json': bundleFixture({ site: 'a' }) });
    const e = thrown(() => loadBundles([d]));
    expect(isInputError(e)).toBe(true);
    expect(e.message).toBe(`${join(d, 'one.json')} and ${join(d, 'two.json')} are both a 2017; a site-year can be pooled once, so remove one of them.`);
    // two years of one site are fine
    const ok = folderWith({ 'one.json': bundleFixture({ site: 'a' }), 'two.json': bundleFixture({ site: 'a', outcome_year: 2018 }) });
    expect(loadBundles([ok]).bundles).toHaveLength(2);
  });

  it('refuses a file named on the command line that is not a bundle', () => {
    const d = folderWith({ 'results.json': { schema_version: '2.1.0' } });
    expect(thrown(() => loadBundles([join(d, 'results.json')])).message).toMatch(/is not a bundle \(it has no bundle_version\)/);
  });
});
