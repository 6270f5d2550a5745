/**
 * Output safety: outputs never replace a folder the tool did not write; no visits and a corrupt results.json are
 * user errors; hostile text planted in a district (script and HTML in school codes, names and covariate levels,
 * spreadsheet formulas in school and site names) is inert in every file a run, the figure pack and a pool write.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stringify } from 'yaml';
import { writeFolderAtomically } from '../../src/util/atomic-dir.js';
import { InputError } from '../../src/util/input-error.js';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import { writeFigurePack } from '../../src/report/figure-pack/write-figure-pack.js';
import { runPool } from '../../src/network/run-network.js';
import { compareAnalyticFile } from '../../src/compare/compare-analytic-file.js';
import { csvCell, csvCellSql } from '../../src/util/csv.js';
import { openDb } from '../../src/util/duckdb.js';
import { ROOT } from '../helpers/paths.js';
import { writeTinyDistrict } from '../helpers/tiny-district.js';
import { runCli } from '../helpers/run-cli.js';
import { parseCsv } from '../property/district-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-safety-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

// ---------------------------------------------------------------------------------------------------------------
// hostile content

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const HYPERLINK = '=HYPERLINK("http://x","y")';
const AT = '@SUM(1)';
const MINUS = '-2+3';

/** A CSV field as a district's export writes it: quoted when it holds a comma or a quote. */
const field = (v: string) => (/[",]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Every file below a folder. */
function walk(root: string): string[] {
  return readdirSync(root).flatMap((f) => {
    const p = join(root, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** Cells of a CSV file that a spreadsheet would run as a formula: text led by = + - @ tab or CR that is not a plain number. */
function formulaCells(text: string): string[] {
  return parseCsv(text).flat().filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(c));
}

/**
 * Markup that would run in a browser: a script element (our outputs have none), the planted img element, or an
 * event-handler attribute in any tag (attribute values, where escaped text may say "onerror=", are left out).
 */
function liveMarkup(text: string): string[] {
  const raw = [...text.matchAll(/<script\b|<img src=x/gi)].map((m) => m[0]);
  const handlers = [...text.matchAll(/<[A-Za-z][^>]*>/g)].map((m) => m[0]).filter((tag) => /\son\w+\s*=/i.test(tag.replace(/"[^"]*"|'[^']*'/g, '""')));
  return [...raw, ...handlers];
}

describe('the CSV cell rule', () => {
  it('prefixes text led by = + - @ tab or CR with an apostrophe, and leaves plain numbers (also as text) alone', () => {
    expect(csvCell(HYPERLINK)).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell(AT)).toBe(`'@SUM(1)`);
    expect(csvCell(MINUS)).toBe(`'-2+3`);
    expect(csvCell('+1+1')).toBe(`'+1+1`);
    expect(csvCell('\t=1')).toBe(`'\t=1`);
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('-')).toBe(`'-`);
    for (const n of ['-0.25', '+3', '-1e-5', '-.5', '12']) expect(csvCell(n)).toBe(n);
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell('plain <b>text</b>')).toBe('plain <b>text</b>');
  });

  it('does the same in SQL for the rejects written by DuckDB COPY', async () => {
    const db = await openDb();
    try {
      for (const v of [HYPERLINK, AT, MINUS, '+1+1', '\t=1', '-', '-0.25', '+3', '-1e-5', 'plain']) {
        const r = await db.conn.runAndReadAll(`SELECT ${csvCellSql(`'${v.replaceAll("'", "''")}'`)} AS v`);
        const expected = /^[=+\-@\t\r]/.test(v) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v) ? `'${v}` : v;
        expect(r.getRowObjects()[0]!.v, v).toBe(expected);
      }
    } finally {
      db.close();
    }
  });
});

describe('hostile content planted in a district', () => {
  const base = join(dir, 'hostile');
  const data = join(base, 'data');
  const out = join(base, 'report');
  const pool = join(base, 'pool');
  const compared = join(base, 'compare');

  beforeAll(async () => {
    await generateDistrict({ out: data, students: 600, schools: 4, seed: 5, dirty: 0.02 });
    // school codes (SCH001 has no program at 4 schools; SCH002, SCH003 do), names and site, and covariate levels
    const plant = (file: string, edit: (text: string) => string) => writeFileSync(join(data, file), edit(readFileSync(join(data, file), 'utf8')));
    for (const f of ['students.csv', 'visits.csv', 'attendance.csv', 'discipline.csv', 'educators.csv', 'surveys.csv', 'schools.csv']) {
      plant(f, (t) => t.replaceAll('SCH002', IMG).replaceAll('SCH003', AT));
    }
    plant('schools.csv', (t) => {
      const [head, ...rows] = t.trimEnd().split('\n');
      return [head, ...rows.map((r, i) => { const c = r.split(','); c[1] = i === 0 ? SCRIPT : c[1]!; c[2] = field(HYPERLINK); return c.join(','); })].join('\n') + '\n';
    });
    plant('students.csv', (t) => t.replaceAll(',Hispanic/Latino,', `,${MINUS},`).replaceAll(',White,', `,${SCRIPT},`));
    const pipeline = join(base, 'pipeline.yaml');
    const src = (x: string) => ({ path: join(data, `${x}.csv`) });
    writeFileSync(pipeline, stringify({
      name: `${SCRIPT} ${IMG} District ${HYPERLINK}`,
      site: 'hostile',
      outcome_year: 2017,
      sources: {
        students: src('students'), visits: src('visits'), attendance: src('attendance'), discipline: src('discipline'),
        assessments: src('assessments'), schools: src('schools'), educators: src('educators'),
        surveys: { path: join(data, 'surveys.csv'), waves: ['fall', 'spring'] },
      },
      surveys: [join(ROOT, 'pipelines/instruments/teacher-short.yaml'), join(ROOT, 'pipelines/instruments/parent-short.yaml')],
      quality: { max_reject_share: 0.5, unknown_codes: 'reject' },
      privacy: { min_cell: 5 },
      output: out,
    }));
    await runPipeline(pipeline);
    await writeFigurePack(out);
    // a pool of site estimates whose site names are formulas and markup
    const sites = [HYPERLINK, SCRIPT, IMG, AT, MINUS, 'plain'];
    const csv = ['site,estimate,se,n,state', ...sites.map((s, i) => `${field(s)},${(-0.02 - 0.01 * i).toFixed(3)},0.01,${400 + i},${i % 2 ? field(IMG) : 'CA'}`)];
    writeFileSync(join(base, 'effects.csv'), csv.join('\n') + '\n');
    await runPool(join(base, 'effects.csv'), pool);
    // hve compare on a table whose covariate is named with markup and whose text covariate's levels are formulas
    const levels = [HYPERLINK, AT, MINUS];
    const table = [`id,treated,outcome,${field(IMG)},${field(AT)},grp`];
    for (let i = 0; i < 240; i++) {
      const t = i % 2;
      const x = ((i * 37) % 100) / 100;
      table.push(`${i},${t},${(0.5 + 0.1 * t + 0.2 * x + (((i * 53) % 17) - 8) / 40).toFixed(4)},${x},${(i * 13) % 7},${field(levels[i % 3]!)}`);
    }
    writeFileSync(join(base, 'analytic.csv'), table.join('\n') + '\n');
    await compareAnalyticFile({ data: join(base, 'analytic.csv'), treatment: 'treated', outcomes: ['outcome'], covariates: [IMG, AT, 'grp'], title: `${SCRIPT} comparison`, out: compared });
    await writeFigurePack(compared);
  }, 300_000);

  const files = () => [...walk(out), ...walk(pool), ...walk(compared)];

  it('reaches every kind of output (the planted text is in them, escaped)', () => {
    const all = files();
    for (const ext of ['.html', '.svg', '.md', '.csv']) expect(all.some((f) => f.endsWith(ext)), ext).toBe(true);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(report).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const tables = walk(join(out, 'tables')).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(tables).toContain(`'${AT}`);
    expect(tables).toContain(`'${MINUS}`);
    expect(readFileSync(join(pool, 'tables', 'sites.csv'), 'utf8')).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(readFileSync(join(out, 'rejects', 'attendance.csv'), 'utf8')).toContain(`'${AT}`);
    const cmp = readFileSync(join(compared, 'report.html'), 'utf8');
    expect(cmp).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const balance = readFileSync(join(compared, 'tables', 'balance.csv'), 'utf8');
    expect(balance).toContain(`,'${AT},`);
    expect(balance).toContain('grp: =HYPERLINK');
  });

  it('no HTML, SVG or markdown file holds live markup (report, figures, statements, network report; report.html is the PDF source)', () => {
    const marked = files().filter((f) => /\.(html|svg|md)$/.test(f));
    const live = marked.flatMap((f) => liveMarkup(readFileSync(f, 'utf8')).map((m) => `${relative(base, f)}: ${m}`));
    expect(live).toEqual([]);
  });

  it('no CSV cell (tables, rejects, figure-pack, survey, pool and network CSVs) starts a formula; negative numbers stay numbers', () => {
    const csvs = files().filter((f) => f.endsWith('.csv'));
    const bad = csvs.flatMap((f) => formulaCells(readFileSync(f, 'utf8')).map((c) => `${relative(base, f)}: ${JSON.stringify(c)}`));
    expect(bad).toEqual([]);
    // a genuine negative estimate is written as a number, not as text
    const outcomes = parseCsv(readFileSync(join(out, 'tables', 'outcomes.csv'), 'utf8'));
    expect(outcomes.flat().some((c) => /^-0\.\d+/.test(c))).toBe(true);
    expect(readFileSync(join(pool, 'tables', 'studies.csv'), 'utf8')).toMatch(/,-0\.0[2-7]\d*,/);
  });
});
