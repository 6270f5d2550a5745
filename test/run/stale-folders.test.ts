/** A new run removes the temporary folders of killed runs (their process is gone) and never those of a live one. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runPipeline } from '../../src/run/run-pipeline.js';
import { pidAlive, removeStaleFolders } from '../../src/util/stale-folders.js';
import { writeTinyDistrict } from '../helpers/tiny-district.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-stale-'));

/** The id of a process that has exited (a child that ran and is gone). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '0']);
  expect(r.status).toBe(0);
  return r.pid!;
}

/** Make a folder holding one file, as a killed run leaves it. */
function leftover(path: string): string {
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'rejects.csv'), 'student_id\nT00001\n');
  return path;
}

describe('stale temporary folders', () => {
  it('pidAlive: this process and its parent are alive, an exited child is not', () => {
    expect(pidAlive(process.pid)).toBe(true);
    expect(pidAlive(process.ppid)).toBe(true);
    expect(pidAlive(deadPid())).toBe(false);
  });

  it('removeStaleFolders takes only matching names whose pid is gone', () => {
    const d = join(dir, 'unit');
    const dead = deadPid();
    const gone = leftover(join(d, `hve-duckdb-${dead}-ab12`));
    const live = leftover(join(d, `hve-duckdb-${process.ppid}-cd34`));
    const other = leftover(join(d, `other-${dead}-ab12`));
    expect(removeStaleFolders(d, /^hve-duckdb-(\d+)-[0-9a-f]+$/)).toEqual([gone]);
    expect([existsSync(gone), existsSync(live), existsSync(other)]).toEqual([false, true, true]);
  });

  it('a run removes the dead ones beside its output and in its temp_directory, and keeps the live ones', async () => {
    const { pipeline } = writeTinyDistrict(join(dir, 'tiny'), [
      { id: 'A', students: 24, visited: 12 },
      { id: 'B', students: 16, visited: 0 },
    ]);
    const spill = join(dir, 'tiny', 'spill');
    mkdirSync(spill);
    writeFileSync(pipeline, stringify({ ...parse(readFileSync(pipeline, 'utf8')), engine: { temp_directory: 'spill' } }));
    const tiny = join(dir, 'tiny');
    const dead = deadPid();
    // a killed run's output folder and DuckDB spill folder, and the same of a run still going (the test runner's pid)
    const deadTmp = leftover(join(tiny, `.report.tmp-${dead}-1764590000000`));
    const deadSpill = leftover(join(spill, `hve-duckdb-${dead}-0123456789ab`));
    const liveTmp = leftover(join(tiny, `.report.tmp-${process.ppid}-1764590000000`));
    const liveSpill = leftover(join(spill, `hve-duckdb-${process.ppid}-0123456789ab`));
    // a killed swap's renamed-aside previous report: removed only once the report itself is in place
    const deadOld = leftover(join(tiny, `.report.old-${dead}-1764590000000`));
    const otherTarget = leftover(join(tiny, `.reports.tmp-${dead}-1764590000000`));

    await runPipeline(pipeline);
    expect(existsSync(join(tiny, 'report', 'results.json'))).toBe(true);
    expect({ deadTmp: existsSync(deadTmp), deadSpill: existsSync(deadSpill), liveTmp: existsSync(liveTmp), liveSpill: existsSync(liveSpill), otherTarget: existsSync(otherTarget) }).toEqual({
      deadTmp: false,
      deadSpill: false,
      liveTmp: true,
      liveSpill: true,
      otherTarget: true,
    });
    // the report did not exist when the run began, so the renamed-aside folder was kept (it may be the only copy) …
    expect(existsSync(deadOld)).toBe(true);
    // … and the next run, with the report in place, removes it
    await runPipeline(pipeline);
    expect(existsSync(deadOld)).toBe(false);
    expect([existsSync(liveTmp), existsSync(liveSpill)]).toEqual([true, true]);
  }, 120_000);
});
