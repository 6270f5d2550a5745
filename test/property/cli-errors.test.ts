/**
 * One CLI run per kind of bad input the property tests reach in-process: each is one sentence on one line of
 * stderr, exit 2, and no stack trace.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/run-cli.js';
import { PLAIN, makeFixture, removeFixture, writeCase, writeCsvText, type Fixture } from './district-fixture.js';

let f: Fixture;
let dir: string;

beforeAll(async () => {
  f = await makeFixture('cli', { dirty: 0 });
  dir = mkdtempSync(join(tmpdir(), 'hve-cli-errors-'));
}, 120_000);
afterAll(() => {
  removeFixture(f);
  rmSync(dir, { recursive: true, force: true });
});

/** Assert a CLI result is a user error: exit 2, one line on stderr starting "hve: ", no stack frame; returns the line. */
function userError(r: { code: number; stderr: string }): string {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s+at |internal error/m);
  expect(lines[0]).toMatch(/^hve: /);
  return lines[0]!;
}

describe('bad input through the CLI', () => {
  it('an empty extract', () => {
    const r = runCli(['validate', writeCase(f, { visits: '' }), '--quiet']);
    expect(userError(r)).toMatch(/The visits extract .*visits\.csv is empty \(no header line and no rows\)/);
  });

  it('a missing required column', () => {
    const t = f.tables.attendance;
    const i = t.header.indexOf('status');
    const dropped = { header: t.header.filter((_, j) => j !== i), rows: t.rows.map((r) => r.filter((_, j) => j !== i)) };
    const r = runCli(['validate', writeCase(f, { attendance: writeCsvText(dropped, PLAIN) }), '--quiet']);
    expect(userError(r)).toMatch(/attendance\.csv has no column "status"/);
  });

  it('a 10 MB field', () => {
    const t = f.tables.students;
    const rows = t.rows.map((r) => [...r]);
    rows[0]![6] = 'x'.repeat(10 * 1024 * 1024);
    const r = runCli(['run', writeCase(f, { students: writeCsvText({ header: t.header, rows }, PLAIN) }), '--quiet']);
    expect(userError(r)).toMatch(/students\.csv: line 2 is [\d,]+ bytes long, more than the 2,000,000 bytes/);
  });

  it('a UTF-16 extract', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(writeCsvText(f.tables.schools, PLAIN), 'utf16le')]);
    const r = runCli(['validate', writeCase(f, { schools: utf16 }), '--quiet']);
    expect(userError(r)).toMatch(/schools\.csv is UTF-16 text, which the CSV reader cannot read; save it as UTF-8/);
  });

  it('a header-only students extract', () => {
    const r = runCli(['run', writeCase(f, { students: f.tables.students.header.join(',') + '\n' }), '--quiet']);
    expect(userError(r)).toMatch(/has no rows/);
  });

  it('a header-only table for hve compare says it has no rows, not that a column must be numeric', () => {
    const data = join(dir, 'header-only.csv');
    writeFileSync(data, 'id,visited,attendance_rate\n');
    const line = userError(runCli(['compare', '--data', data, '--treatment', 'visited', '--outcome', 'attendance_rate', '--out', join(dir, 'cmp'), '--quiet']));
    expect(line).toContain('header-only.csv has no rows, only a header line');
    expect(line).not.toMatch(/numeric/);
  });

  it('an empty table for hve compare and hve pool', () => {
    const data = join(dir, 'empty.csv');
    writeFileSync(data, '');
    expect(userError(runCli(['compare', '--data', data, '--treatment', 't', '--outcome', 'y', '--out', join(dir, 'cmp2'), '--quiet']))).toMatch(/empty\.csv is empty/);
    expect(userError(runCli(['pool', data, '--out', join(dir, 'pool'), '--quiet']))).toMatch(/empty\.csv is empty/);
  });
});
