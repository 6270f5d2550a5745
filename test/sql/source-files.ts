/** Header-only source files (CSV or Parquet) of an extract's columns, for running the ingest's SQL on empty input. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { ident, lit } from '../../src/util/sql.js';

/** Write `names` (file names in `dir`) with these headers and no rows; Parquet files hold VARCHAR columns. */
export async function writeEmptySources(conn: DuckDBConnection, dir: string, names: readonly string[], headers: readonly string[], delimiter = ','): Promise<string[]> {
  const paths = names.map((n) => join(dir, n));
  for (const p of paths) {
    if (p.endsWith('.parquet')) {
      const cols = headers.map((h) => `NULL::VARCHAR AS ${ident(h)}`).join(', ');
      await conn.run(`COPY (SELECT ${cols} WHERE false) TO ${lit(p)} (FORMAT parquet)`);
    } else writeFileSync(p, `${headers.join(delimiter)}\n`);
  }
  return paths;
}
