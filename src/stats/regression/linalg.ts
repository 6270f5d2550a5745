/**
 * Small dense p×p linear algebra on row-major Float64Arrays: Cholesky with sequential
 * dropping of aliased columns, triangular solves and inverses, symmetric eigendecomposition
 * (ml-matrix's Householder tridiagonalisation + QL, `assumeSymmetric`).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/**
 * Default rank tolerance: column j is aliased when the squared norm of its residual on the
 * previously kept columns is at most RANK_TOL times its own squared (weighted) norm, i.e. when
 * its R² on those columns is ≥ 1 − 1e-9 (R's lm uses a norm ratio of 1e-7 in a QR, i.e. 1e-14
 * on squares; a Gram-based Cholesky needs more room for rounding).
 */
export const RANK_TOL = 1e-9;

export interface CholeskyWithDrop {
  /** Positions (0..q−1) of the kept columns, in their original order. */
  keep: number[];
  /** Positions of the dropped (aliased) columns. */
  drop: number[];
  /** Lower-triangular factor of the kept block, r×r row-major, with L L' = G[keep, keep]. */
  L: Float64Array;
}

/**
 * Cholesky factorisation of a symmetric PSD q×q matrix that walks the columns in order and
 * drops any column whose pivot is ≤ tol × its diagonal (or whose diagonal is 0): the kept
 * columns are the ones R's pivoting QR keeps (later columns that are linear combinations of
 * earlier ones are dropped, as R gives them NA).
 */
export function choleskyWithDrop(G: Float64Array, q: number, tol: number = RANK_TOL): CholeskyWithDrop {
  // Work on a full q×q lower factor indexed by original positions; then compact.
  const Lfull = new Float64Array(q * q);
  const keep: number[] = [];
  const drop: number[] = [];
  for (let j = 0; j < q; j++) {
    const gjj = G[j * q + j]!;
    let d = gjj;
    for (const k of keep) {
      const l = Lfull[j * q + k]!;
      d -= l * l;
    }
    if (!(gjj > 0) || !(d > tol * gjj)) {
      drop.push(j);
      continue;
    }
    const ljj = Math.sqrt(d);
    Lfull[j * q + j] = ljj;
    for (let i = j + 1; i < q; i++) {
      let s = G[i * q + j]!;
      for (const k of keep) s -= Lfull[i * q + k]! * Lfull[j * q + k]!;
      Lfull[i * q + j] = s / ljj;
    }
    keep.push(j);
  }
  const r = keep.length;
  const L = new Float64Array(r * r);
  for (let a = 0; a < r; a++) for (let b = 0; b <= a; b++) L[a * r + b] = Lfull[keep[a]! * q + keep[b]!]!;
  return { keep, drop, L };
}

/** Solves L L' x = b for a lower-triangular r×r L (row-major); returns x. */
export function choleskySolve(L: Float64Array, r: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(r);
  for (let i = 0; i < r; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i * r + k]! * y[k]!;
    y[i] = s / L[i * r + i]!;
  }
  const x = new Float64Array(r);
  for (let i = r - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < r; k++) s -= L[k * r + i]! * x[k]!;
    x[i] = s / L[i * r + i]!;
  }
  return x;
}

/** (L L')^{-1} for a lower-triangular r×r L (row-major), as a full symmetric r×r matrix. */
export function choleskyInverse(L: Float64Array, r: number): Float64Array {
  // Linv = L^{-1} (lower triangular), then B = Linv' Linv.
  const Li = new Float64Array(r * r);
  for (let j = 0; j < r; j++) {
    Li[j * r + j] = 1 / L[j * r + j]!;
    for (let i = j + 1; i < r; i++) {
      let s = 0;
      for (let k = j; k < i; k++) s -= L[i * r + k]! * Li[k * r + j]!;
      Li[i * r + j] = s / L[i * r + i]!;
    }
  }
  const B = new Float64Array(r * r);
  for (let a = 0; a < r; a++) {
    for (let b = a; b < r; b++) {
      let s = 0;
      for (let k = b; k < r; k++) s += Li[k * r + a]! * Li[k * r + b]!;
      B[a * r + b] = s;
      B[b * r + a] = s;
    }
  }
  return B;
}

/** C = A B for row-major A (m×k) and B (k×n). */
export function matMul(A: Float64Array, B: Float64Array, m: number, k: number, n: number): Float64Array {
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < k; l++) {
      const a = A[i * k + l]!;
      if (a === 0) continue;
      const bo = l * n;
      const co = i * n;
      for (let j = 0; j < n; j++) C[co + j]! += a * B[bo + j]!;
    }
  }
  return C;
}

/** y = A x for row-major A (m×n). */
export function matVec(A: Float64Array, m: number, n: number, x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += A[i * n + j]! * x[j]!;
    y[i] = s;
  }
  return y;
}

/** x' A y for a row-major n×n A. */
export function quadForm(A: Float64Array, n: number, x: ArrayLike<number>, y: ArrayLike<number> = x): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    if (xi === 0) continue;
    let t = 0;
    for (let j = 0; j < n; j++) t += A[i * n + j]! * y[j]!;
    s += xi * t;
  }
  return s;
}

/** Symmetric eigendecomposition A = V diag(values) V'; vectors is r×r row-major with eigenvectors in columns. */
export function symmetricEigen(A: Float64Array, r: number): { values: Float64Array; vectors: Float64Array } {
  if (r === 0) return { values: new Float64Array(0), vectors: new Float64Array(0) };
  if (r === 1) return { values: Float64Array.of(A[0]!), vectors: Float64Array.of(1) };
  const rows: number[][] = [];
  for (let i = 0; i < r; i++) {
    const row = new Array<number>(r);
    // Symmetrise explicitly so rounding asymmetries cannot leak into the decomposition.
    for (let j = 0; j < r; j++) row[j] = 0.5 * (A[i * r + j]! + A[j * r + i]!);
    rows.push(row);
  }
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const values = Float64Array.from(evd.realEigenvalues);
  const V = evd.eigenvectorMatrix;
  const vectors = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) vectors[i * r + j] = V.get(i, j);
  return { values, vectors };
}
