import type { DuckDBConnection } from '@duckdb/node-api';
import type { ResolvedSource } from './resolve-source.js';
import { InputError } from '../util/input-error.js';
import { queryRows } from '../util/duckdb.js';
import { ident, lit } from '../util/sql.js';
import { mixedLineEndingsMessage } from './line-endings.js';
import { readerErrorText } from '../util/reader-error-text.js';

/**
 * A source ready to be read: SQL for its rows as text, in file order, and its headers. Nothing per row
 * names the file or the line (62M copies of a path and a line number cost gigabytes): a row of a glob
 * carries the index of its file (`__f`), and the table the rows are loaded into numbers them by rowid,
 * from which `lineSql` works out the source line of the few rows that need one.
 */
export interface RawSource {
  /** a FROM item: the source's columns as text (+ `__f`, the file's index in `files`, for a glob) */
  from: string;
  /** the same FROM item with the named headers read in their stored type, not as text (Parquet: see `types`) */
  fromWith(native: readonly string[]): string;
  /**
   * `fromWith` with `__rid`, each row's number in file order: a Parquet row's number in its file (its row group
   * order, read in parallel); a CSV record's number across the files read, which holds only when the read runs on
   * one thread (`SET threads = 1`). Its CSV reader keeps malformed lines in `<rejectsTable>_2`, `<rejectsScan>_2`.
   * `offsets` (a Parquet glob: the rows of the files before each) make a row's number its number in the whole read.
   */
  numbered(native: readonly string[], offsets?: readonly number[]): string;
  headers: string[];
  /** the DuckDB type each header is stored as: a Parquet column's own type, VARCHAR for every CSV column */
  types: Record<string, string>;
  /** the files in order, for `__f`; a single file has index 0 and no `__f` column */
  files: string[];
  /** lines before a file's first record: 1 for CSV (the header), 0 for Parquet (row numbers) */
  headerLines: number;
  format: 'csv' | 'parquet';
  /** names of the CSV reader's rejects tables (malformed lines), which `readMalformed` reads and drops */
  rejectsTable: string;
  rejectsScan: string;
}

/** Tables `readMalformed` leaves for the line formula and the malformed rejects. */
export interface RawLines {
  /** `malformed_<name>`: lines the CSV parser could not read: `__f`, `__line`, `raw_line`, `error` */
  malformedTable: string;
  /** `files_<name>`: `__f`, `path`, `first_rowid` (rowid of the file's first record in the loaded table; NULL when none) */
  filesTable: string;
  /** `gaps_<name>`: per file, the malformed lines as steps `k` → `i` of the line formula */
  gapsTable: string;
  headerLines: number;
}

/** Wrap a reader error as the one-sentence user error naming the file. */
export function readError(src: ResolvedSource, e: unknown): InputError {
  if (src.format === 'csv') {
    for (const f of src.files) {
      const mixed = mixedLineEndingsMessage(f);
      if (mixed) return new InputError(mixed, { file: f });
    }
  }
  // one line of DuckDB's message (it may quote a whole line of megabytes); a too-long line is named by its number
  const message = readerErrorText((e as Error).message, src.files.length === 1 ? src.files[0] : undefined);
  return new InputError(`Could not read ${src.files.length === 1 ? src.files[0] : src.pattern}: ${message}.`, { file: src.pattern });
}

/**
 * Describe a source: its headers, and SQL that reads its rows as all-text columns (CSV lines the parser
 * cannot read go to DuckDB's rejects tables through `store_rejects`).
 */
export async function describeSource(conn: DuckDBConnection, name: string, src: ResolvedSource, delimiter?: string): Promise<RawSource> {
  const multi = src.files.length > 1;
  const files = `[${src.files.map(lit).join(', ')}]`;
  const rejectsTable = `rej_err_${name}`;
  const rejectsScan = `rej_scan_${name}`;
  // `numbered`: a Parquet row carries its row number in its file; a CSV's second read keeps its malformed lines apart
  const reader = (byName: boolean, numbered = false) =>
    src.format === 'parquet'
      ? `read_parquet(${files}${byName ? `, filename = '__file'` : ''}${numbered ? ', file_row_number = true' : ''})`
      : `read_csv(${files}, header = true, all_varchar = true${byName ? `, filename = '__file'` : ''}, store_rejects = true, ` +
        `rejects_table = '${rejectsTable}${numbered ? '_2' : ''}', rejects_scan = '${rejectsScan}${numbered ? '_2' : ''}'${delimiter ? `, delim = ${lit(delimiter)}` : ''})`;
  // a glob's row carries the index of its file: the reader's virtual column file_index (cheap); when the
  // source has a column of that name (which hides the virtual one), the file name mapped to its index
  const select = (byName: boolean, native: readonly string[] = [], numbered = false) => {
    const cast = native.length
      ? headers.map((h) => (native.includes(h) ? ident(h) : `${ident(h)}::VARCHAR AS ${ident(h)}`)).join(', ')
      : byName
        ? `COLUMNS(c -> c <> '__file')::VARCHAR`
        : 'COLUMNS(*)::VARCHAR';
    const cols = src.format === 'parquet' ? cast : byName ? '* EXCLUDE (__file)' : '*';
    const index = byName ? `CASE __file ${src.files.map((f, i) => `WHEN ${lit(f)} THEN ${i}`).join(' ')} END::INTEGER` : 'file_index::INTEGER';
    const rid = numbered && src.format === 'parquet' ? ', file_row_number AS __rid' : '';
    return `(SELECT ${cols}${rid}${multi ? `, ${index} AS __f` : ''} FROM ${reader(byName, numbered)})`;
  };
  let headers: string[] = [];
  const types: Record<string, string> = {};
  try {
    // a Parquet file's own columns and types (the text columns of `from` have the same names); a CSV's as text
    const described = await queryRows<{ column_name: string; column_type: string }>(
      conn,
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${src.format === 'parquet' ? reader(false) : select(false)})`,
    );
    const own = described.filter((c) => !(multi && c.column_name === '__f'));
    headers = own.map((c) => c.column_name);
    for (const c of own) types[c.column_name] = src.format === 'parquet' ? c.column_type : 'VARCHAR';
  } catch (e) {
    throw readError(src, e);
  }
  const byName = multi && headers.some((h) => h.toLowerCase() === 'file_index');
  // a header named like the reader's own filename column cannot be listed beside it: such a source is read as text
  const listable = !headers.includes('__file');
  return {
    from: select(byName),
    fromWith: (native) => select(byName, listable ? native.filter((h) => headers.includes(h)) : []),
    numbered: (native, offsets) => {
      const rows = select(byName, listable ? native.filter((h) => headers.includes(h)) : [], true);
      if (src.format === 'csv') return `(SELECT row_number() OVER () - 1 AS __rid, * FROM ${rows})`;
      if (!offsets || !multi) return rows;
      return `(SELECT * REPLACE (__rid + CASE __f ${offsets.map((o, i) => `WHEN ${i} THEN ${o}`).join(' ')} END AS __rid) FROM ${rows})`;
    },
    headers,
    types,
    files: src.files,
    headerLines: src.format === 'parquet' ? 0 : 1,
    format: src.format,
    rejectsTable,
    rejectsScan,
  };
}

/**
 * After `table` was loaded from `raw.from` (rowid in file order; `__f` for a glob), collect the lines the CSV
 * parser could not read into `malformed_<name>`, and the per-file tables `lineSql` needs. `firstRowids` (a query
 * of `__f`, `first_rowid`) gives the number of each file's first record when the rows were not loaded into `table`.
 */
export async function readMalformed(
  conn: DuckDBConnection,
  name: string,
  raw: RawSource,
  table: string,
  firstRowids = `SELECT ${raw.files.length > 1 ? '__f' : '0 AS __f'}, min(rowid) AS first_rowid FROM ${table} GROUP BY ALL`,
): Promise<RawLines> {
  const malformedTable = `malformed_${name}`;
  const filesTable = `files_${name}`;
  const gapsTable = `gaps_${name}`;
  await conn.run(`CREATE OR REPLACE TABLE ${filesTable} AS
    SELECT f.__f, f.path, r.first_rowid
    FROM (VALUES ${raw.files.map((f, i) => `(${i}, ${lit(f)})`).join(', ')}) f(__f, path)
    LEFT JOIN (${firstRowids}) r USING (__f)`);
  if (raw.format === 'parquet') {
    await conn.run(`CREATE OR REPLACE TABLE ${malformedTable} (__f INTEGER, __line BIGINT, raw_line VARCHAR, error VARCHAR)`);
  } else {
    await conn.run(`CREATE OR REPLACE TABLE ${malformedTable} AS
      SELECT f.__f, m.__line, m.raw_line, m.error
      FROM (SELECT s.file_path, e.line::BIGINT AS __line, first(e.csv_line) AS raw_line, first(e.error_message) AS error
            FROM ${raw.rejectsTable} e JOIN ${raw.rejectsScan} s USING (scan_id, file_id)
            GROUP BY ALL) m
      LEFT JOIN ${filesTable} f ON f.path = m.file_path`);
    const unmatched = await queryRows<{ n: number }>(conn, `SELECT count(*)::INTEGER AS n FROM ${malformedTable} WHERE __f IS NULL`);
    if (unmatched[0]!.n) throw new Error(`${unmatched[0]!.n} malformed lines of ${raw.files.join(', ')} name a file that is not in the list read`);
    await conn.run(`DROP TABLE ${raw.rejectsTable}; DROP TABLE ${raw.rejectsScan}`);
  }
  // the i-th malformed line of a file, on line r_i, has k_i = r_i - headerLines - i records before it, so the record
  // with rank rn sits on line rn + headerLines + #{i : k_i < rn}; gaps holds, per k, the count i of malformed lines so far
  await conn.run(`CREATE OR REPLACE TABLE ${gapsTable} AS
    SELECT __f, k, max(i) AS i FROM (
      SELECT __f, __line - ${raw.headerLines} - row_number() OVER (PARTITION BY __f ORDER BY __line) AS k,
             row_number() OVER (PARTITION BY __f ORDER BY __line) AS i
      FROM ${malformedTable}) GROUP BY ALL`);
  return { malformedTable, filesTable, gapsTable, headerLines: raw.headerLines };
}

/**
 * SQL for the source line of rows that carry `__rid` (their rowid in the loaded table) and `__f` (their file
 * index), given as the query `rows`: selects `rows.*`, `path` (the file) and `__line` (the line in it).
 */
export function lineSql(lines: RawLines, rows: string): string {
  return `SELECT n.* EXCLUDE (__rn), (n.__rn + ${lines.headerLines} + coalesce(g.i, 0))::BIGINT AS __line
FROM (SELECT x.*, f.path, (x.__rid - f.first_rowid + 1)::BIGINT AS __rn FROM (${rows}) x JOIN ${lines.filesTable} f USING (__f)) n
ASOF LEFT JOIN ${lines.gapsTable} g ON n.__f = g.__f AND n.__rn > g.k`;
}

/** Drop the tables `readMalformed` made. */
export async function dropLines(conn: DuckDBConnection, lines: RawLines): Promise<void> {
  await conn.run(`DROP TABLE ${lines.malformedTable}; DROP TABLE ${lines.filesTable}; DROP TABLE ${lines.gapsTable}`);
}
