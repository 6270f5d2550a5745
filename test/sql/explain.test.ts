/** The SQL checker itself: it must fail on SQL that does not parse or bind, and split statements where DuckDB would. */
import { describe, it, expect, afterAll } from 'vitest';
import { openDb } from '../../src/util/duckdb.js';
import { explain, explainAndRun, explainingConnection, splitStatements } from './explain.js';
import { createCanonicalTables } from './contract-tables.js';

const db = await openDb(':memory:', 1);
afterAll(() => db.close());
await createCanonicalTables(db.conn, ['students']);

describe('the EXPLAIN checker', () => {
  it('splits on semicolons outside quotes and comments', () => {
    expect(splitStatements(`SELECT 'a;b'; SELECT "c;d" FROM t -- x; y\n; SELECT 'it''s'`)).toEqual([`SELECT 'a;b'`, `SELECT "c;d" FROM t -- x; y`, `SELECT 'it''s'`]);
  });

  it('fails on a column that is not there, a table that is not there, and SQL that does not parse', async () => {
    await expect(explain(db.conn, 'SELECT student_idd FROM students')).rejects.toThrow(/student_idd/);
    await expect(explain(db.conn, 'SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    await expect(explain(db.conn, 'SELEC 1')).rejects.toThrow(/syntax/i);
  });

  it('fails on a type that does not fit: a year (INTEGER) given to a date function', async () => {
    await expect(explain(db.conn, 'SELECT strftime(school_year, \'%Y\') FROM students')).rejects.toThrow(/strftime/);
  });

  it('runs each statement so the next binds against what it made', async () => {
    const done = await explainAndRun(db.conn, 'CREATE OR REPLACE TABLE a1 AS SELECT student_id FROM students; CREATE OR REPLACE TABLE a2 AS SELECT student_id FROM a1');
    expect(done).toHaveLength(2);
  });

  it('checks and records every statement a function runs through the wrapped connection', async () => {
    const { conn, statements } = explainingConnection(db.conn);
    await conn.run('CREATE OR REPLACE TABLE b1 AS SELECT 1 AS x; CREATE OR REPLACE TABLE b2 AS SELECT x FROM b1');
    const rows = (await conn.runAndReadAll('SELECT count(*)::INTEGER AS n FROM b2')).getRowObjectsJS();
    expect(rows).toEqual([{ n: 1 }]);
    expect(statements).toHaveLength(3);
    await expect(conn.run('SELECT y FROM b1')).rejects.toThrow(/EXPLAIN failed/);
  });
});
