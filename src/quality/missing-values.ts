import type { DuckDBConnection } from '@duckdb/node-api';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import type { IngestResult } from '../ingest/ingest-all.js';
import { EXTRACT_SPECS } from '../contract/extract-specs.js';
import { queryOne } from '../util/duckdb.js';
import { ident } from '../util/sql.js';
import { DAILY_GROUPS_TABLE } from '../ingest/daily-groups-table.js';
import type { MissingValues } from './quality-schema.js';

/**
 * Count, per extract, the accepted rows with no value in each optional column (empty, or a code the
 * pipeline maps to null); a column the source lacks is listed as not present. Columns with a default
 * (visit status) are left out: their missing value has a meaning.
 */
export async function missingValues(conn: DuckDBConnection, p: LoadedPipeline, ingest: IngestResult): Promise<MissingValues[]> {
  const out: MissingValues[] = [];
  const sources = p.config.sources as Record<string, { values: Record<string, Record<string, string | null>> } | undefined>;
  for (const e of ingest.extracts) {
    const name = e.spec;
    const optional = EXTRACT_SPECS[name].columns.filter((c) => !c.required && !c.default);
    const present = optional.filter((c) => e.columns[c.name]);
    // daily attendance kept as groups counts its missing values per group (missing_<col>)
    const count = (c: (typeof present)[number], i: number) =>
      e.grouped ? `coalesce(sum(missing_${c.name}), 0)::INTEGER AS m${i}` : `count(*) FILTER (WHERE ${ident(c.name)} IS NULL)::INTEGER AS m${i}`;
    const counts = present.length
      ? (await queryOne<Record<string, number>>(conn, `SELECT ${present.map(count).join(', ')} FROM ${e.grouped ? DAILY_GROUPS_TABLE : name}`))!
      : {};
    for (const c of optional) {
      const i = present.indexOf(c);
      const values = sources[e.extract]?.values[c.name] ?? {};
      out.push({
        extract: e.extract,
        column: c.name,
        present: i >= 0,
        rows: e.rows_accepted,
        missing: i >= 0 ? counts[`m${i}`]! : e.rows_accepted,
        mapped_to_missing: Object.entries(values)
          .filter(([, to]) => to === null)
          .map(([from]) => from),
      });
    }
  }
  return out;
}
