/**
 * The SQL src/ingest/ingest-all.ts runs around the extracts (known students, the school years, the rejects
 * COPY with formula-looking text neutralised), every statement through DuckDB EXPLAIN (test/sql/explain.ts):
 * one student row for the outcome year and header-only files otherwise, with every extract (educators too) and daily
 * attendance, and with only the required extracts and summary attendance (kind: auto).
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { EXTRACT_SPECS, type ExtractName } from '../../src/contract/extract-specs.js';
import { loadPipeline } from '../../src/config/load-pipeline.js';
import { ingestAll, writeRejects } from '../../src/ingest/ingest-all.js';
import { openDb } from '../../src/util/duckdb.js';
import { explainingConnection } from './explain.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-sql-ingest-all-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const header = (n: ExtractName) => EXTRACT_SPECS[n].columns.map((c) => c.name).join(',');

/** Write the extracts (students with one row in 2017, the others header-only) and a pipeline naming them. */
function writeCase(name: string, attendance: 'attendance_daily' | 'attendance_summary', optional: boolean): string {
  const files: Record<string, ExtractName> = { students: 'students', visits: 'visits', attendance, ...(optional ? { discipline: 'discipline', assessments: 'assessments', schools: 'schools', educators: 'educators' } : {}) };
  const sources: Record<string, { path: string }> = {};
  for (const [extract, spec] of Object.entries(files)) {
    const body = extract === 'students' ? 'S1,SCH1,2017,3,,,f,white,yes,no,no,F1\n' : '';
    writeFileSync(join(dir, `${name}-${extract}.csv`), `${header(spec)}\n${body}`);
    sources[extract] = { path: `${name}-${extract}.csv` };
  }
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, stringify({ name: 'SQL check', site: 'sql', outcome_year: 2017, sources, output: join(dir, `${name}-out`) }));
  return path;
}

describe('ingestAll and writeRejects SQL passes EXPLAIN', () => {
  for (const [label, attendance, optional] of [
    ['every extract, daily attendance', 'attendance_daily', true],
    ['the required extracts, summary attendance', 'attendance_summary', false],
  ] as const) {
    it(label, async () => {
      const db = await openDb(':memory:', 1);
      try {
        const { conn, statements } = explainingConnection(db.conn);
        const p = loadPipeline(writeCase(optional ? 'all' : 'req', attendance, optional));
        const ingest = await ingestAll(conn, p);
        expect(ingest.years).toEqual([2017]);
        expect(ingest.attendanceKind).toBe(attendance === 'attendance_daily' ? 'daily' : 'summary');
        expect(ingest.has).toEqual({ discipline: optional, assessments: optional, schools: optional, educators: optional });
        expect(ingest.extracts.map((e) => [e.extract, e.rows_read, e.rows_accepted])).toEqual([
          ['students', 1, 1],
          ['visits', 0, 0],
          ['attendance', 0, 0],
          ...(optional ? [['discipline', 0, 0], ['assessments', 0, 0], ['schools', 0, 0], ['educators', 0, 0]] : []),
        ]);
        expect(statements).toContain('CREATE OR REPLACE TABLE known_students AS SELECT DISTINCT student_id FROM students');
        const written = await writeRejects(conn, ingest, join(dir, `${optional ? 'all' : 'req'}-rejects`));
        expect(written.map((f) => f.split('/').at(-1))).toEqual(ingest.extracts.map((e) => `${e.extract}.csv`));
        // a rejects file of no rows is its header: source file, line, reason, column, value, then the raw fields
        expect(readFileSync(written[1]!, 'utf8').split('\n')[0]).toBe(`source_file,source_line,reason,column,value,${header('visits')},raw_line`);
      } finally {
        db.close();
      }
    });
  }
});
