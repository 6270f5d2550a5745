/**
 * Ctrl-C / SIGTERM in the middle of ingest and in the middle of estimation: `hve run` stops within 2 s with exit
 * 130 / 143 and one line, the previous report is byte-identical (every file hashed) and no temporary folder is left
 * (neither the `.report.tmp-<pid>-…` output beside it nor DuckDB's spill folder).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import { sha256Text } from '../../src/util/sha256.js';
import { writePipeline } from '../helpers/write-pipeline.js';
import { ROOT } from '../helpers/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-interrupt-'));
const spill = join(dir, 'spill');
const report = join(dir, 'report');
const engine = { temp_directory: spill };

/** Every file under a folder with its SHA-256, by relative path. */
function hashTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(root, p)] = sha256Text(readFileSync(p));
    }
  };
  walk(root);
  return out;
}

/** Start `hve run`, send `signal` `delayMs` after a stderr line matches `when`, and report the exit code, the time from the signal to the exit, and stderr. */
function interruptRun(pipeline: string, when: RegExp, signal: NodeJS.Signals, delayMs = 0): Promise<{ code: number | null; ms: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'hve.js'), 'run', pipeline], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let sentAt = 0;
    let seen = false;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (!seen && when.test(stderr)) {
        seen = true;
        setTimeout(() => {
          sentAt = Date.now();
          child.kill(signal);
        }, delayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, ms: sentAt ? Date.now() - sentAt : NaN, stderr }));
  });
}

describe('an interrupted run', () => {
  let big: string;
  let previous: Record<string, string>;

  beforeAll(async () => {
    mkdirSync(spill);
    // the previous report: a small district's run into the same output folder
    await generateDistrict({ out: join(dir, 'small'), students: 400, schools: 4, seed: 5 });
    await runPipeline(writePipeline(dir, join(dir, 'small'), { engine }, 'small.yaml'));
    previous = hashTree(report);
    // big enough to be mid-ingest of its attendance (about 6M rows) and mid-estimation (subgroups) when signalled
    await generateDistrict({ out: join(dir, 'big'), students: 20_000, schools: 24, seed: 5 });
    big = writePipeline(dir, join(dir, 'big'), { engine }, 'big.yaml');
  }, 120_000);

  // the generated district is about 200 MB
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const leftovers = () => [...readdirSync(dir).filter((f) => f.startsWith('.report.')), ...readdirSync(spill)];

  it('SIGINT while the attendance extract is read: exit 130 within 2 s, the previous report untouched, nothing left behind', async () => {
    expect(Object.keys(previous)).toContain('results.json');
    const r = await interruptRun(big, /ingest visits: /, 'SIGINT');
    expect(r.stderr).not.toMatch(/ingest attendance: /); // it really was mid-ingest
    expect(r.code, r.stderr).toBe(130);
    expect(r.ms).toBeLessThan(2000);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('hve: interrupted; the previous report is unchanged.');
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
    expect(hashTree(report)).toEqual(previous);
    expect(leftovers()).toEqual([]);
  }, 60_000);

  it('SIGTERM while the models are fitted: exit 143 within 2 s, the previous report untouched, nothing left behind', async () => {
    // a second after the last stage before estimation (no survey here): reading the frame or fitting the models (about 10 s)
    const r = await interruptRun(big, /fidelity: /, 'SIGTERM', 1000);
    expect(r.stderr).not.toMatch(/estimate: \d+ outcomes|render: /); // it really was mid-estimation
    expect(r.code, r.stderr).toBe(143);
    expect(r.ms).toBeLessThan(2000);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('hve: interrupted; the previous report is unchanged.');
    expect(hashTree(report)).toEqual(previous);
    expect(leftovers()).toEqual([]);
  }, 90_000);
});
