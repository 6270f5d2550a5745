import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { bundleEstimate } from './bundle-fixture.js';
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
      `2 of 4 bundles use other definitions, versions or min_cell than the rest and are left out (pass --allow-mixed to pool them): ${join(d, 'c.json')} (chronic threshold 0.15, not 0.1), ${join(d, 'd.json')} (results schema 2.0.0, not 2.1.0).`,
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

  it('finds bundles two levels deep and names left-out ones by their path relative to the folder given', () => {
    const odd = bundleFixture({ site: 'c' });
    odd.definitions = { ...odd.definitions, chronic_threshold: 0.15 };
    const d = folderWith({ 'a/2017/bundle.json': bundleFixture({ site: 'a' }), 'b/2017/bundle.json': bundleFixture({ site: 'b' }), 'c/2017/bundle.json': odd, 'x/y/z/bundle.json': bundleFixture({ site: 'deep' }) });
    const rel = relative(process.cwd(), d);
    const net = loadBundles([rel]);
    expect(net.bundles.map((b) => [b.bundle.site, b.shown])).toEqual([['a', join(rel, 'a/2017/bundle.json')], ['b', join(rel, 'b/2017/bundle.json')]]);
    expect(net.excluded).toEqual([{ file: join(rel, 'c/2017/bundle.json'), site: 'c', year: 2017, reason: 'mixed_definitions' }]);
  });

  it('lists a bundle version it does not read as left out instead of stopping', () => {
    const d = folderWith({ 'a.json': bundleFixture({ site: 'a' }), 'b.json': bundleFixture({ site: 'b' }), 'v.json': { ...bundleFixture({ site: 'v' }), bundle_version: '9.0.0' } });
    const net = loadBundles([d]);
    expect(net.bundles.map((b) => b.bundle.site)).toEqual(['a', 'b']);
    expect(net.excluded).toEqual([{ file: join(d, 'v.json'), site: 'v', year: 2017, reason: 'mixed_version' }]);
    expect(net.notes[0]).toBe(`${join(d, 'v.json')} is bundle version 9.0.0, and this version reads 1.0.0, so it is left out; rebuild it with \`hve bundle\`.`);
    // named on the command line, too
    expect(loadBundles([join(d, 'a.json'), join(d, 'v.json')]).excluded).toHaveLength(1);
  });

  it("refuses a bundle with a count of 1 to min_cell − 1, naming the file and field", () => {
    const small = bundleFixture({ site: 'b' }, [bundleEstimate(), bundleEstimate({ method: 'unadjusted', n_comparison: 9 })]);
    const d = folderWith({ 'a.json': bundleFixture({ site: 'a' }), 'b.json': small });
    const e = thrown(() => loadBundles([d]));
    expect(isInputError(e)).toBe(true);
    expect(e.message).toContain(`${join(d, 'b.json')} has a count of 9 at outcomes.0.estimates.1.n_comparison`);
    expect(e.message).toContain("min_cell − 1 (9)");
  });

  it('leaves out bundles of another min_cell as mixed; with --allow-mixed checks every count against the largest', () => {
    // c: min_cell 5 and a count of 7, allowed by its own gate, not by the pool's min_cell of 10
    const c = bundleFixture({ site: 'c', min_cell: 5 }, [bundleEstimate({ n_treated: 7 })]);
    const d = folderWith({ 'a.json': bundleFixture({ site: 'a' }), 'b.json': bundleFixture({ site: 'b' }), 'c.json': c });
    const net = loadBundles([d]);
    expect(net.excluded.map((x) => [x.site, x.reason])).toEqual([['c', 'mixed_min_cell']]);
    expect(net.notes[0]).toContain(`${join(d, 'c.json')} (min_cell 5, not 10)`);
    expect(thrown(() => loadBundles([d], { allowMixed: true })).message).toContain(`${join(d, 'c.json')} has a count of 7 at outcomes.0.estimates.0.n_treated`);
  });
});
