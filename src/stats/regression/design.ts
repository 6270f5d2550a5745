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
  /** Row-wise (CSR) copy of the sparse columns: entries of row i are rowPtr[i]..rowPtr[i+1]−1. */
  readonly rowPtr: Int32Array;
  /** Design column of each CSR entry (ascending within a row). */
  readonly csrColumn: Int32Array;
  readonly csrValue: Float64Array;
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
    const nnz = countNonZeroFinite(col);
    if (nnz < 0) throw new RangeError(`design: column ${names[j]} has a non-finite value at row ${-nnz - 1}`);
    if (nnz <= SPARSE_FRACTION * n) {
      const idx = new Int32Array(nnz);
      const val = new Float64Array(nnz);
      gatherNonZero(col, idx, val);
      nzIndex.push(idx);
      nzValue.push(val);
    } else {
      nzIndex.push(null);
      nzValue.push(null);
    }
  }
  // CSR copy of the sparse columns, so that sparse × dense products are one sequential pass
  // over rows instead of scattered reads (gathers through a 200,000-row index list cost ~50 ns
  // each once the columns no longer fit in cache).
  const rowPtr = new Int32Array(n + 1);
  for (const idx of nzIndex) if (idx !== null) for (let k = 0; k < idx.length; k++) rowPtr[idx[k]! + 1]!++;
  for (let i = 0; i < n; i++) rowPtr[i + 1]! += rowPtr[i]!;
  const total = rowPtr[n]!;
  const csrColumn = new Int32Array(total);
  const csrValue = new Float64Array(total);
  const fill = rowPtr.slice(0, n);
  for (let j = 0; j < nzIndex.length; j++) {
    const idx = nzIndex[j];
    if (idx === null || idx === undefined) continue;
    const val = nzValue[j]!;
    for (let k = 0; k < idx.length; k++) {
      const e = fill[idx[k]!]!++;
      csrColumn[e] = j;
      csrValue[e] = val[k]!;
    }
  }
  return { n, p: columns.length, names, columns, nzIndex, nzValue, rowPtr, csrColumn, csrValue };
}

/** Number of non-zero entries, or −(i + 1) for the first non-finite entry i. */
function countNonZeroFinite(col: Float64Array): number {
  let nnz = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (v !== 0) {
      if (v - v !== 0) return -(i + 1); // NaN or ±Infinity
      nnz++;
    }
  }
  return nnz;
}

function gatherNonZero(col: Float64Array, idx: Int32Array, val: Float64Array): void {
  let k = 0;
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    if (v !== 0) {
      idx[k] = i;
      val[k] = v;
      k++;
    }
  }
}

/** Rows per block in the dense cross-products (keeps every column's block in cache). */
const BLOCK = 512;

/**
 * Weighted Gram matrix X_S' diag(w) X_S of the design columns `cols` (in that order), as a
 * full symmetric q×q row-major matrix. `w` null means unit weights.
 *
 * Dense × dense entries are dot products accumulated over blocks of BLOCK rows (four at a time,
 * so each block of w∘x_a is read once per four columns while everything stays in cache); all
 * entries involving a sparse column come from one pass over the CSR rows.
 */
export function weightedGram(P: PreparedDesign, cols: ArrayLike<number>, w: Float64Array | null): Float64Array {
  const q = cols.length;
  const n = P.n;
  const G = new Float64Array(q * q);
  const pos = new Int32Array(P.p).fill(-1);
  const densePos: number[] = [];
  const denseCols: Float64Array[] = [];
  for (let a = 0; a < q; a++) {
    const c = cols[a]!;
    pos[c] = a;
    if (P.nzIndex[c] === null) {
      densePos.push(a);
      denseCols.push(P.columns[c]!);
    }
  }
  const nd = densePos.length;

  // Dense × dense.
  if (nd > 0) {
    const acc = denseGram(denseCols, w, n);
    for (let ai = 0; ai < nd; ai++) {
      for (let bi = ai; bi < nd; bi++) {
        const v = acc[ai * nd + bi]!;
        G[densePos[ai]! * q + densePos[bi]!] = v;
        G[densePos[bi]! * q + densePos[ai]!] = v;
      }
    }
  }

  // Sparse × anything: one pass over the CSR rows. S[a][b] for sparse a (rows) accumulates
  // w_i v_ia x_ib over dense b and sparse b of the same row.
  const { rowPtr, csrColumn, csrValue } = P;
  if (rowPtr[n]! > 0) {
    const S = new Float64Array(q * q);
    for (let i = 0; i < n; i++) {
      const e0 = rowPtr[i]!;
      const e1 = rowPtr[i + 1]!;
      if (e0 === e1) continue;
      const wi = w === null ? 1 : w[i]!;
      if (wi === 0) continue;
      for (let e = e0; e < e1; e++) {
        const a = pos[csrColumn[e]!]!;
        if (a < 0) continue;
        const v = wi * csrValue[e]!;
        const o = a * q;
        for (let d = 0; d < nd; d++) S[o + densePos[d]!]! += v * denseCols[d]![i]!;
        for (let f = e0; f < e1; f++) {
          const b = pos[csrColumn[f]!]!;
          if (b >= 0) S[o + b]! += v * csrValue[f]!;
        }
      }
    }
    for (let a = 0; a < q; a++) {
      if (P.nzIndex[cols[a]!] === null) continue;
      for (let b = 0; b < q; b++) {
        const v = S[a * q + b]!;
        G[a * q + b] = v;
        G[b * q + a] = v;
      }
    }
  }
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

/**
 * Upper triangle of Σ_i w_i x_ia x_ib over dense columns (nd×nd row-major; the lower triangle
 * is left 0), blocked over rows (BLOCK) and computed two rows × four columns at a time (kept in
 * its own small function so that V8 optimises the kernel well). `w` null means unit weights.
 */
export function denseGram(denseCols: Float64Array[], w: Float64Array | null, n: number): Float64Array {
  const nd = denseCols.length;
  const acc = new Float64Array(nd * nd);
  const wa = new Float64Array(BLOCK);
  const wb = new Float64Array(BLOCK);
  for (let start = 0; start < n; start += BLOCK) {
    const len = Math.min(BLOCK, n - start);
    let ai = 0;
    for (; ai + 1 < nd; ai += 2) {
      const xa = denseCols[ai]!;
      const xa2 = denseCols[ai + 1]!;
      if (w === null) {
        for (let k = 0; k < len; k++) {
          wa[k] = xa[start + k]!;
          wb[k] = xa2[start + k]!;
        }
      } else {
        for (let k = 0; k < len; k++) {
          const wi = w[start + k]!;
          wa[k] = wi * xa[start + k]!;
          wb[k] = wi * xa2[start + k]!;
        }
      }
      let s00 = 0;
      let s01 = 0;
      let s11 = 0;
      for (let k = 0; k < len; k++) {
        const i = start + k;
        s00 += wa[k]! * xa[i]!;
        s01 += wa[k]! * xa2[i]!;
        s11 += wb[k]! * xa2[i]!;
      }
      acc[ai * nd + ai]! += s00;
      acc[ai * nd + ai + 1]! += s01;
      acc[(ai + 1) * nd + ai + 1]! += s11;
      let bi = ai + 2;
      for (; bi + 3 < nd; bi += 4) {
        const x0 = denseCols[bi]!;
        const x1 = denseCols[bi + 1]!;
        const x2 = denseCols[bi + 2]!;
        const x3 = denseCols[bi + 3]!;
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let b0 = 0;
        let b1 = 0;
        let b2 = 0;
        let b3 = 0;
        for (let k = 0; k < len; k++) {
          const i = start + k;
          const va = wa[k]!;
          const vb = wb[k]!;
          const y0 = x0[i]!;
          const y1 = x1[i]!;
          const y2 = x2[i]!;
          const y3 = x3[i]!;
          a0 += va * y0;
          a1 += va * y1;
          a2 += va * y2;
          a3 += va * y3;
          b0 += vb * y0;
          b1 += vb * y1;
          b2 += vb * y2;
          b3 += vb * y3;
        }
        const o = ai * nd + bi;
        const o2 = o + nd;
        acc[o]! += a0;
        acc[o + 1]! += a1;
        acc[o + 2]! += a2;
        acc[o + 3]! += a3;
        acc[o2]! += b0;
        acc[o2 + 1]! += b1;
        acc[o2 + 2]! += b2;
        acc[o2 + 3]! += b3;
      }
      for (; bi < nd; bi++) {
        const xb = denseCols[bi]!;
        let a0 = 0;
        let b0 = 0;
        for (let k = 0; k < len; k++) {
          const y = xb[start + k]!;
          a0 += wa[k]! * y;
          b0 += wb[k]! * y;
        }
        acc[ai * nd + bi]! += a0;
        acc[(ai + 1) * nd + bi]! += b0;
      }
    }
    if (ai < nd) {
      const xa = denseCols[ai]!;
      let s = 0;
      if (w === null) for (let k = 0; k < len; k++) s += xa[start + k]! * xa[start + k]!;
      else for (let k = 0; k < len; k++) s += w[start + k]! * xa[start + k]! * xa[start + k]!;
      acc[ai * nd + ai]! += s;
    }
  }
  return acc;
}
