/**
 * The row-check SQL of src/ingest/check-sql.ts, for every extract of the contract, through DuckDB EXPLAIN
 * (test/sql/explain.ts) against a source table of text columns: the check table (chk_<name>), the
 * known-student update, the duplicate table and the reject reason/column/value/raw-field expressions. Variants:
 * one file or a glob (`__f`), canonical or renamed headers, only the required columns, date_format set,
 * `values:` mappings (to a canonical value and to null) on every coded, text and yes/no column, and the
 * run context (students first; then known students with years, or with no years).
 */
import { describe, it, expect, afterAll } from 'vitest';
import { EXTRACT_SPECS, type ExtractSpec } from '../../src/contract/extract-specs.js';
import type { Source } from '../../src/config/pipeline-schema.js';
import { buildCheckSql, trimmedOrNull, type CheckContext } from '../../src/ingest/check-sql.js';
import { mapColumns } from '../../src/ingest/map-columns.js';
import { openDb, queryRows } from '../../src/util/duckdb.js';
import { explain, explainAndRun } from './explain.js';
import { createRawSource } from './contract-tables.js';
import { renamedHeader, mappedSource, plainSource, ingestContext } from './source-variants.js';

const db = await openDb(':memory:', 1);
afterAll(() => db.close());
await db.conn.run('CREATE TABLE known_students (student_id VARCHAR)');

interface Variant {
  label: string;
  glob: boolean;
  headers: (spec: ExtractSpec) => string[];
  source: (spec: ExtractSpec) => Source;
}

const canonical = (spec: ExtractSpec) => spec.columns.map((c) => c.name);
const VARIANTS: Variant[] = [
  { label: 'one file, canonical headers', glob: false, headers: canonical, source: () => plainSource('x.csv') },
  {
    label: 'a glob, renamed headers, date_format and values mappings (incl. null)',
    glob: true,
    headers: (spec) => spec.columns.map((c) => renamedHeader(c.name)),
    source: (spec) => mappedSource(spec, 'x/*.csv'),
  },
  {
    label: 'only the required columns',
    glob: false,
    headers: (spec) => spec.columns.filter((c) => c.required).map((c) => c.name),
    source: () => plainSource('x.csv'),
  },
];

const CONTEXTS: { label: string; ctx: (spec: ExtractSpec) => CheckContext }[] = [
  { label: 'as the ingest runs it', ctx: (spec) => ingestContext(spec) },
  { label: 'with no school years', ctx: () => ({ knownStudents: 'known_students', years: [], yearStart: '08-15' }) },
];

describe('buildCheckSql passes EXPLAIN for every extract', () => {
  for (const spec of Object.values(EXTRACT_SPECS)) {
    for (const v of VARIANTS) {
      for (const c of CONTEXTS) {
        it(`${spec.name}: ${v.label}, ${c.label}`, async () => {
          const headers = v.headers(spec);
          const source = v.source(spec);
          await createRawSource(db.conn, 'raw_src', headers, v.glob);
          const map = mapColumns(spec, source, headers, 'x.csv');
          const ctx = c.ctx(spec);
          const plan = buildCheckSql(spec, map, source, 'raw_src', v.glob, ctx);
          await explainAndRun(db.conn, plan.sql);
          // the check table holds the canonical columns, the kept source text, __f for a glob, and __chk
          const cols = (await queryRows<{ column_name: string }>(db.conn, `DESCRIBE chk_${spec.name}`)).map((r) => r.column_name);
          expect(cols).toEqual([...spec.columns.map((x) => x.name), ...plan.rawColumns, ...(v.glob ? ['__f'] : []), '__chk']);
          expect(plan.unknownStudentSql === undefined).toBe(!(spec.checkStudent && ctx.knownStudents));
          if (plan.unknownStudentSql) await explainAndRun(db.conn, plan.unknownStudentSql);
          await explainAndRun(db.conn, plan.duplicateSql);
          await explain(
            db.conn,
            `SELECT ${plan.reason} AS reason, ${plan.reasonColumn} AS "column", ${plan.reasonValue} AS value, ${plan.rawFields} FROM chk_${spec.name}`,
          );
        });
      }
    }
  }
});

describe('trimmedOrNull', () => {
  it('passes EXPLAIN over a VARCHAR column', async () => {
    await createRawSource(db.conn, 'raw_trim', ['v'], false);
    await explain(db.conn, `SELECT ${trimmedOrNull('v')} FROM raw_trim`);
  });
});
