/**
 * The practice fields and the educators roster through the real ingest (CSV files in a temp folder, ingestAll):
 * a completed visit with educator_count 0 (also one whose empty status defaults to completed) and a negative stipend
 * are out_of_range, a reflection_date that is not a date is bad_date; an attempted visit with 0 educators is
 * kept. The roster rejects a duplicate key, a bad yes/no and a missing school_id. Every extract balances:
 * read = accepted + rejected.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadPipeline } from '../../src/config/load-pipeline.js';
import { ingestAll, type IngestResult } from '../../src/ingest/ingest-all.js';
import { openDb, queryRows, type Db } from '../../src/util/duckdb.js';
import { tinyDays } from '../helpers/tiny-district.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-fidelity-rejects-'));
let db: Db;
let ingest: IngestResult;

const VISITS = [
  'visit_id,student_id,school_id,visit_date,status,educator_ids,educator_count,reflection_date,stipend_amount',
  'V1,S1,A,2016-10-01,completed,,0,,', // line 2: out_of_range educator_count
  'V2,S1,A,2016-10-02,attempted,,0,,', // kept: 0 educators on an attempt
  'V3,S2,A,2016-10-03,completed,E1;E2,,soon,', // line 4: bad_date reflection_date
  'V4,S2,A,2016-10-04,,,0,,', // line 5: empty status is completed → out_of_range
  'V5,S2,A,2016-10-05,completed,E1,,2016-10-06,-35', // line 6: out_of_range stipend_amount
  'V6,S1,A,2016-10-06,completed,E1;E2,2,2016-10-07,35', // kept
];
const EDUCATORS = [
  'educator_id,school_id,school_year,role,trained',
  'E1,A,2017,teacher,yes',
  'E1,A,2016-17,teacher,no', // line 3: the same key as line 2 (2016-17 is 2017)
  'E2,A,,teacher,maybe', // line 4: bad_bool trained
  'E3,,2017,counselor,no', // line 5: missing_required school_id
  'E4,A,,classified,', // kept: no year means every year
];

beforeAll(async () => {
  writeFileSync(join(dir, 'students.csv'), ['student_id,school_id,school_year,grade', 'S1,A,2017,3', 'S2,A,2017,3'].join('\n') + '\n');
  writeFileSync(join(dir, 'attendance.csv'), ['student_id,school_id,date,status', ...tinyDays().flatMap((d) => [`S1,A,${d},present`, `S2,A,${d},present`])].join('\n') + '\n');
  writeFileSync(join(dir, 'visits.csv'), VISITS.join('\n') + '\n');
  writeFileSync(join(dir, 'educators.csv'), EDUCATORS.join('\n') + '\n');
  const sources = Object.fromEntries(['students', 'visits', 'attendance', 'educators'].map((x) => [x, { path: `${x}.csv` }]));
  writeFileSync(join(dir, 'pipeline.yaml'), stringify({ name: 'Rejects', site: 'rej', outcome_year: 2017, sources, output: 'out' }));
  db = await openDb(':memory:', 1);
  ingest = await ingestAll(db.conn, loadPipeline(join(dir, 'pipeline.yaml')));
});
afterAll(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rejects = (table: string) =>
  queryRows<{ source_line: number; reason: string; column: string; value: string | null }>(db.conn, `SELECT source_line, reason, "column", value FROM ${table} ORDER BY source_line`);

describe('practice fields and the educators roster through the ingest', () => {
  it('rejects malformed practice fields of visits with their reasons', async () => {
    expect(await rejects('rej_visits')).toEqual([
      { source_line: 2, reason: 'out_of_range', column: 'educator_count', value: '0' },
      { source_line: 4, reason: 'bad_date', column: 'reflection_date', value: 'soon' },
      { source_line: 5, reason: 'out_of_range', column: 'educator_count', value: '0' },
      { source_line: 6, reason: 'out_of_range', column: 'stipend_amount', value: '-35' },
    ]);
    expect((await queryRows<{ visit_id: string }>(db.conn, 'SELECT visit_id FROM visits ORDER BY 1')).map((r) => r.visit_id)).toEqual(['V2', 'V6']);
  });

  it('reads the educators roster, with its rejects', async () => {
    expect(ingest.has.educators).toBe(true);
    expect(await rejects('rej_educators')).toEqual([
      { source_line: 3, reason: 'duplicate_key', column: 'educator_id+school_id+school_year', value: 'E1|A|2016-17' },
      { source_line: 4, reason: 'bad_bool', column: 'trained', value: 'maybe' },
      { source_line: 5, reason: 'missing_required', column: 'school_id', value: null },
    ]);
    expect(await queryRows(db.conn, 'SELECT educator_id, school_year, trained FROM educators ORDER BY 1')).toEqual([
      { educator_id: 'E1', school_year: 2017, trained: true },
      { educator_id: 'E4', school_year: null, trained: null },
    ]);
  });

  it('balances the row accounting of every extract', () => {
    const acc = Object.fromEntries(ingest.extracts.map((e) => [e.extract, [e.rows_read, e.rows_accepted, e.rows_rejected, e.rejected_by_reason]]));
    expect(acc.visits).toEqual([6, 2, 4, { bad_date: 1, out_of_range: 3 }]);
    expect(acc.educators).toEqual([5, 2, 3, { missing_required: 1, bad_bool: 1, duplicate_key: 1 }]);
    for (const e of ingest.extracts) expect(e.rows_read, e.extract).toBe(e.rows_accepted + e.rows_rejected);
  });
});
