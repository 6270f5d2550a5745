/**
 * Columns dropped or renamed, and degenerate files (empty, header only, a 10 MB field): a missing required column
 * is named in one sentence; anything else reads with balanced accounting; an empty file says it is empty, a
 * header-only file has no rows, and a line too long for the reader is named by its number.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { EXTRACT_SPECS } from '../../src/contract/extract-specs.js';
import { EXTRACTS, PLAIN, makeFixture, removeFixture, validateCase, wellFormed, writeCase, writeCsvText, type Counts, type Extract, type Fixture, type Table } from './district-fixture.js';

let f: Fixture;
let baseline: Record<string, Counts>;

beforeAll(async () => {
  f = await makeFixture('columns');
  const base = await validateCase(writeCase(f, {}));
  if (!base.ok) throw new Error(base.message);
  baseline = base.counts;
}, 120_000);
afterAll(() => removeFixture(f));

const specOf = (x: Extract) => EXTRACT_SPECS[x === 'attendance' ? 'attendance_daily' : x];
const required = (x: Extract, col: string) => !!specOf(x).columns.find((c) => c.name === col)?.required;

/** The table without column `i`. */
const without = (t: Table, i: number): Table => ({ header: t.header.filter((_, j) => j !== i), rows: t.rows.map((r) => r.filter((_, j) => j !== i)) });

describe('columns dropped or renamed (property)', () => {
  it('a missing required column is one sentence naming it; a missing optional one reads every row', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EXTRACTS), fc.nat(), fc.constantFrom('drop', 'rename'), async (x, pick, how) => {
        const t = f.tables[x];
        const i = pick % t.header.length;
        const col = t.header[i]!;
        const mutated = how === 'drop' ? without(t, i) : { header: t.header.map((h, j) => (j === i ? `${h}_old` : h)), rows: t.rows };
        const out = await validateCase(writeCase(f, { [x]: writeCsvText(mutated, PLAIN) }));
        expect(wellFormed(out), JSON.stringify(out)).toBe(true);
        if (required(x, col)) {
          expect(out.ok).toBe(false);
          if (!out.ok) expect(out.message).toContain(`no column "${col}"`);
        } else {
          expect(out.ok, JSON.stringify(out)).toBe(true);
          if (out.ok) expect(out.counts[x]!.read).toBe(baseline[x]!.read);
        }
      }),
      { numRuns: 30, seed: 31, endOnFailure: true },
    );
  }, 300_000);

  it('headers in another case, or an extra unknown column, change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EXTRACTS), fc.boolean(), fc.string({ minLength: 1, maxLength: 8 }), async (x, upper, extra) => {
        const t = f.tables[x];
        const header = [...t.header.map((h) => (upper ? h.toUpperCase() : h)), `zz_${extra}`];
        const out = await validateCase(writeCase(f, { [x]: writeCsvText({ header, rows: t.rows.map((r) => [...r, extra]) }, PLAIN) }));
        expect(out).toEqual({ ok: true, counts: baseline });
      }),
      { numRuns: 20, seed: 32, endOnFailure: true },
    );
  }, 300_000);
});

describe('degenerate files', () => {
  it.each(EXTRACTS)('an empty %s file (0 bytes, a BOM alone, or blank lines) says it is empty', async (x) => {
    for (const content of ['', '\uFEFF', '\n\n', '\r\n']) {
      const out = await validateCase(writeCase(f, { [x]: content }));
      expect(out.ok).toBe(false);
      if (!out.ok) {
        expect(wellFormed(out)).toBe(true);
        expect(out.message).toMatch(new RegExp(`^The ${x} extract .*${x}\\.csv is empty \\(no header line and no rows\\)`));
      }
    }
  });

  it('a UTF-16 file (little- or big-endian, as Excel\'s "Unicode text") says to save it as UTF-8', async () => {
    const text = writeCsvText(f.tables.schools, PLAIN);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16(); // a copy, byte pairs swapped: FE FF, then big-endian text
    for (const content of [le, be]) {
      const out = await validateCase(writeCase(f, { schools: content }));
      expect(out.ok).toBe(false);
      if (!out.ok) expect(out.message).toMatch(/^The schools extract .*schools\.csv is UTF-16 text, which the CSV reader cannot read; save it as UTF-8/);
    }
  });

  it.each(EXTRACTS)('a header-only %s file reads 0 rows, or says the extract has no rows', async (x) => {
    for (const eol of ['\n', '\r\n', '']) {
      const out = await validateCase(writeCase(f, { [x]: f.tables[x].header.join(',') + eol }));
      expect(wellFormed(out), JSON.stringify(out)).toBe(true);
      if (out.ok) expect(out.counts[x]).toEqual({ read: 0, accepted: 0, rejected: 0, byReason: {} });
      else {
        // only the students extract is needed to go on (it defines the school years)
        expect(x).toBe('students');
        expect(out.message).toMatch(/has no rows/);
        expect(out.message).not.toMatch(/numeric/);
      }
    }
  });

  it('a 10 MB field is named by its line and length, in a small file and near the end of a large one', async () => {
    const cases: [Extract, number, number][] = [
      ['schools', 1, 1],
      ['attendance', f.tables.attendance.rows.length - 10, 0],
    ];
    for (const [x, at, col] of cases) {
      const t = f.tables[x];
      const rows = t.rows.map((r) => [...r]);
      rows[at]![col] = 'x'.repeat(10 * 1024 * 1024);
      const out = await validateCase(writeCase(f, { [x]: writeCsvText({ header: t.header, rows }, PLAIN) }));
      expect(wellFormed(out)).toBe(true);
      expect(out.ok).toBe(false);
      // header = line 1, so record `at` (0-based) is line at + 2; its length is the fields and their commas
      const bytes = rows[at]!.join(',').length;
      if (!out.ok) expect(out.message).toContain(`${x}.csv: line ${at + 2} is ${bytes.toLocaleString('en-US')} bytes long, more than the 2,000,000 bytes`);
    }
  });
});
