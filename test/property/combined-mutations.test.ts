/**
 * Several mutations at once, on several extracts (dialect, shuffled, duplicated, corrupted and cut lines, a dropped
 * column, a header-only or empty file): `hve validate` ends in balanced accounting or a one-sentence user error,
 * and so does a whole `hve run`, whose results.json provenance balances for every extract.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import {
  EXTRACTS, makeFixture, removeFixture, runCase, validateCase, wellFormed, writeCase, writeCsvText,
  type Dialect, type Extract, type Fixture, type Table,
} from './district-fixture.js';

let f: Fixture;

beforeAll(async () => {
  f = await makeFixture('combined');
}, 120_000);
afterAll(() => removeFixture(f));

/** One mutation of a table, or of its text once written. */
type Mutation =
  | { kind: 'shuffle'; seed: number }
  | { kind: 'duplicate'; rows: number[] }
  | { kind: 'corrupt'; row: number; col: number; value: string }
  | { kind: 'drop_column'; col: number }
  | { kind: 'header_only' }
  | { kind: 'cut_line'; at: number }
  | { kind: 'stray_quote'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('shuffle' as const), seed: fc.integer() }),
  fc.record({ kind: fc.constant('duplicate' as const), rows: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('corrupt' as const), row: fc.nat(), col: fc.nat(), value: fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('', 'N/A', '-1', '2017-13-01', '"', 'x\ny')) }),
  fc.record({ kind: fc.constant('drop_column' as const), col: fc.nat() }),
  fc.record({ kind: fc.constant('header_only' as const) }),
  fc.record({ kind: fc.constant('cut_line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('stray_quote' as const), at: fc.nat() }),
);

const dialect: fc.Arbitrary<Dialect> = fc.record({
  delimiter: fc.constantFrom<Dialect['delimiter']>(',', ';', '\t'),
  eol: fc.constantFrom<Dialect['eol']>('\n', '\r\n'),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
});

/** Apply the table mutations, write the table in the dialect, then apply the line mutations to the text. */
function mutate(t: Table, ms: Mutation[], d: Dialect): string {
  let header = [...t.header];
  let rows = t.rows.map((r) => [...r]);
  for (const m of ms) {
    if (m.kind === 'shuffle') {
      let s = m.seed >>> 0;
      for (let i = rows.length - 1; i > 0; i--) {
        s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
        const j = s % (i + 1);
        [rows[i], rows[j]] = [rows[j]!, rows[i]!];
      }
    } else if (m.kind === 'duplicate' && rows.length) rows.push(...m.rows.map((r) => [...rows[r % rows.length]!]));
    else if (m.kind === 'corrupt' && rows.length) {
      const row = rows[m.row % rows.length]!;
      row[m.col % row.length] = m.value;
    } else if (m.kind === 'drop_column' && header.length > 1) {
      const c = m.col % header.length;
      header = header.filter((_, j) => j !== c);
      rows = rows.map((r) => r.filter((_, j) => j !== c));
    } else if (m.kind === 'header_only') rows = [];
  }
  const lines = writeCsvText({ header, rows }, d).split(d.eol);
  for (const m of ms) {
    if (lines.length < 3) break;
    const i = 1 + ((m.kind === 'cut_line' || m.kind === 'stray_quote' ? m.at : 0) % (lines.length - 2));
    if (m.kind === 'cut_line') lines[i] = lines[i]!.slice(0, (m.at >> 3) % (lines[i]!.length + 1));
    if (m.kind === 'stray_quote') lines[i] = `${lines[i]!.slice(0, (m.at >> 3) % (lines[i]!.length + 1))}"${lines[i]!.slice((m.at >> 3) % (lines[i]!.length + 1))}`;
  }
  return lines.join(d.eol);
}

const plan = fc.array(fc.tuple(fc.constantFrom(...EXTRACTS), fc.array(mutation, { minLength: 1, maxLength: 3 }), dialect), { minLength: 1, maxLength: 3 });

/** The case files of a plan (a later entry for the same extract mutates the original again and replaces it). */
function filesOf(p: [Extract, Mutation[], Dialect][]): Partial<Record<Extract, string>> {
  return Object.fromEntries(p.map(([x, ms, d]) => [x, mutate(f.tables[x], ms, d)]));
}

describe('combined mutations (property)', () => {
  it('hve validate: balanced accounting for every extract, or a one-sentence user error', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const out = await validateCase(writeCase(f, filesOf(p)));
        expect(wellFormed(out), JSON.stringify(out)).toBe(true);
      }),
      { numRuns: 40, seed: 41, endOnFailure: true },
    );
  }, 300_000);

  it('hve run: results.json provenance balances for every extract, or a one-sentence user error', async () => {
    // the data-quality gates are opened: their stop (one sentence per gate, several lines) is tested elsewhere
    const open = { quality: { max_reject_share: 1, unknown_codes: 'reject', min_visit_match: 0 } };
    let ran = 0;
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        const out = await runCase(writeCase(f, filesOf(p), {}, open));
        expect(wellFormed(out), JSON.stringify(out)).toBe(true);
        if (out.ok) ran++;
      }),
      { numRuns: 10, seed: 42, endOnFailure: true },
    );
    // the property must also have reached whole runs, not only errors
    expect(ran).toBeGreaterThan(0);
  }, 300_000);
});
