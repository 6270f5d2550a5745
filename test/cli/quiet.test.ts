/** `--quiet` on every command: the progress lines on stderr go, the result on stdout stays. */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { writeTinyDistrict } from '../helpers/tiny-district.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-quiet-'));
const PROGRESS = /^\[\s*\d+\.\ds\] \S/;

/** The stderr lines of a run, each of which must be a progress line. */
const progressLines = (stderr: string) => {
  const lines = stderr.split('\n').filter(Boolean);
  for (const l of lines) expect(l).toMatch(PROGRESS);
  return lines;
};

describe('--quiet', () => {
  let pipeline: string;
  beforeAll(() => {
    pipeline = writeTinyDistrict(join(dir, 'tiny'), [
      { id: 'A', students: 24, visited: 12 },
      { id: 'B', students: 16, visited: 0 },
    ]).pipeline;
  });

  it('hve generate: progress lines without it, none with it; the result line either way', () => {
    const args = ['generate', '--out', join(dir, 'gen'), '--students', '50', '--schools', '2'];
    const loud = runCli(args);
    const quiet = runCli([...args, '--quiet']);
    for (const r of [loud, quiet]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Generated 50 students in 2 schools into /);
    }
    expect(progressLines(loud.stderr).length).toBeGreaterThan(0);
    expect(quiet.stderr).toBe('');
  });

  it('hve validate', () => {
    const loud = runCli(['validate', pipeline]);
    const quiet = runCli(['validate', pipeline, '--quiet']);
    for (const r of [loud, quiet]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^extract\s+rows read\s+accepted\s+rejected/);
    }
    expect(progressLines(loud.stderr).length).toBeGreaterThan(0);
    expect(quiet.stderr).toBe('');
  });

  it('hve run (--quiet before the command too), then hve figures on its folder', () => {
    const loud = runCli(['run', pipeline]);
    const quiet = runCli(['--quiet', 'run', pipeline]);
    for (const r of [loud, quiet]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Wrote .*report\.html and results\.json in /);
    }
    expect(progressLines(loud.stderr).length).toBeGreaterThan(1);
    expect(quiet.stderr).toBe('');

    const folder = join(dir, 'tiny', 'report');
    const fLoud = runCli(['figures', folder]);
    const fQuiet = runCli(['figures', folder, '--quiet']);
    for (const r of [fLoud, fQuiet]) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^Wrote .*index\.html and statements\.md: /);
    }
    expect(progressLines(fLoud.stderr)).toHaveLength(1);
    expect(fQuiet.stderr).toBe('');
  });

  it('hve report: the progress line goes, the error stays (a Chromium that does not exist)', () => {
    const folder = join(dir, 'fake-run');
    mkdirSync(folder);
    writeFileSync(join(folder, 'report.html'), '<!doctype html><title>x</title>');
    process.env.HVE_CHROMIUM = join(dir, 'no-chromium');
    try {
      const loud = runCli(['report', folder, '--pdf']);
      const quiet = runCli(['report', folder, '--pdf', '--quiet']);
      const error = `hve: HVE_CHROMIUM is set to ${join(dir, 'no-chromium')}, which is not an executable file; unset it or point it at Chromium and try again.`;
      expect(loud.code).toBe(2);
      expect(loud.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(PROGRESS), error]);
      expect(quiet.code).toBe(2);
      expect(quiet.stderr.trimEnd().split('\n')).toEqual([error]);
    } finally {
      delete process.env.HVE_CHROMIUM;
    }
  });

  it('hve explain-config accepts it and still prints the JSON Schema', () => {
    const r = runCli(['explain-config', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(Object.keys(JSON.parse(r.stdout).properties)).toContain('outcome_year');
  });

});
