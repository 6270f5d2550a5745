/**
 * A leak test that searches for the secret, not for a shape (issue 8, point 4). A generated district is made
 * to hold what the gate must hide: a tiny school (7 students), a two-level subgroup with a small level (8
 * students with a disability), top/bottom coding of yes/no rates, and a separated logit (the tiny school's
 * suspension outcome never varies). For every value the gate hid, the ungated value is looked up by its
 * path and searched in every publishable file (JSON, CSV, HTML and SVG text, Markdown) in every printed
 * form: integer, "N students", percent, and rounded to 1–3 decimals. None may be found.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { loadPipeline } from '../../src/config/load-pipeline.js';
import { openDb } from '../../src/util/duckdb.js';
import { ingestPipeline } from '../../src/run/ingest-pipeline.js';
import { assessQuality } from '../../src/quality/assess-quality.js';
import { estimatePipeline } from '../../src/run/estimate-pipeline.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import { writeFigurePack } from '../../src/report/figure-pack/write-figure-pack.js';
import type { Results } from '../../src/results/results-schema.js';
import { gateResults } from '../../src/privacy/gate-results.js';
import { freshDir } from '../helpers/paths.js';
import { publishableFiles } from '../helpers/publishable-files.js';
import { writePipeline } from '../helpers/write-pipeline.js';

const dir = freshDir('leak-search');
const data = join(dir, 'data');
const now = new Date('2026-01-01T00:00:00Z');
let raw: Results;
let gated: Results;

/** The value at a JSON pointer. */
function at(obj: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((o, k) => (o === null || o === undefined ? undefined : (o as Record<string, unknown>)[k]), obj);
}


/** The text a reader can see in a file: JSON values, CSV cells, HTML and SVG text (no markup, styles or attributes). */
function readable(path: string): string {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.html') || path.endsWith('.svg')) {
    return text
      .replace(/<style[\s\S]*?<\/style>/g, ' ')
      // axis tick labels are round numbers of the scale, not data
      .replace(/<g class="mark-text role-axis-label"[\s\S]*?<\/g>/g, ' ')
      .replace(/<[^>]*>/g, ' | ')
      .replace(/&nbsp;/g, ' ')
      .replace(/&minus;|−/g, '-');
  }
  return text.replace(/−/g, '-');
}

/** A form to search for, and where: everywhere, or (a short form, which would match unrelated numbers such as axis ticks) only as a report table cell. */
interface Form {
  re: RegExp;
  everywhere: boolean;
}

/** Whether a value is a count of students (an integer in a count field). */
function isCount(v: number, field: string): boolean {
  return Number.isInteger(v) && /^(n_|students|visited|comparison|excluded|treated|matched|dropped|no_candidates|outside_support|trimmed|missing|rows|pairs|clusters|with_outcome|analytic)/.test(field);
}

/** How a hidden value could be printed: counts as integers and "N students"; other numbers as percents and with 1–3 decimals. */
function printedForms(v: number, field: string): Form[] {
  const num = (s: string) => `(?<![\\d.])${s.replace('.', '\\.')}(?![\\d])`;
  if (isCount(v, field)) {
    // a count: as a table cell, a JSON value in its own field, or in prose
    return [
      ...[`"${field}": ${v}[,\\n]`, `(?<![\\d.])${v} (students|visited|comparison|pairs|rows)\\b`, `n = ${v}\\b`].map((r) => ({ re: new RegExp(r), everywhere: true })),
      { re: new RegExp(`<td class="num">${v}</td>`), everywhere: false },
    ];
  }
  const a = Math.abs(v);
  const forms = new Set<string>([String(a), ...[1, 2, 3].map((d) => a.toFixed(d)), (100 * a).toFixed(1), ...[1, 2].map((d) => `${(100 * a).toFixed(d)}%`), `${(100 * a).toFixed(1)} points`]);
  const digits = (f: string) => f.replace(/[^\d]/g, '').replace(/^0+/, '').length;
  return [...forms]
    .filter((f) => digits(f) >= 1 && !/^0(\.0+)?%?$/.test(f))
    .flatMap((f) =>
      digits(f) >= 3 || f.endsWith('%') || f.endsWith('points')
        ? [{ re: new RegExp(num(f)), everywhere: true }]
        : [{ re: new RegExp(`"${field}": -?${f.replace('.', '\\.')}[,\\n]`), everywhere: true }, { re: new RegExp(`<td[^>]*>[+−-]?${f.replace('.', '\\.')}(&nbsp;| pp)?</td>`), everywhere: false }],
    );
}

beforeAll(async () => {
  const g = await generateDistrict({ out: data, students: 1500, schools: 6, seed: 3 });
  expect(g).toBeTruthy();
  // a tiny school: 7 students of SCH002 moved, in both years, to SCH999; a small level: 8 students with a disability
  const path = join(data, 'students.csv');
  const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
  const head = lines[0]!.split(',');
  const [iId, iSchool, iYear, iSwd] = ['student_id', 'school_id', 'school_year', 'swd'].map((c) => head.indexOf(c));
  const rows = lines.slice(1).map((l) => l.split(','));
  // two visited and five not, so that the tiny school is a program school in the analytic sample
  const vPath = join(data, 'visits.csv');
  const visits = readFileSync(vPath, 'utf8').trimEnd().split('\n');
  const vHead = visits[0]!.split(',');
  const [vStudent, vSchool] = ['student_id', 'school_id'].map((c) => vHead.indexOf(c));
  const visitedIds = new Set(visits.slice(1).map((l) => l.split(',')[vStudent!]!));
  const enrolled = [...new Set(rows.filter((r) => r[iSchool] === 'SCH002' && r[iYear] === '2017').map((r) => r[iId]!))];
  const tiny = [...enrolled.filter((id) => visitedIds.has(id)).slice(0, 2), ...enrolled.filter((id) => !visitedIds.has(id)).slice(0, 5)];
  writeFileSync(vPath, [visits[0], ...visits.slice(1).map((l) => l.split(',')).map((c) => (tiny.includes(c[vStudent!]!) ? ((c[vSchool!] = 'SCH999'), c) : c).join(','))].join('\n') + '\n');
  const swd = [...new Set(rows.filter((r) => r[iYear] === '2017').map((r) => r[iId]!))].slice(100, 108);
  for (const r of rows) {
    if (tiny.includes(r[iId]!)) r[iSchool] = 'SCH999';
    r[iSwd!] = swd.includes(r[iId]!) ? 'Y' : 'N';
  }
  writeFileSync(path, [lines[0], ...rows.map((r) => r.join(','))].join('\n') + '\n');
  const pipeline = writePipeline(dir, data, { privacy: { min_cell: 10, top_bottom_code: [0.05, 0.95] } });

  const p = loadPipeline(pipeline);
  const db = await openDb();
  try {
    const ingest = await ingestPipeline(db, p, join(dir, 'raw-rejects'), () => {});
    raw = await estimatePipeline(db, p, ingest, await assessQuality(db.conn, p, ingest), now, () => {});
  } finally {
    db.close();
  }
  gated = (await runPipeline(pipeline, { now })).results;
  await writeFigurePack(join(dir, 'report'));
}, 180_000);

describe('no value the gate hid can be read from any publishable file', () => {
  it('hides what the district was built to hold: the tiny school, the small level and its partner, coded rates, the separated model’s count', () => {
    const log = gated.suppression_log;
    expect(log.some((s) => s.cell.includes('SCH999') && s.reason === 'small_group')).toBe(true);
    const swd = log.filter((s) => s.table === 'subgroups' && /disab|swd/i.test(s.cell));
    expect(swd.some((s) => s.rule === 'primary') && swd.some((s) => s.rule === 'complementary')).toBe(true);
    expect(log.some((s) => s.reason === 'top_bottom_coded')).toBe(true);
    expect(log.some((s) => /\/notes\/\d+\/counts/.test(s.path))).toBe(true);
  });

  it('finds no hidden value, in any printed form, in results.json, the CSV tables, the report, the figures or the figure pack', () => {
    const files = publishableFiles(join(dir, 'report')).filter((f) => /\.(json|csv|html|svg|md)$/.test(f));
    expect(files.length).toBeGreaterThan(20);
    const texts = files.map((f) => ({ f, text: readable(f), raw: readFileSync(f, 'utf8') }));
    // values the gate itself derives (outcome coverage, exclusions between flow steps) are not in the raw results:
    // the gate run with min_cell 1 (nothing to hide) computes them at the same paths
    const derived = gateResults(raw, 1);
    const secrets = gated.suppression_log
      .map((s) => ({ s, v: at(raw, s.path) ?? at(derived, s.path) }))
      .filter((x): x is { s: (typeof x)['s']; v: number } => typeof x.v === 'number' && x.v !== 0);
    expect(secrets.length).toBeGreaterThan(50);
    // a rounded form that some shown number also prints as is explained by that number, not a leak of the hidden one
    const shown = new Set<string>();
    const walk = (x: unknown, key: string) => {
      if (typeof x === 'number') for (const f of printedForms(x, key)) shown.add(String(f.re));
      else if (x && typeof x === 'object') for (const [k, y] of Object.entries(x)) walk(y, Array.isArray(x) ? key : k);
    };
    walk(gated, '');
    // a count also shown for another outcome (a different sample with the same size) is a coincidence; for the same outcome, or outside the outcome tables, it is a leak
    // a contrast's hidden n is the size of one (analysis, level) group; the same number shown for another group is
    // a coincidence, for the same group (in another outcome's table) a leak
    const groupsWith = new Map<string, Set<string>>();
    for (const key of ['subgroups', 'dose', 'school_level'] as const) {
      for (const c of gated[key] ?? []) {
        for (const f of ['n_level', 'n_reference'] as const) {
          if (c[f] !== null) groupsWith.set(`${f}:${c[f]}`, new Set([...(groupsWith.get(`${f}:${c[f]}`) ?? []), `${c.analysis}/${c.level}`]));
        }
      }
    }
    const coincidence = (path: string, field: string, v: number) => {
      const m = path.match(/^\/(subgroups|dose|school_level)\/(\d+)\//);
      if (!m) return false;
      const c = raw[m[1] as 'subgroups']![Number(m[2])]!;
      const others = groupsWith.get(`${field}:${v}`);
      return !!others && !others.has(`${c.analysis}/${c.level}`);
    };
    // a bare table cell ("<td>7</td>") of a hidden count is explained by any shown count of the same value (the
    // fidelity tables print many small counts of visits and days); the other forms ("7 students", a JSON field) are not
    const shownCounts = new Set<number>();
    const walkCounts = (x: unknown) => {
      if (typeof x === 'number' && Number.isInteger(x)) shownCounts.add(x);
      else if (x && typeof x === 'object') Object.values(x).forEach(walkCounts);
    };
    walkCounts(gated);
    const found: string[] = [];
    for (const { s, v } of secrets) {
      const field = s.path.split('/').at(-1)!;
      if (isCount(v, field) && coincidence(s.path, field, v)) continue;
      for (const form of printedForms(v, field).filter((f) => (isCount(v, field) ? f.everywhere || !shownCounts.has(v) : !shown.has(String(f.re))))) {
        for (const { f, text, raw: source } of texts) {
          const hit = form.everywhere ? form.re.test(text) || (f.endsWith('.json') && form.re.test(source)) : f.endsWith('.html') && form.re.test(source);
          if (hit) found.push(`${s.path} = ${v} as ${form.re} in ${f.slice(dir.length)}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
