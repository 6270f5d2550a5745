/** Checks of the arrays handed to the meta-analysis functions (malformed input is a RangeError, as in src/stats/regression). */
import type { Design } from '../regression/design.js';

/** Copies yi and vi into Float64Arrays, throwing a RangeError unless they are finite, of one length ≥ 1, and every vi > 0. */
export function checkedStudies(yi: ArrayLike<number>, vi: ArrayLike<number>): { y: Float64Array; v: Float64Array } {
  if (yi.length !== vi.length) throw new RangeError(`yi has ${yi.length} entries, vi ${vi.length}`);
  if (yi.length === 0) throw new RangeError('no estimates to pool');
  const y = Float64Array.from(yi);
  const v = Float64Array.from(vi);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i]!)) throw new RangeError(`yi[${i}] is not finite`);
    if (!(v[i]! > 0) || !Number.isFinite(v[i]!)) throw new RangeError(`vi[${i}] must be a finite positive variance`);
  }
  return { y, v };
}

/** A one-column design of ones named '(Intercept)'. */
export function interceptDesign(k: number): Design {
  return { n: k, names: ['(Intercept)'], columns: [new Float64Array(k).fill(1)] };
}

/** The design with `names` (if given) replacing its column names, checked against k rows. */
export function namedDesign(X: Design, k: number, names?: string[]): Design {
  if (X.n !== k || X.columns.some((c) => c.length !== k)) throw new RangeError(`design has ${X.n} rows, there are ${k} estimates`);
  if (names === undefined) return X;
  if (names.length !== X.columns.length) throw new RangeError(`${names.length} names for ${X.columns.length} columns`);
  return { n: X.n, names: names.slice(), columns: X.columns };
}

/** Index of the first column that is all ones (the intercept), or −1. */
export function interceptColumn(X: Design): number {
  return X.columns.findIndex((c) => c.every((x) => x === 1));
}
