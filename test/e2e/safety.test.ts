/** Review fixes: outputs never replace a folder the tool did not write; no visits and a corrupt results.json are user errors. */
import { describe, it, expect } from 'vitest';
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFolderAtomically } from '../../src/util/atomic-dir.js';
import { InputError } from '../../src/util/input-error.js';
import { freshDir } from '../helpers/paths.js';
import { writeTinyDistrict } from '../helpers/tiny-district.js';
import { runCli } from '../helpers/run-cli.js';

const dir = freshDir('safety');

describe('output safety', () => {
  it('refuses to replace a non-empty folder it did not write, and leaves it intact', async () => {
    const target = join(dir, 'mine');
    mkdirSync(target);
    writeFileSync(join(target, 'notes.txt'), 'keep me');
    await expect(writeFolderAtomically(target, async () => 1)).rejects.toThrow(InputError);
    expect(readFileSync(join(target, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('replaces an empty folder or an earlier output folder', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    await writeFolderAtomically(empty, async (tmp) => writeFileSync(join(tmp, 'results.json'), '{}'));
    expect(existsSync(join(empty, 'results.json'))).toBe(true);
    await writeFolderAtomically(empty, async (tmp) => writeFileSync(join(tmp, 'report.html'), 'x'));
    expect(existsSync(join(empty, 'results.json'))).toBe(false);
  });

  it('stops a run with no visited student with one sentence and exit 2', () => {
    const tiny = writeTinyDistrict(join(dir, 'novisits'), [{ id: 'A', students: 20, visited: 0 }]);
    const r = runCli(['run', tiny.pipeline, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/No student of the analytic sample had a completed visit/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('says a corrupt results.json is not valid JSON (exit 2), for hve figures', () => {
    const bad = join(dir, 'bad-run');
    mkdirSync(bad);
    writeFileSync(join(bad, 'results.json'), '{bad');
    const r = runCli(['figures', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is not valid JSON/);
  });
});
