import type { DuckDBConnection } from '@duckdb/node-api';
import { queryColumns, queryRows } from '../util/duckdb.js';
import { ident } from '../util/sql.js';

/** A categorical column as integer codes (−1 = missing) with its level labels. */
export interface Categorical {
  codes: Int32Array;
  levels: string[];
}

/** The analysis rows as typed columns: numeric (NaN = missing) and categorical. No per-row objects. */
export interface AnalysisFrame {
  n: number;
  numeric: Record<string, Float64Array>;
  categorical: Record<string, Categorical>;
}

/** Read numeric and categorical columns of `table` (rows matching `where`, ordered by `orderBy`) into a frame. */
export async function loadFrame(
  conn: DuckDBConnection,
  table: string,
  numeric: readonly string[],
  categorical: readonly string[],
  where = 'true',
  orderBy = 'rowid',
): Promise<AnalysisFrame> {
  const levels: Record<string, string[]> = {};
  for (const c of categorical) {
    const rows = await queryRows<{ v: string }>(conn, `SELECT DISTINCT ${ident(c)}::VARCHAR AS v FROM ${table} WHERE ${where} AND ${ident(c)} IS NOT NULL ORDER BY 1`);
    levels[c] = rows.map((r) => r.v);
  }
  const catSql = categorical.map(
    (c) => `coalesce(list_position(${levels[c]!.length ? `[${levels[c]!.map((l) => `'${l.replaceAll("'", "''")}'`).join(', ')}]` : '[]::VARCHAR[]'}, ${ident(c)}::VARCHAR) - 1, -1)::DOUBLE AS ${ident(`cat__${c}`)}`,
  );
  const numSql = numeric.map((c) => `${ident(c)}::DOUBLE AS ${ident(c)}`);
  const cols = await queryColumns(conn, `SELECT ${[...numSql, ...catSql, '0::DOUBLE AS __dummy'].join(', ')} FROM ${table} WHERE ${where} ORDER BY ${orderBy}`);
  const n = cols.__dummy!.length;
  const frame: AnalysisFrame = { n, numeric: {}, categorical: {} };
  for (const c of numeric) frame.numeric[c] = cols[c]!;
  for (const c of categorical) frame.categorical[c] = { codes: Int32Array.from(cols[`cat__${c}`]!), levels: levels[c]! };
  return frame;
}

/** The rows of a frame where `keep` is true, as a new frame. */
export function subsetFrame(frame: AnalysisFrame, keep: Uint8Array): AnalysisFrame {
  let m = 0;
  for (let i = 0; i < frame.n; i++) if (keep[i]) m++;
  const pick = <T extends Float64Array | Int32Array>(a: T, make: (len: number) => T): T => {
    const out = make(m);
    let k = 0;
    for (let i = 0; i < frame.n; i++) if (keep[i]) out[k++] = a[i]!;
    return out;
  };
  const out: AnalysisFrame = { n: m, numeric: {}, categorical: {} };
  for (const [k, v] of Object.entries(frame.numeric)) out.numeric[k] = pick(v, (l) => new Float64Array(l));
  for (const [k, v] of Object.entries(frame.categorical)) out.categorical[k] = { codes: pick(v.codes, (l) => new Int32Array(l)), levels: v.levels };
  return out;
}
