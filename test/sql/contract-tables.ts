/** Empty tables of the contract's shape, for checking SQL against (test/sql/explain.ts). */
import type { DuckDBConnection } from '@duckdb/node-api';
import { EXTRACT_SPECS, type ExtractName, type ExtractSpec } from '../../src/contract/extract-specs.js';
import { COLUMN_SQL_TYPE } from '../../src/contract/column-sql-type.js';
import { ident } from '../../src/util/sql.js';

/** CREATE TABLE of an accepted extract: the canonical columns with their DuckDB types (as the ingest leaves them). */
export function canonicalTableSql(spec: ExtractSpec, table: string = spec.name): string {
  return `CREATE OR REPLACE TABLE ${table} (${spec.columns.map((c) => `${ident(c.name)} ${COLUMN_SQL_TYPE[c.type]}`).join(', ')})`;
}

/** Create the empty typed canonical tables of these extracts (e.g. students, visits, attendance_daily). */
export async function createCanonicalTables(conn: DuckDBConnection, names: readonly ExtractName[]): Promise<void> {
  for (const n of names) await conn.run(canonicalTableSql(EXTRACT_SPECS[n]));
}

/** Create a source table as the reader gives it: every header a VARCHAR column, and `__f` (the file index) for a glob. */
export async function createRawSource(conn: DuckDBConnection, table: string, headers: readonly string[], glob: boolean): Promise<void> {
  const cols = [...headers.map((h) => `${ident(h)} VARCHAR`), ...(glob ? ['__f INTEGER'] : [])];
  await conn.run(`CREATE OR REPLACE TABLE ${table} (${cols.join(', ')})`);
}
