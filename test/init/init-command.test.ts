import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isMap, isPair, isScalar, parse, parseDocument, visit, type Scalar } from 'yaml';
import { loadPipeline } from '../../src/config/load-pipeline.js';
import { runCli } from '../helpers/run-cli.js';
import { writePipeline } from '../helpers/write-pipeline.js';
import { renameDistrict } from './rename-district.js';

interface Accounting {
  extract: string;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
}

const accounting = (folder: string): Accounting[] => JSON.parse(readFileSync(join(folder, 'row_accounting.json'), 'utf8'));

let dir: string;
let district: string;
let text: string;
let pipeline: Record<string, any>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hve-init-'));
  const gen = runCli(['generate', '--out', join(dir, 'gen'), '--students', '600', '--schools', '4', '--seed', '1', '--quiet']);
  expect(gen.code, gen.stderr).toBe(0);
  district = join(dir, 'district');
  await renameDistrict(join(dir, 'gen'), district);
  const r = runCli(['init', district, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  text = readFileSync(join(district, 'pipeline.yaml'), 'utf8');
  pipeline = parse(text);
});

describe('hve init on a district with its own headers, codes and dates', () => {
  it('takes each file as the right extract and leaves the calendar out', () => {
    const s = pipeline.sources;
    expect(Object.fromEntries(Object.entries(s).map(([k, v]) => [k, (v as { path: string }).path]))).toEqual({
      students: 'roster.csv',
      visits: 'hv_log.csv',
      attendance: 'daily_attendance.csv',
      discipline: 'incidents.csv',
      assessments: 'test_scores.csv',
      schools: 'buildings.csv',
    });
    expect(s.attendance.kind).toBe('daily');
    expect(text).toContain('# not used: calendar.csv');
  });

  it('maps the renamed headers, and only those', () => {
    const s = pipeline.sources;
    expect(s.students.columns).toEqual({
      student_id: 'StuID', school_id: 'SchoolCode', school_year: 'SchoolYear', entry_date: 'EntryDate', exit_date: 'ExitDate',
      gender: 'Sex', race_ethnicity: 'Ethnicity', ell: 'LEP', swd: 'SPED',
    });
    expect(s.attendance.columns).toEqual({ student_id: 'StuID', school_id: 'SchoolCode', date: 'AttDate', status: 'Code' });
    expect(s.visits.columns).toMatchObject({ visit_id: 'VisitID', visit_date: 'VisitDate', visit_type: 'VisitType', status: 'VisitStatus', duration_min: 'Minutes' });
    expect(s.discipline.columns).toMatchObject({ incident_id: 'IncidentNumber', incident_date: 'IncidentDate', behavior: 'Offense' });
    expect(s.assessments.columns).toMatchObject({ school_year: 'SchoolYear', grade_tested: 'TestGrade', performance_level: 'PerfLevel' });
    expect(s.schools.columns).toEqual({ school_id: 'SchoolCode', school_name: 'SchoolName' });
  });

  it('maps the district codes to canonical ones, unknown to null, and reads US dates', () => {
    const s = pipeline.sources;
    expect(s.attendance.values.status).toEqual({ PRS: 'present', EXC: 'excused', TRD: 'tardy', UNX: 'unexcused' });
    expect(s.students.values.grade).toMatchObject({ KG: 'k', '01': '1', '08': '8' });
    expect(s.students.values.frl).toEqual({ Unknown: null });
    expect(s.visits.values.status).toEqual({ C: 'completed', A: 'attempted', X: 'cancelled', D: 'declined' });
    expect(s.visits.values.visit_type).toEqual({ HV1: 'relationship', HV2: 'academic' });
    expect(s.discipline.values.action).toEqual({ REF: 'referral', ISS: 'in_school_suspension', OSS: 'out_of_school_suspension', EXP: 'expulsion' });
    expect(s.assessments.values.subject).toEqual({ Reading: 'ela' });
    for (const x of ['students', 'visits', 'attendance', 'discipline']) expect(s[x].date_format, x).toBe('%m/%d/%Y');
    expect(s.assessments.date_format).toBeUndefined();
    // years are written 2015-16 and 2016-17: the latest is the school year ending in 2017
    expect(pipeline.outcome_year).toBe(2017);
  });

  it('marks every guess with "# check"', () => {
    const doc = parseDocument(text);
    const unmarked: string[] = [];
    const marked = (v: unknown) => isScalar(v) && /^ check\b/.test((v as Scalar).comment ?? '');
    // every entry of a columns: or values: mapping, and the guessed top-level and source keys
    visit(doc, {
      Pair(_, pair, path) {
        const keys = path.filter(isPair).map((p) => String((p.key as Scalar).value));
        const key = String((pair.key as Scalar).value);
        const inMapping = keys.includes('columns') || keys.includes('values');
        const guessedKey = (keys.length === 0 && ['name', 'site', 'outcome_year', 'output'].includes(key)) || ['kind', 'date_format'].includes(key);
        if ((inMapping && !isMap(pair.value)) || guessedKey) if (!marked(pair.value)) unmarked.push([...keys, key].join('.'));
      },
    });
    expect(unmarked).toEqual([]);
    // the same, line by line: every line that sets a value under columns:/values: (indented 6 or more) ends in a check comment
    const valueLines = text.split('\n').filter((l) => /^ {6,}[^ #].*: \S/.test(l));
    expect(valueLines.length).toBeGreaterThan(50);
    expect(valueLines.filter((l) => !/ # check\b/.test(l))).toEqual([]);
    expect(text).toMatch(/^# .*npx hve validate .*$/m);
    expect(text).toMatch(/^# .*npx hve run .*$/m);
  });

  it('writes a pipeline that hve validate accepts with zero rejects, reading every row of the canonical extracts', () => {
    const r = runCli(['validate', join(district, 'pipeline.yaml'), '--out', join(dir, 'validation'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const got = accounting(join(dir, 'validation'));
    expect(got.map((a) => a.extract)).toEqual(['students', 'visits', 'attendance', 'discipline', 'assessments', 'schools']);
    for (const a of got) expect(a.rows_rejected, a.extract).toBe(0);
    // the same rows as the generated extracts in canonical form
    mkdirSync(join(dir, 'canonical'));
    const canonical = writePipeline(join(dir, 'canonical'), join(dir, 'gen'));
    expect(runCli(['validate', canonical, '--out', join(dir, 'canonical', 'validation'), '--quiet']).code).toBe(0);
    const want = accounting(join(dir, 'canonical', 'validation'));
    for (const w of want) expect(got.find((g) => g.extract === w.extract)!.rows_accepted, w.extract).toBe(w.rows_accepted);
  });

  it('refuses to overwrite an existing file, in one sentence', () => {
    const r = runCli(['init', district]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('already exists');
    expect(readFileSync(join(district, 'pipeline.yaml'), 'utf8')).toBe(text);
  });

  it('writes elsewhere with --out, paths relative to that file, and takes --site and --year as given', () => {
    const out = join(dir, 'pipelines', 'p.yaml');
    mkdirSync(join(dir, 'pipelines'));
    const r = runCli(['init', district, '--out', out, '--site', 'north-usd', '--year', '2016', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(written).toMatch(/^site: north-usd$/m);
    expect(written).toMatch(/^outcome_year: 2016$/m);
    const loaded = loadPipeline(out);
    expect(loaded.config.sources.students.path).toBe('../district/roster.csv');
    expect(loaded.config.outcome_year).toBe(2016);
  });

  it('says in one sentence when it cannot start: a year the data lacks, a folder with no extracts, a bad site id', () => {
    const year = runCli(['init', district, '--out', join(dir, 'y.yaml'), '--year', '2030']);
    expect(year.code).toBe(2);
    expect(year.stderr).toContain('--year 2030 is not a school year of');
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    writeFileSync(join(empty, 'notes.txt'), 'x');
    const none = runCli(['init', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('holds no CSV or Parquet file');
    const site = runCli(['init', district, '--out', join(dir, 's.yaml'), '--site', 'two words']);
    expect(site.code).toBe(2);
    expect(site.stderr).toContain('--site "two words" is not a short id');
  });
});
