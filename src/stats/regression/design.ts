/**
 * Design matrices and their weighted cross-products, accumulated column by column over
 * Float64Arrays (never an n×n matrix, never a row-major copy of X).
 *
 * Columns that are mostly zero (school dummies, missingness indicators) are detected once per
 * fit and stored as (row index, value) lists, so a cross-product involving such a column costs
 * its number of non-zeros instead of n. With 25 dense covariates and 60 school dummies this
 * cuts X'WX from n·p²/2 to about n·(27²/2 + 2·p) multiply-adds.
 */

/** Column-major design matrix: columns[j] has length n. */
export interface Design {
  n: number;
  names: string[];
  columns: Float64Array[];
}

/** A design with the sparse columns indexed; internal to the regression code. */
export interface PreparedDesign {
  readonly n: number;
  readonly p: number;
  readonly names: string[];
  readonly columns: Float64Array[];
  /** Row indices of the non-zero entries of column j when it is stored sparse, else null. */
  readonly nzIndex: (Int32Array | null)[];
  /** Values at nzIndex[j]. */
  readonly nzValue: (Float64Array | null)[];
}

/** A column is treated as sparse when at most this fraction of its entries are non-zero. */
const SPARSE_FRACTION = 0.25;

/**
 * Checks the shape and finiteness of a design and indexes its sparse columns.
 * Throws a RangeError for a malformed design (a programming error, not a data problem).
 */
export function prepareDesign(X: Design): PreparedDesign {
  const { n, names, columns } = X;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`design: n must be a non-negative integer, got ${n}`);
  if (names.length !== columns.length) {
    throw new RangeError(`design: ${names.length} names for ${columns.length} columns`);
  }
  const nzIndex: (Int32Array | null)[] = [];
  const nzValue: (Float64Array | null)[] = [];
  for (let j = 0; j < columns.length; j++) {
    const col = columns[j]!;
    if (col.length !== n) throw new RangeError(`design: column ${names[j]} has length ${col.length}, expected ${n}`);
    let nnz = 0;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (v !== 0) {
        if (!Number.isFinite(v)) throw new RangeError(`design: column ${names[j]} has a non-finite value at row ${i}`);
        nnz++;
      }
    }
    if (nnz <= SPARSE_FRACTION * n) {
      const idx = new Int32Array(nnz);
      const val = new Float64Array(nnz);
      let k = 0;
      for (let i = 0; i < n; i++) {
        const v = col[i]!;
        if (v !== 0) {
          idx[k] = i;
          val[k] = v;
          k++;
        }
      }
      nzIndex.push(idx);
      nzValue.push(val);
    } else {
      nzIndex.push(null);
      nzValue.push(null);
    }
  }
  return { n, p: columns.length, names, columns, nzIndex, nzValue };
}

/**
 * Weighted Gram matrix X_S' diag(w) X_S of the design columns `cols` (in that order), as a
 * full symmetric q×q row-major matrix. `w` null means unit weights.
 */
export function weightedGram(P: PreparedDesign, cols: ArrayLike<number>, w: Float64Array | null): Float64Array {
  const q = cols.length;
  const n = P.n;
  const G = new Float64Array(q * q);
  const dense: number[] = [];
  for (let a = 0; a < q; a++) if (P.nzIndex[cols[a]!] === null) dense.push(a);

  // Dense × dense: one pass of w∘x_a, then four dot products at a time.
  const wx = w === null ? null : new Float64Array(n);
  const nd = dense.length;
  for (let ai = 0; ai < nd; ai++) {
    const a = dense[ai]!;
    const xa = P.columns[cols[a]!]!;
    let v: Float64Array = xa;
    if (wx !== null && w !== null) {
      for (let i = 0; i < n; i++) wx[i] = w[i]! * xa[i]!;
      v = wx;
    }
    let bi = ai;
    for (; bi + 3 < nd; bi += 4) {
      const b0 = dense[bi]!;
      const b1 = dense[bi + 1]!;
      const b2 = dense[bi + 2]!;
      const b3 = dense[bi + 3]!;
      const x0 = P.columns[cols[b0]!]!;
      const x1 = P.columns[cols[b1]!]!;
      const x2 = P.columns[cols[b2]!]!;
      const x3 = P.columns[cols[b3]!]!;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let i = 0; i < n; i++) {
        const vi = v[i]!;
        s0 += vi * x0[i]!;
        s1 += vi * x1[i]!;
        s2 += vi * x2[i]!;
        s3 += vi * x3[i]!;
      }
      G[a * q + b0] = s0;
      G[a * q + b1] = s1;
      G[a * q + b2] = s2;
      G[a * q + b3] = s3;
    }
    for (; bi < nd; bi++) {
      const b = dense[bi]!;
      const xb = P.columns[cols[b]!]!;
      let s = 0;
      for (let i = 0; i < n; i++) s += v[i]! * xb[i]!;
      G[a * q + b] = s;
    }
  }

  // Pairs with at least one sparse column: iterate over the sparser one's non-zeros.
  for (let a = 0; a < q; a++) {
    const ca = cols[a]!;
    const ia = P.nzIndex[ca]!;
    for (let b = a; b < q; b++) {
      const cb = cols[b]!;
      const ib = P.nzIndex[cb]!;
      if (ia === null && ib === null) continue;
      let idx: Int32Array;
      let val: Float64Array;
      let other: Float64Array;
      if (ia !== null && (ib === null || ia.length <= ib.length)) {
        idx = ia;
        val = P.nzValue[ca]!;
        other = P.columns[cb]!;
      } else {
        idx = ib!;
        val = P.nzValue[cb]!;
        other = P.columns[ca]!;
      }
      let s = 0;
      const m = idx.length;
      if (w === null) {
        for (let k = 0; k < m; k++) s += val[k]! * other[idx[k]!]!;
      } else {
        for (let k = 0; k < m; k++) {
          const i = idx[k]!;
          s += w[i]! * val[k]! * other[i]!;
        }
      }
      G[a * q + b] = s;
    }
  }
  for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) G[a * q + b] = G[b * q + a]!;
  return G;
}

/** X_S' (w ∘ z) for the design columns `cols`; `w` null means unit weights. */
export function weightedCross(
  P: PreparedDesign,
  cols: ArrayLike<number>,
  w: Float64Array | null,
  z: Float64Array,
): Float64Array {
  const q = cols.length;
  const n = P.n;
  let wz = z;
  if (w !== null) {
    wz = new Float64Array(n);
    for (let i = 0; i < n; i++) wz[i] = w[i]! * z[i]!;
  }
  const out = new Float64Array(q);
  for (let a = 0; a < q; a++) {
    const c = cols[a]!;
    const idx = P.nzIndex[c];
    let s = 0;
    if (idx === null || idx === undefined) {
      const x = P.columns[c]!;
      for (let i = 0; i < n; i++) s += wz[i]! * x[i]!;
    } else {
      const val = P.nzValue[c]!;
      for (let k = 0; k < idx.length; k++) s += wz[idx[k]!]! * val[k]!;
    }
    out[a] = s;
  }
  return out;
}

/** out = X_S β (β indexed like `cols`); returns out. */
export function multiplyDesign(
  P: PreparedDesign,
  cols: ArrayLike<number>,
  beta: ArrayLike<number>,
  out: Float64Array = new Float64Array(P.n),
): Float64Array {
  out.fill(0);
  const n = P.n;
  for (let a = 0; a < cols.length; a++) {
    const b = beta[a]!;
    if (b === 0) continue;
    const c = cols[a]!;
    const idx = P.nzIndex[c];
    if (idx === null || idx === undefined) {
      const x = P.columns[c]!;
      for (let i = 0; i < n; i++) out[i]! += b * x[i]!;
    } else {
      const val = P.nzValue[c]!;
      for (let k = 0; k < idx.length; k++) out[idx[k]!]! += b * val[k]!;
    }
  }
  return out;
}
