/**
 * Rows shuffled, duplicated or corrupted: shuffling changes no count; an exact copy of a row is rejected once more
 * (as a duplicate key when the original was accepted, else for the original's reason); corrupted cells end in a run
 * whose accounting balances, with the corrupted extract's accepted count moved by at most the rows touched, or in a
 * one-sentence user error.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { EXTRACTS, PLAIN, makeFixture, removeFixture, validateCase, wellFormed, writeCase, writeCsvText, type Counts, type Extract, type Fixture } from './district-fixture.js';

let f: Fixture;
let baseline: Record<string, Counts>;

beforeAll(async () => {
  f = await makeFixture('rows');
  const base = await validateCase(writeCase(f, {}));
  if (!base.ok) throw new Error(base.message);
  baseline = base.counts;
}, 120_000);
afterAll(() => removeFixture(f));

/** Extracts whose rows no other extract's checks depend on (students define known students and school years). */
const LEAF: readonly Extract[] = EXTRACTS.filter((x) => x !== 'students');

/** Text that breaks typing in every way a column can: junk, numbers out of range, wrong dates, spaces, quotes, control characters, non-ASCII. */
const junk = fc.oneof(
  fc.constantFrom('', ' ', 'N/A', 'NULL', '-1', '1e309', '99999999999', '2017-02-30', '13/45/2017', 'yes', 'maybe', '"', '""', ',', ';', '\t', '=1+1', '\u0000', 'é', '\uFEFF', 'SCH999', 'S9999999'),
  fc.string({ maxLength: 12 }),
);

describe('row mutations (property)', () => {
  it('shuffling the rows of any extract changes no count of any extract', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EXTRACTS), fc.integer(), async (x, seed) => {
        const rows = [...f.tables[x].rows];
        // Fisher–Yates with a small LCG of the drawn seed
        let s = seed >>> 0;
        for (let i = rows.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
          const j = s % (i + 1);
          [rows[i], rows[j]] = [rows[j]!, rows[i]!];
        }
        const out = await validateCase(writeCase(f, { [x]: writeCsvText({ header: f.tables[x].header, rows }, PLAIN) }));
        expect(out).toEqual({ ok: true, counts: baseline });
      }),
      { numRuns: 20, seed: 21, endOnFailure: true },
    );
  }, 300_000);

  it('appending exact copies of rows adds them to read and rejected, and accepts nothing new', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...EXTRACTS), fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), async (x, picks) => {
        const t = f.tables[x];
        const copies = picks.map((p) => t.rows[p % t.rows.length]!);
        const out = await validateCase(writeCase(f, { [x]: writeCsvText({ header: t.header, rows: [...t.rows, ...copies] }, PLAIN) }));
        expect(wellFormed(out)).toBe(true);
        if (!out.ok) throw new Error(out.message);
        const before = baseline[x]!;
        const after = out.counts[x]!;
        expect(after.read).toBe(before.read + copies.length);
        expect(after.accepted).toBe(before.accepted);
        expect(after.rejected).toBe(before.rejected + copies.length);
        // every other extract is as it was (a copied student row does not change who is known or which years exist)
        for (const y of EXTRACTS.filter((y) => y !== x)) expect(out.counts[y], y).toEqual(baseline[y]);
      }),
      { numRuns: 20, seed: 22, endOnFailure: true },
    );
  }, 300_000);

  it('corrupted cells end in balanced accounting (accepted moved by at most the rows touched) or a one-sentence user error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...EXTRACTS),
        fc.array(fc.tuple(fc.nat(), fc.nat(), junk), { minLength: 1, maxLength: 6 }),
        async (x, edits) => {
          const t = f.tables[x];
          const rows = t.rows.map((r) => [...r]);
          const touched = new Set<number>();
          for (const [r, c, v] of edits) {
            const row = rows[r % rows.length]!;
            row[c % row.length] = v;
            touched.add(r % rows.length);
          }
          const out = await validateCase(writeCase(f, { [x]: writeCsvText({ header: t.header, rows }, PLAIN) }));
          expect(wellFormed(out), JSON.stringify(out)).toBe(true);
          if (!out.ok) return;
          const after = out.counts[x]!;
          expect(after.read).toBe(baseline[x]!.read);
          expect(Math.abs(after.accepted - baseline[x]!.accepted)).toBeLessThanOrEqual(touched.size);
          if (LEAF.includes(x)) for (const y of EXTRACTS.filter((y) => y !== x)) expect(out.counts[y], y).toEqual(baseline[y]);
        },
      ),
      { numRuns: 40, seed: 23, endOnFailure: true },
    );
  }, 300_000);

  it('raw corruption of a line (a stray quote, a cut line, extra delimiters) ends balanced or in a one-sentence user error', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...EXTRACTS),
        fc.nat(),
        fc.constantFrom('"', '"x', ',,,', ',"', '\r', '\u0000'),
        fc.boolean(),
        async (x, at, inject, cut) => {
          const lines = writeCsvText(f.tables[x], PLAIN).split('\n');
          const i = 1 + (at % (lines.length - 2));
          const line = lines[i]!;
          const pos = at % (line.length + 1);
          lines[i] = cut ? line.slice(0, pos) : line.slice(0, pos) + inject + line.slice(pos);
          const out = await validateCase(writeCase(f, { [x]: lines.join('\n') }));
          expect(wellFormed(out), JSON.stringify(out)).toBe(true);
        },
      ),
      { numRuns: 30, seed: 24, endOnFailure: true },
    );
  }, 300_000);
});
