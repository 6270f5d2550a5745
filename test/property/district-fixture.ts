/**
 * Shared by the property tests: a small generated district parsed into rows, a CSV writer with every dialect a
 * district's export may use, and one validate call that reports either its row accounting or its user error.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { generateDistrict } from '../../src/generate/generate-district.js';
import { validatePipeline } from '../../src/run/validate-pipeline.js';
import { runPipeline } from '../../src/run/run-pipeline.js';
import { isInputError } from '../../src/util/input-error.js';

/** The extracts a pipeline of the fixture reads, in the order ingest reads them. */
export const EXTRACTS = ['students', 'visits', 'attendance', 'discipline', 'assessments', 'schools', 'educators'] as const;
export type Extract = (typeof EXTRACTS)[number];

/** One extract as parsed rows: its header and its records. */
export interface Table {
  header: string[];
  rows: string[][];
}

/** Parse RFC 4180 CSV text (quotes, doubled quotes, quoted line breaks; LF or CRLF). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell), out.push(row), (row = []), (cell = '');
    } else cell += ch;
  }
  if (cell !== '' || row.length) row.push(cell), out.push(row);
  return out;
}

/** How a CSV file is written: delimiter, line end, byte-order mark, and whether every field is quoted. */
export interface Dialect {
  delimiter: ',' | ';' | '\t';
  eol: '\n' | '\r\n';
  bom: boolean;
  quoteAll: boolean;
}

export const PLAIN: Dialect = { delimiter: ',', eol: '\n', bom: false, quoteAll: false };

/** Write a table as CSV text in a dialect: a field is quoted when asked, or when it holds the delimiter, a quote or a line break. */
export function writeCsvText(t: Table, d: Dialect): string {
  const field = (v: string) => (d.quoteAll || v.includes(d.delimiter) || /["\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const line = (r: string[]) => r.map(field).join(d.delimiter);
  return (d.bom ? '\uFEFF' : '') + [line(t.header), ...t.rows.map(line)].join(d.eol) + d.eol;
}

/** A generated district: its folder and every extract parsed. */
export interface Fixture {
  root: string;
  data: string;
  tables: Record<Extract, Table>;
}

/** Generate a small district once (with a few injected bad rows, so every reject reason has cases) into a fresh temp folder. */
export async function makeFixture(label: string, opts: { students?: number; dirty?: number } = {}): Promise<Fixture> {
  const root = mkdtempSync(join(tmpdir(), `hve-${label}-`));
  const data = join(root, 'data');
  await generateDistrict({ out: data, students: opts.students ?? 60, schools: 2, seed: 3, dirty: opts.dirty ?? 0.05 });
  const tables = {} as Record<Extract, Table>;
  for (const x of EXTRACTS) {
    const [header, ...rows] = parseCsv(readFileSync(join(data, `${x}.csv`), 'utf8'));
    tables[x] = { header: header!, rows };
  }
  return { root, data, tables };
}

/** Remove a fixture's temp folder and every case in it. */
export function removeFixture(f: Fixture | undefined): void {
  if (f) rmSync(f.root, { recursive: true, force: true });
}

let caseNo = 0;

/**
 * A case folder holding the fixture's extracts with some replaced (`files`: extract → file content, as text or
 * bytes), and its pipeline; `sources` adds keys to a source (e.g. a delimiter).
 */
export function writeCase(f: Fixture, files: Partial<Record<Extract, string | Buffer>>, sources: Partial<Record<Extract, object>> = {}, extra: object = {}): string {
  const dir = join(f.root, `case-${++caseNo}`);
  mkdirSync(dir);
  const src: Record<string, object> = {};
  for (const x of EXTRACTS) {
    const path = join(dir, `${x}.csv`);
    const content = files[x];
    if (content === undefined) copyFileSync(join(f.data, `${x}.csv`), path);
    else writeFileSync(path, content);
    src[x] = { path: `${x}.csv`, ...sources[x] };
  }
  const pipeline = join(dir, 'pipeline.yaml');
  writeFileSync(pipeline, stringify({ name: 'Property case', site: 'prop', outcome_year: 2017, sources: src, output: 'out', ...extra }));
  return pipeline;
}

/** Row accounting of one extract as `hve validate` reports it. */
export interface Counts {
  read: number;
  accepted: number;
  rejected: number;
  byReason: Record<string, number>;
}

/** What a validate call ended in: the accounting per extract, or a user error's message. */
export type Outcome = { ok: true; counts: Record<string, Counts> } | { ok: false; message: string };

/** Validate a case pipeline in-process; a user error is returned as its message, any other error is thrown. */
export async function validateCase(pipeline: string): Promise<Outcome> {
  try {
    const r = await validatePipeline(pipeline, join(pipeline, '..', 'validation'));
    const counts: Record<string, Counts> = {};
    for (const e of r.ingest.extracts) {
      counts[e.extract] = { read: e.rows_read, accepted: e.rows_accepted, rejected: e.rows_rejected, byReason: { ...e.rejected_by_reason } as Record<string, number> };
    }
    return { ok: true, counts };
  } catch (e) {
    if (isInputError(e)) return { ok: false, message: e.message };
    throw e;
  }
}

/** Run a case pipeline in-process (`hve run`); the accounting is read back from the results.json it wrote. */
export async function runCase(pipeline: string): Promise<Outcome> {
  try {
    const r = await runPipeline(pipeline);
    const written = JSON.parse(readFileSync(join(r.folder, 'results.json'), 'utf8')) as { provenance: { inputs: { extract: string; rows_read: number; rows_accepted: number; rows_rejected: number; rejected_by_reason: Record<string, number> }[] } };
    const counts: Record<string, Counts> = {};
    for (const i of written.provenance.inputs) counts[i.extract] = { read: i.rows_read, accepted: i.rows_accepted, rejected: i.rows_rejected, byReason: { ...i.rejected_by_reason } };
    return { ok: true, counts };
  } catch (e) {
    if (isInputError(e)) return { ok: false, message: e.message };
    throw e;
  }
}

/** Whether a validate call ended as the contract asks: a one-line, stack-free user error, or accounting that balances for every extract. */
export function wellFormed(o: Outcome): boolean {
  if (!o.ok) return o.message.length > 0 && !o.message.includes('\n') && !/\bat \S+ \(|\bat file:/.test(o.message) && o.message.length < 2000;
  return Object.values(o.counts).every((c) => {
    const sum = Object.values(c.byReason).reduce((a, b) => a + b, 0);
    return c.read === c.accepted + c.rejected && sum === c.rejected;
  });
}
