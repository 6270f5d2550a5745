/**
 * The SQL src/ingest/ingest-extract.ts runs (load and check in one pass, known students, duplicates, the reject
 * table with source lines, the accepted table), every statement through DuckDB EXPLAIN (test/sql/explain.ts),
 * on header-only files of every extract: one CSV, a CSV glob with renamed headers, values mappings (incl. null)
 * and date_format, and one Parquet file; attendance also through the daily/summary decision. The accepted table
 * it leaves must have exactly the contract's columns and types, which is what the analytic SQL is checked against.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXTRACT_SPECS, type ExtractSpec } from '../../src/contract/extract-specs.js';
import { COLUMN_SQL_TYPE } from '../../src/contract/column-sql-type.js';
import type { Source } from '../../src/config/pipeline-schema.js';
import { ingestExtract } from '../../src/ingest/ingest-extract.js';
import { attendanceSpecFor } from '../../src/ingest/ingest-all.js';
import { openDb, queryRows } from '../../src/util/duckdb.js';
import { explainingConnection } from './explain.js';
import { writeEmptySources } from './source-files.js';
import { renamedHeader, mappedSource, plainSource, ingestContext } from './source-variants.js';

const db = await openDb(':memory:', 1);
const dir = mkdtempSync(join(tmpdir(), 'hve-sql-ingest-extract-'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});
await db.conn.run('CREATE TABLE known_students (student_id VARCHAR)');

interface Variant {
  label: string;
  files: string[];
  format: 'csv' | 'parquet';
  headers: (spec: ExtractSpec) => string[];
  source: (spec: ExtractSpec, path: string) => Source;
}
const canonical = (spec: ExtractSpec) => spec.columns.map((c) => c.name);
const VARIANTS: Variant[] = [
  { label: 'one CSV file', files: ['a.csv'], format: 'csv', headers: canonical, source: (_s, p) => plainSource(p) },
  { label: 'a CSV glob, renamed headers, values and date_format', files: ['b1.csv', 'b2.csv'], format: 'csv', headers: (s) => s.columns.map((c) => renamedHeader(c.name)), source: (s, p) => mappedSource(s, p) },
  { label: 'one Parquet file', files: ['c.parquet'], format: 'parquet', headers: canonical, source: (_s, p) => plainSource(p) },
];

/** Ingest header-only files of `spec` through the checking connection; returns the accounting and the accepted table's columns. */
async function ingestEmpty(spec: ExtractSpec, v: Variant, decide?: (headers: string[]) => ExtractSpec) {
  const sub = mkdtempSync(join(dir, `${spec.name}-`));
  mkdirSync(sub, { recursive: true });
  const files = await writeEmptySources(db.conn, sub, v.files, v.headers(spec));
  const source = v.source(spec, files.length > 1 ? join(sub, '*') : files[0]!);
  const { conn, statements } = explainingConnection(db.conn);
  const acc = await ingestExtract(conn, spec, source, { pattern: source.path, files, format: v.format }, ingestContext(spec), decide);
  const columns = await queryRows<{ column_name: string; column_type: string }>(db.conn, `DESCRIBE ${spec.name}`);
  return { acc, columns, statements };
}

const contractShape = (spec: ExtractSpec) => spec.columns.map((c) => ({ column_name: c.name, column_type: COLUMN_SQL_TYPE[c.type] }));

describe('ingestExtract SQL passes EXPLAIN and leaves the contract shape', () => {
  for (const spec of Object.values(EXTRACT_SPECS)) {
    for (const v of VARIANTS) {
      it(`${spec.name}: ${v.label}`, async () => {
        const { acc, columns, statements } = await ingestEmpty(spec, v);
        expect([acc.rows_read, acc.rows_accepted, acc.rows_rejected]).toEqual([0, 0, 0]);
        expect(columns.map(({ column_name, column_type }) => ({ column_name, column_type }))).toEqual(contractShape(spec));
        expect(statements.some((s) => s.startsWith(`CREATE OR REPLACE TABLE rej_${spec.name}`))).toBe(true);
      });
    }
  }

  for (const kind of ['daily', 'summary'] as const) {
    it(`attendance decided as ${kind} from its headers (kind: auto)`, async () => {
      const spec = EXTRACT_SPECS[`attendance_${kind}`];
      const decide = (headers: string[]) => attendanceSpecFor('auto', headers, {}, 'attendance.csv');
      const { acc, columns } = await ingestEmpty(spec, VARIANTS[0]!, decide);
      expect(acc.kind).toBe(kind);
      expect(columns.map(({ column_name, column_type }) => ({ column_name, column_type }))).toEqual(contractShape(spec));
    });
  }
});
