/** A design's rows picked by index: the submatrix a fit on those rows only needs (no pass over the other rows). */
import type { Design } from './design.js';

/** The rows `rows` (design row indices) of every column of X, as a design of rows.length rows. */
export function restrictDesign(X: Design, rows: Int32Array): Design {
  return { n: rows.length, names: X.names.slice(), columns: X.columns.map((c) => gather(c, rows)) };
}

/** v at the indices `rows`. */
export function gather<T extends Float64Array | Int32Array>(v: T, rows: Int32Array): T {
  const out = (v instanceof Int32Array ? new Int32Array(rows.length) : new Float64Array(rows.length)) as T;
  for (let k = 0; k < rows.length; k++) out[k] = v[rows[k]!]!;
  return out;
}
