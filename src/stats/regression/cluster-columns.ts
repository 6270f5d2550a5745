/**
 * Products with one cluster's design columns X̃ as the CR2 blocks hold them: q columns of length
 * n_g (views of a column-major n_g×q block), only the columns that are non-zero in the cluster.
 */

/** The q columns (length n_g each) of a column-major n_g×q block, as views. */
export function columnsOf(Xc: Float64Array, ng: number, q: number): Float64Array[] {
  return Array.from({ length: q }, (_, a) => Xc.subarray(a * ng, (a + 1) * ng));
}

/** X̃′ diag(w) v (a q-vector), or X̃′v when w is null. */
export function crossprod(cols: Float64Array[], ng: number, v: ArrayLike<number>, w: ArrayLike<number> | null = null): Float64Array {
  const out = new Float64Array(cols.length);
  for (let a = 0; a < cols.length; a++) {
    const x = cols[a]!;
    let s = 0;
    if (w === null) for (let k = 0; k < ng; k++) s += x[k]! * v[k]!;
    else for (let k = 0; k < ng; k++) s += x[k]! * w[k]! * v[k]!;
    out[a] = s;
  }
  return out;
}

/** X̃ b (an n_g-vector) for a q-vector b. */
export function columnsTimes(cols: Float64Array[], ng: number, b: ArrayLike<number>): Float64Array {
  const out = new Float64Array(ng);
  for (let k = 0; k < ng; k++) {
    let s = 0;
    for (let a = 0; a < cols.length; a++) s += cols[a]![k]! * b[a]!;
    out[k] = s;
  }
  return out;
}

/** X̃ M X̃′ (n_g×n_g row-major) for a symmetric q×q row-major M: the upper triangle, mirrored. */
export function columnsSandwich(cols: Float64Array[], ng: number, M: Float64Array): Float64Array {
  const q = cols.length;
  // XM = X̃M (n_g×q row-major)
  const XM = new Float64Array(ng * q);
  for (let a = 0; a < q; a++) {
    const xa = cols[a]!;
    for (let k = 0; k < ng; k++) {
      const x = xa[k]!;
      if (x === 0) continue;
      for (let b = 0; b < q; b++) XM[k * q + b]! += x * M[a * q + b]!;
    }
  }
  const S = new Float64Array(ng * ng);
  for (let k = 0; k < ng; k++) {
    for (let l = k; l < ng; l++) {
      let s = 0;
      for (let b = 0; b < q; b++) s += XM[k * q + b]! * cols[b]![l]!;
      S[k * ng + l] = s;
      S[l * ng + k] = s;
    }
  }
  return S;
}
