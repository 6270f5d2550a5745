/**
 * The same extract written in another CSV dialect (a byte-order mark, CRLF line ends, `;` or tab delimiters,
 * every field quoted, line breaks inside quoted text) is the same data: every extract keeps exactly the row
 * accounting of the plain file, reason by reason.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTRACT_SPECS } from '../../src/contract/extract-specs.js';
import { EXTRACTS, PLAIN, makeFixture, removeFixture, validateCase, writeCase, writeCsvText, type Counts, type Dialect, type Extract, type Fixture } from './district-fixture.js';

let f: Fixture;
let baseline: Record<string, Counts>;

/** The free-text columns of an extract (where a district's export may hold a line break). */
const textColumns = (x: Extract) => EXTRACT_SPECS[x === 'attendance' ? 'attendance_daily' : x].columns.filter((c) => c.type === 'text').map((c) => c.name);

beforeAll(async () => {
  f = await makeFixture('dialects');
  const base = await validateCase(writeCase(f, {}));
  if (!base.ok) throw new Error(base.message);
  baseline = base.counts;
  // the fixture must exercise the rejects, or equal accounting would prove little
  expect(Object.values(baseline).some((c) => c.rejected > 0)).toBe(true);
}, 120_000);
afterAll(() => removeFixture(f));

const dialect: fc.Arbitrary<Dialect> = fc.record({
  delimiter: fc.constantFrom<Dialect['delimiter']>(',', ';', '\t'),
  eol: fc.constantFrom<Dialect['eol']>('\n', '\r\n'),
  bom: fc.boolean(),
  quoteAll: fc.boolean(),
});

describe('CSV dialects (property)', () => {
  it('a BOM, CRLF, ; or tab delimiters and quoting leave every extract\'s accounting as it was', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EXTRACTS), dialect, async (x, d) => {
        const out = await validateCase(writeCase(f, { [x]: writeCsvText(f.tables[x], d) }));
        expect(out).toEqual({ ok: true, counts: baseline });
      }),
      { numRuns: 24, seed: 11, endOnFailure: true },
    );
  }, 300_000);

  it('line breaks inside quoted free text (LF or CRLF, in any dialect) keep the accounting too', async () => {
    const withText = EXTRACTS.filter((x) => textColumns(x).length > 0);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withText),
        dialect,
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
        async (x, d, br, picks) => {
          const t = f.tables[x];
          const cols = textColumns(x).map((c) => t.header.indexOf(c)).filter((i) => i >= 0);
          const rows = t.rows.map((r) => [...r]);
          for (const p of picks) {
            const row = rows[p % rows.length]!;
            const col = cols[p % cols.length]!;
            if (row.length > col) row[col] = `first line${br}second, "quoted" line`;
          }
          const out = await validateCase(writeCase(f, { [x]: writeCsvText({ header: t.header, rows }, d) }));
          expect(out).toEqual({ ok: true, counts: baseline });
        },
      ),
      { numRuns: 20, seed: 12, endOnFailure: true },
    );
  }, 300_000);

  it('a plain rewrite of every extract is byte-for-byte the generated file (the writer is faithful)', () => {
    for (const x of EXTRACTS) expect(writeCsvText(f.tables[x], PLAIN), x).toBe(readFileSync(join(f.data, `${x}.csv`), 'utf8'));
  });
});
