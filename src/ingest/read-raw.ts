import type { DuckDBConnection } from '@duckdb/node-api';
import type { ResolvedSource } from './resolve-source.js';
import { InputError } from '../util/input-error.js';
import { queryRows } from '../util/duckdb.js';
import { ident, lit } from '../util/sql.js';

/** What reading a source left in DuckDB: a table of raw text rows with __file and __line, and malformed lines. */
export interface RawRead {
  table: string;
  malformedTable: string;
  headers: string[];
}

/**
 * Load a source as all-text rows into `raw_<name>`, numbering each row with its line in its file
 * (header = line 1), and put lines the CSV parser could not read into `malformed_<name>`.
 */
export async function readRaw(conn: DuckDBConnection, name: string, src: ResolvedSource, delimiter?: string): Promise<RawRead> {
  const table = `raw_${name}`;
  const malformedTable = `malformed_${name}`;
  const files = `[${src.files.map(lit).join(', ')}]`;
  try {
    if (src.format === 'parquet') {
      await conn.run(`CREATE OR REPLACE TABLE ${table} AS
        SELECT COLUMNS(c -> c NOT IN ('__file', '__rownum'))::VARCHAR, __file, (__rownum + 1)::BIGINT AS __line
        FROM (SELECT *, filename AS __file, file_row_number AS __rownum
              FROM read_parquet(${files}, filename = true, file_row_number = true))`);
      await conn.run(`CREATE OR REPLACE TABLE ${malformedTable} (__file VARCHAR, __line BIGINT, raw_line VARCHAR, error VARCHAR)`);
    } else {
      const delim = delimiter ? `, delim = ${lit(delimiter)}` : '';
      await conn.run(`CREATE OR REPLACE TEMP TABLE ${table}_load AS
        SELECT * FROM read_csv(${files}, header = true, all_varchar = true, filename = '__file',
          store_rejects = true, rejects_table = 'rej_err_${name}', rejects_scan = 'rej_scan_${name}'${delim})`);
      await conn.run(`CREATE OR REPLACE TABLE ${malformedTable} AS
        SELECT s.file_path AS __file, e.line::BIGINT AS __line, first(e.csv_line) AS raw_line, first(e.error_message) AS error
        FROM rej_err_${name} e JOIN rej_scan_${name} s USING (scan_id, file_id)
        GROUP BY ALL`);
      // number rows within each file in insertion (file) order: rowid minus the file's first rowid
      await conn.run(`CREATE OR REPLACE TEMP TABLE ${table}_files AS SELECT __file, min(rowid) AS first_rowid FROM ${table}_load GROUP BY __file`);
      const malformed = await queryRows<{ n: number }>(conn, `SELECT count(*)::INTEGER AS n FROM ${malformedTable}`);
      if (malformed[0]!.n === 0) {
        await conn.run(`CREATE OR REPLACE TABLE ${table} AS
          SELECT l.*, (l.rowid - f.first_rowid + 2)::BIGINT AS __line FROM ${table}_load l JOIN ${table}_files f USING (__file)`);
      } else {
        // skip the line numbers taken by malformed lines: the accepted row with rank rn sits on
        // line rn + 1 + #{malformed i : r_i - i < rn}, where r_i is the i-th malformed line of the file
        await conn.run(`CREATE OR REPLACE TEMP TABLE ${table}_gapk AS
          SELECT __file, k, max(i) AS i FROM (
            SELECT __file, __line - row_number() OVER (PARTITION BY __file ORDER BY __line) AS k,
                   row_number() OVER (PARTITION BY __file ORDER BY __line) AS i
            FROM ${malformedTable}) GROUP BY ALL`);
        await conn.run(`CREATE OR REPLACE TABLE ${table} AS
          WITH numbered AS (
            SELECT l.*, (l.rowid - f.first_rowid + 1)::BIGINT AS __rn FROM ${table}_load l JOIN ${table}_files f USING (__file)
          )
          SELECT n.* EXCLUDE (__rn), (n.__rn + 1 + coalesce(g.i, 0))::BIGINT AS __line
          FROM numbered n ASOF LEFT JOIN ${table}_gapk g ON n.__file = g.__file AND n.__rn > g.k`);
        await conn.run(`DROP TABLE ${table}_gapk`);
      }
      await conn.run(`DROP TABLE ${table}_load; DROP TABLE ${table}_files`);
    }
  } catch (e) {
    const message = (e as Error).message.split('\n')[0];
    throw new InputError(`Could not read ${src.files.length === 1 ? src.files[0] : src.pattern}: ${message}`, { file: src.pattern });
  }
  const cols = await queryRows<{ column_name: string }>(conn, `SELECT column_name FROM (DESCRIBE ${ident(table)})`);
  const headers = cols.map((c) => c.column_name).filter((c) => c !== '__file' && c !== '__line');
  return { table, malformedTable, headers };
}
