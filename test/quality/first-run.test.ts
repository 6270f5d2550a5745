/**
 * A real district's first run (issue 7): each data mistake a new evaluator made, built from a generated
 * district's own files. Each must stop `hve run` with exit 2 and one sentence (and write the rejects
 * summary), or be read correctly; the override settings let the same run finish, with the gates shown in
 * the report; and with a correct mapping the results equal those of the clean district to 1e-12.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import type { Results } from '../../src/results/results-schema.js';
import { freshDir } from '../helpers/paths.js';
import { writePipeline } from '../helpers/write-pipeline.js';
import { runCli } from '../helpers/run-cli.js';

const root = freshDir('first-run');
const clean = join(root, 'clean');
let baseline: Results;

/** A copy of the clean district with `edit` applied to the lines of one extract (header included). */
function district(name: string, file: string, edit: (lines: string[]) => string[]): string {
  const dir = join(root, name, 'data');
  mkdirSync(dir, { recursive: true });
  cpSync(clean, dir, { recursive: true });
  const lines = readFileSync(join(clean, file), 'utf8').trimEnd().split('\n');
  writeFileSync(join(dir, file), edit(lines).join('\n') + '\n');
  return dir;
}

/** A pipeline for a district folder, with per-source settings merged in and top-level keys added. */
function pipeline(name: string, data: string, sources: Record<string, Record<string, unknown>> = {}, extra: Record<string, unknown> = {}): string {
  const all: Record<string, unknown> = {};
  for (const x of ['students', 'visits', 'attendance', 'discipline', 'assessments']) all[x] = { path: join(data, `${x}.csv`), ...sources[x] };
  mkdirSync(join(root, name), { recursive: true });
  return writePipeline(join(root, name), data, { sources: all, ...extra }, `${name}.yaml`);
}

const readResults = (name: string): Results => JSON.parse(readFileSync(join(root, name, 'report', 'results.json'), 'utf8'));
const reportText = (name: string) => readFileSync(join(root, name, 'report', 'report.html'), 'utf8');
const summaryCsv = (name: string) => readFileSync(join(root, name, 'report-validation', 'reject_summary.csv'), 'utf8');
const fmt = (n: number) => n.toLocaleString('en-US');
const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;

/** Replace field `k` of every data line (not the header) by `f(value, line index)`. */
function field(k: number, f: (v: string, i: number) => string) {
  return (lines: string[]) => [lines[0]!, ...lines.slice(1).map((l, i) => {
    const c = l.split(',');
    c[k] = f(c[k]!, i);
    return c.join(',');
  })];
}

/** Every number of the estimates, subgroups and sample flow of two runs agrees to `tol`. */
function expectSameNumbers(a: unknown, b: unknown, tol: number, path = ''): void {
  if (typeof a === 'number' && typeof b === 'number') {
    expect(Math.abs(a - b), path).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(a)));
  } else if (Array.isArray(a) && Array.isArray(b)) {
    expect(b.length, path).toBe(a.length);
    a.forEach((x, i) => expectSameNumbers(x, b[i], tol, `${path}[${i}]`));
  } else if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of Object.keys(a)) expectSameNumbers((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${path}.${k}`);
  } else {
    expect(b, path).toEqual(a);
  }
}
const estimatesOf = (r: Results) => ({ outcomes: r.outcomes, sample_flow: r.sample_flow, balance: r.balance, subgroups: r.subgroups, dose: r.dose, school_level: r.school_level });

beforeAll(async () => {
  await generateDistrict({ out: clean, students: 2000, schools: 12, seed: 1 });
  const run = runCli(['run', pipeline('baseline', clean), '--quiet']);
  expect(run.code, run.stderr).toBe(0);
  baseline = readResults('baseline');
}, 120_000);

describe('data-quality gates stop a run with one sentence', () => {
  it('a wrong date_format on the visit log: the rejected share stops the run; raising max_reject_share lets it finish, shown in the report', () => {
    // visit dates written month/day/year, read as day/month/year: a day above 12 cannot be a month
    const us = (iso: string) => (iso ? `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}` : iso);
    const data = district('date-format', 'visits.csv', (l) => field(3, us)(field(4, us)(field(8, us)(l))));
    const lines = readFileSync(join(data, 'visits.csv'), 'utf8').trimEnd().split('\n').slice(1);
    const badVisitDate = lines.filter((l) => Number(l.split(',')[3]!.slice(3, 5)) > 12).length;
    const rows = lines.length;
    const r = runCli(['run', pipeline('date-format', data, { visits: { date_format: '%d/%m/%Y' } }), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // the visit_date rule comes before the other date columns, so its count is exactly the rows with a day above 12
    expect(r.stderr).toContain(`${fmt(badVisitDate)} bad_date in visit_date (e.g. "`);
    expect(r.stderr).toMatch(new RegExp(`^hve: visits: [\\d,]+ of ${fmt(rows)} rows \\([\\d.]+%\\) were rejected, more than quality\\.max_reject_share \\(2\\.0%\\): `));
    expect(r.stderr).toContain("check the source's date_format, or raise quality.max_reject_share to go on.");
    expect(existsSync(join(root, 'date-format', 'report'))).toBe(false);
    expect(summaryCsv('date-format')).toContain(`visits,bad_date,visit_date,,${badVisitDate},`);

    const ok = runCli(['run', pipeline('date-format', data, { visits: { date_format: '%d/%m/%Y' } }, { quality: { max_reject_share: 1 } }), '--quiet']);
    expect(ok.code, ok.stderr).toBe(0);
    const gate = readResults('date-format').quality!.gates.find((g) => g.gate === 'reject_share' && g.extract === 'visits')!;
    expect(gate.status).toBe('passed');
    expect(gate.threshold).toBe(1);
    expect(reportText('date-format')).toContain(`${fmt(gate.rows!)} of ${fmt(rows)} (${pct(gate.rows!, rows)})`);
  });

  it('an unmapped attendance code stops the run with the sentence the issue asks for; unknown_codes: reject drops the rows; mapping it gives the clean results to 1e-12', () => {
    const data = district('attendance-code', 'attendance.csv', field(3, (v) => (v === 'excused' ? 'E' : v)));
    const lines = readFileSync(join(clean, 'attendance.csv'), 'utf8').trimEnd().split('\n').slice(1);
    const e = lines.filter((l) => l.endsWith(',excused')).length;
    expect(e).toBeGreaterThan(100);
    const r = runCli(['run', pipeline('attendance-code', data), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `hve: attendance: ${fmt(e)} of ${fmt(lines.length)} rows (${pct(e, lines.length)}) have status code "E", which is not mapped; add it under \`values: { status: … }\`, or set \`quality.unknown_codes: reject\` (and raise quality.max_reject_share above ${pct(e, lines.length)}) to drop them.`,
    );
    expect(summaryCsv('attendance-code')).toContain(`attendance,unknown_code,status,E,${e},E`);

    // dropping them counts toward the rejected share: the sentence says to raise it when they are more than 2%
    const dropped = runCli(['run', pipeline('attendance-code', data, {}, { quality: { unknown_codes: 'reject', max_reject_share: 0.1 } }), '--quiet']);
    expect(dropped.code, dropped.stderr).toBe(0);
    const res = readResults('attendance-code');
    expect(res.quality!.gates.find((g) => g.gate === 'unknown_codes')).toMatchObject({ extract: 'attendance', column: 'status', code: 'E', rows: e, status: 'dropped' });
    expect(res.provenance.inputs.find((i) => i.extract === 'attendance')!.rejected_by_reason.unknown_code).toBe(e);
    expect(reportText('attendance-code')).toContain('Rows dropped by choice.');

    const mapped = runCli(['run', pipeline('attendance-code', data, { attendance: { values: { status: { E: 'excused' } } } }), '--quiet']);
    expect(mapped.code, mapped.stderr).toBe(0);
    expectSameNumbers(estimatesOf(baseline), estimatesOf(readResults('attendance-code')), 1e-12);
  });

  it('visits naming students not on the roster: the roster-match gate says visited families would count as comparison students', () => {
    // every 20th visit names a student who is not in the students extract (5%)
    const data = district('visit-match', 'visits.csv', field(1, (v, i) => (i % 20 === 0 ? `X${v}` : v)));
    const rows = readFileSync(join(data, 'visits.csv'), 'utf8').trimEnd().split('\n').length - 1;
    const unmatched = Math.ceil(rows / 20);
    const r = runCli(['run', pipeline('visit-match', data), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `hve: visits: only ${fmt(rows - unmatched)} of ${fmt(rows)} visit records (${pct(rows - unmatched, rows)}) name a student of the students extract, below quality.min_visit_match (98.0%), so visited families would be counted as comparison students;`,
    );
    // the reject-share gate fails too, on its own line
    expect(r.stderr).toContain(`visits: ${fmt(unmatched)} of ${fmt(rows)} rows (${pct(unmatched, rows)}) were rejected`);
  });

  it('an assessment subject that is not canonical stops the run; values: { subject: { Reading: ela } } maps it and gives the clean results', () => {
    const data = district('subject', 'assessments.csv', field(2, (v) => (v === 'ela' ? 'Reading' : v)));
    const lines = readFileSync(join(clean, 'assessments.csv'), 'utf8').trimEnd().split('\n').slice(1);
    const ela = lines.filter((l) => l.split(',')[2] === 'ela').length;
    const r = runCli(['run', pipeline('subject', data), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(
      `hve: assessments: ${fmt(ela)} of ${fmt(lines.length)} rows (${pct(ela, lines.length)}) have subject code "Reading", which is not mapped; add it under \`values: { subject: … }\`, or set \`quality.unknown_codes: reject\` (and raise quality.max_reject_share above ${pct(ela, lines.length)}) to drop them.`,
    );
    const mapped = runCli(['run', pipeline('subject', data, { assessments: { values: { subject: { Reading: 'ela' } } } }), '--quiet']);
    expect(mapped.code, mapped.stderr).toBe(0);
    expectSameNumbers(estimatesOf(baseline), estimatesOf(readResults('subject')), 1e-12);
  });
});

describe('strict, complete mappings', () => {
  it('a mapped header that the file does not have is an error naming it and listing the real headers', () => {
    const data = district('header', 'students.csv', (l) => [l[0]!.replace(',frl,', ',FRL_Status,'), ...l.slice(1)]);
    const r = runCli(['validate', pipeline('header', data, { students: { columns: { frl: 'FRL' } } }), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `hve: ${join(data, 'students.csv')} has no column "FRL", which the students mapping names for frl (its headers are: "student_id", "school_id", "school_year", "grade", "entry_date", "exit_date", "gender", "race_ethnicity", "FRL_Status", "ell", "swd", "family_id").\n`,
    );
  });

  it('values: on a column that is not coded is an error naming the coded columns', () => {
    const r = runCli(['validate', pipeline('values-id', clean, { students: { values: { student_id: { a: 'b' } } } }), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hve: The students "values" mapping names "student_id", which is not a coded column \(it is an id\); values: works on grade, gender, race_ethnicity, frl, ell, swd\.\n$/);
  });

  it('FRL "Unknown" mapped to null is a missing value, counted in the data-quality section, never a reject', () => {
    // every 10th enrolment row says Unknown
    const data = district('frl-unknown', 'students.csv', field(8, (v, i) => (i % 10 === 0 ? 'Unknown' : v)));
    const rows = readFileSync(join(data, 'students.csv'), 'utf8').trimEnd().split('\n').length - 1;
    const unknown = Math.ceil(rows / 10);
    const bad = runCli(['validate', pipeline('frl-unknown', data), '--quiet']);
    expect(bad.code).toBe(0);
    expect(bad.stdout).toMatch(new RegExp(`students\\s+bad_bool\\s+frl\\s+-\\s+${fmt(unknown)}\\s+"Unknown"`));
    expect(bad.stdout).toContain('STOP  students:');

    const r = runCli(['run', pipeline('frl-unknown', data, { students: { values: { frl: { Unknown: null } } } }), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const res = readResults('frl-unknown');
    expect(res.provenance.inputs.find((i) => i.extract === 'students')!.rows_rejected).toBe(0);
    expect(res.quality!.missing.find((m) => m.extract === 'students' && m.column === 'frl')).toEqual({
      extract: 'students', column: 'frl', present: true, rows, missing: unknown, mapped_to_missing: ['Unknown'],
    });
    expect(reportText('frl-unknown')).toMatch(new RegExp(`students: <code>frl</code></td><td class="num">${fmt(unknown)}</td><td class="num">${fmt(rows)}</td>`));
  });

  it('a code mapped to null in a required column is refused in one sentence', () => {
    const r = runCli(['validate', pipeline('null-required', clean, { students: { values: { grade: { X: null } } } }), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^hve: The students "values" mapping sends grade code "X" to null \(missing\), but grade is a required column; map it to one of pk, k, /);
  });

  it('school years written 2016-17, 2016–2017 and SY1617 are read as the year they end in: the clean results to 1e-12', () => {
    const forms = [(y: number) => `${y - 1}-${String(y).slice(2)}`, (y: number) => `${y - 1}–${y}`, (y: number) => `SY${String(y - 1).slice(2)}${String(y).slice(2)}`];
    const data = district('school-years', 'students.csv', field(2, (v, i) => forms[i % 3]!(Number(v))));
    const a = readFileSync(join(clean, 'assessments.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(data, 'assessments.csv'), field(1, (v, i) => forms[(i + 1) % 3]!(Number(v)))(a).join('\n') + '\n');
    expect(readFileSync(join(data, 'students.csv'), 'utf8')).toContain(',2015-16,');
    const r = runCli(['run', pipeline('school-years', data), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const res = readResults('school-years');
    for (const i of res.provenance.inputs) expect(i.rows_rejected, i.extract).toBe(0);
    expectSameNumbers(estimatesOf(baseline), estimatesOf(res), 1e-12);
  });

  it('mixed line endings are named in the error, with the counts and the first line that differs', () => {
    const data = district('line-endings', 'visits.csv', (l) => l);
    const lines = readFileSync(join(clean, 'visits.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(data, 'visits.csv'), lines.map((x, i) => x + (i < 100 ? '\r\n' : '\n')).join(''));
    const r = runCli(['validate', pipeline('line-endings', data), '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `hve: ${join(data, 'visits.csv')} mixes line endings (100 in CRLF (Windows) and ${fmt(lines.length - 100)} in LF (Unix); the first that differs is line 101), which the CSV reader cannot parse safely; save it with one kind of line ending (e.g. \`dos2unix\` or "Save as CSV" again) and rerun.\n`,
    );
  });
});

describe('hve validate', () => {
  it('prints the rejects grouped by reason, column and code, and the gates, not row by row', () => {
    const data = district('validate-summary', 'attendance.csv', field(3, (v, i) => (v === 'excused' ? (i % 2 ? 'E' : 'exc') : v)));
    const r = runCli(['validate', pipeline('validate-summary', data), '--quiet']);
    expect(r.code).toBe(0);
    const lines = readFileSync(join(clean, 'attendance.csv'), 'utf8').trimEnd().split('\n').slice(1);
    const e = lines.filter((l, i) => l.endsWith(',excused') && i % 2).length;
    const exc = lines.filter((l, i) => l.endsWith(',excused') && !(i % 2)).length;
    expect(r.stdout).toMatch(new RegExp(`attendance\\s+unknown_code\\s+status\\s+E\\s+${fmt(e)}\\s+"E"`));
    expect(r.stdout).toMatch(new RegExp(`attendance\\s+unknown_code\\s+status\\s+exc\\s+${fmt(exc)}\\s+"exc"`));
    expect(r.stdout).toContain(`STOP  attendance: ${fmt(e)} rows with unmapped status code "E"`);
    expect(r.stdout.split('\n').length).toBeLessThan(40);
  });
});

describe('review fixes', () => {
  it('a yes/no column with its own codes reads only the mapped ones: FRL "F" (free) is a bad_bool reject, never "false"', () => {
    // FRL written F (free), R (reduced), P (paid): mapping R and P leaves F unmapped, and F must not be read as false
    const data = district('frl-codes', 'students.csv', field(8, (v, i) => (v === 'N' ? 'P' : i % 2 ? 'F' : 'R')));
    const lines = readFileSync(join(data, 'students.csv'), 'utf8').trimEnd().split('\n').slice(1);
    const f = lines.filter((l) => l.split(',')[8] === 'F').length;
    const r = runCli(['validate', pipeline('frl-codes', data, { students: { values: { frl: { R: 'true', P: false } } } }), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`students\\s+bad_bool\\s+frl\\s+-\\s+${fmt(f)}\\s+"F"`));
  });

  it('a folder given as the pipeline file is one sentence, not a stack trace', () => {
    const r = runCli(['validate', clean, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`hve: ${clean} is a folder, not a pipeline file; name the pipeline YAML file (hve init <folder> writes one).\n`);
  });
});
