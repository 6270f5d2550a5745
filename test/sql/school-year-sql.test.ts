/**
 * The school-year SQL of src/contract/school-year-sql.ts through DuckDB EXPLAIN (test/sql/explain.ts): the date →
 * school year expressions over every windowed date column of the typed canonical tables, for two year starts,
 * and the school-year label parser over text. (Their values are checked in test/ingest/fast-paths.test.ts and
 * test/ingest/school-year-and-line-endings.test.ts.)
 */
import { describe, it, afterAll } from 'vitest';
import { EXTRACT_SPECS } from '../../src/contract/extract-specs.js';
import { schoolYearOf, schoolYearFast, schoolYearExpr } from '../../src/contract/school-year-sql.js';
import { openDb } from '../../src/util/duckdb.js';
import { ident } from '../../src/util/sql.js';
import { explain } from './explain.js';
import { createCanonicalTables, createRawSource } from './contract-tables.js';

const db = await openDb(':memory:', 1);
afterAll(() => db.close());
const specs = Object.values(EXTRACT_SPECS).filter((s) => s.windowDates.length > 0);
await createCanonicalTables(db.conn, specs.map((s) => s.name));
await createRawSource(db.conn, 'raw_year', ['school_year'], false);

describe('school-year SQL passes EXPLAIN', () => {
  for (const spec of specs) {
    for (const col of spec.windowDates) {
      for (const start of ['07-01', '08-15']) {
        it(`${spec.name}.${col}, year from ${start}`, async () => {
          await explain(db.conn, `SELECT ${schoolYearOf(ident(col), start)} + 0, ${schoolYearFast(ident(col), start)} + 0 FROM ${spec.name}`);
        });
      }
    }
  }

  it('the school-year label parser over source text', async () => {
    await explain(db.conn, `SELECT (${schoolYearExpr('school_year')}) + 0 FROM raw_year`);
  });
});
