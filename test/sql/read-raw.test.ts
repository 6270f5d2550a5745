/**
 * The reader SQL of src/ingest/read-raw.ts through DuckDB EXPLAIN (test/sql/explain.ts), on header-only files:
 * CSV and Parquet, one file and a glob, a glob whose files have a `file_index` column (which hides the reader's
 * virtual column, so the file name is mapped to its index instead), and a set delimiter. Each source's FROM item,
 * the malformed-line tables `readMalformed` builds, the line formula `lineSql` and `dropLines`.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeSource, readMalformed, lineSql, dropLines } from '../../src/ingest/read-raw.js';
import type { ResolvedSource } from '../../src/ingest/resolve-source.js';
import { openDb } from '../../src/util/duckdb.js';
import { explain, explainingConnection } from './explain.js';
import { writeEmptySources } from './source-files.js';

const db = await openDb(':memory:', 1);
const dir = mkdtempSync(join(tmpdir(), 'hve-sql-read-raw-'));
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const HEADERS = ['StuID', 'School Code', 'school_year', 'grade'];
const CASES: { label: string; files: string[]; format: 'csv' | 'parquet'; headers: string[]; delimiter?: string }[] = [
  { label: 'one CSV file', files: ['one.csv'], format: 'csv', headers: HEADERS },
  { label: 'a CSV glob', files: ['g1.csv', 'g2.csv'], format: 'csv', headers: HEADERS },
  { label: 'a CSV glob with a file_index column', files: ['f1.csv', 'f2.csv'], format: 'csv', headers: [...HEADERS, 'file_index'] },
  { label: 'one CSV file with ; as delimiter', files: ['semi.csv'], format: 'csv', headers: HEADERS, delimiter: ';' },
  { label: 'one Parquet file', files: ['one.parquet'], format: 'parquet', headers: HEADERS },
  { label: 'a Parquet glob', files: ['p1.parquet', 'p2.parquet'], format: 'parquet', headers: HEADERS },
  { label: 'a Parquet glob with a file_index column', files: ['q1.parquet', 'q2.parquet'], format: 'parquet', headers: [...HEADERS, 'file_index'] },
];

describe('read-raw SQL passes EXPLAIN', () => {
  for (const [i, c] of CASES.entries()) {
    it(c.label, async () => {
      const files = await writeEmptySources(db.conn, dir, c.files, c.headers, c.delimiter);
      const src: ResolvedSource = { pattern: join(dir, '*'), files, format: c.format };
      const { conn, statements } = explainingConnection(db.conn);
      const raw = await describeSource(conn, `x${i}`, src, c.delimiter);
      expect(raw.headers).toEqual(c.headers);
      expect(raw.headerLines).toBe(c.format === 'csv' ? 1 : 0);
      const glob = files.length > 1;
      await explain(db.conn, `CREATE OR REPLACE TABLE loaded AS SELECT * FROM ${raw.from}`);
      await db.conn.run(`CREATE OR REPLACE TABLE loaded AS SELECT * FROM ${raw.from}`);
      const lines = await readMalformed(conn, `x${i}`, raw, 'loaded');
      await explain(db.conn, lineSql(lines, `SELECT rowid AS __rid, ${glob ? '__f' : '0 AS __f'} FROM loaded`));
      await dropLines(conn, lines);
      // every statement was checked: DESCRIBE; the files, malformed and gaps tables (CSV: also the unmatched-file
      // count and two drops of the reader's rejects tables); dropLines' three drops
      expect(statements).toHaveLength(c.format === 'csv' ? 10 : 7);
    });
  }
});
