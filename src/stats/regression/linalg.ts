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

/** Symmetric eigendecomposition A = V diag(values) V'; vectors is r×r row-major with eigenvectors in columns. */
export function symmetricEigen(A: Float64Array, r: number): { values: Float64Array; vectors: Float64Array } {
  if (r === 0) return { values: new Float64Array(0), vectors: new Float64Array(0) };
  if (r === 1) return { values: Float64Array.of(A[0]!), vectors: Float64Array.of(1) };
  if (r <= JACOBI_MAX) return jacobiEigen(A, r);
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

/**
 * f(A) = Σ_e f(λ_e) v_e v_e′ (n×n row-major) from A's eigendecomposition (symmetricEigen's values
 * and vectors); f is called once per eigenvalue, in order, and a direction with f(λ) = 0 adds nothing.
 */
export function symmetricFunction(values: Float64Array, vectors: Float64Array, n: number, f: (lambda: number) => number): Float64Array {
  const A = new Float64Array(n * n);
  for (let e = 0; e < n; e++) {
    const fe = f(values[e]!);
    if (fe === 0) continue;
    for (let k = 0; k < n; k++) {
      const vk = fe * vectors[k * n + e]!;
      if (vk === 0) continue;
      for (let l = 0; l < n; l++) A[k * n + l]! += vk * vectors[l * n + e]!;
    }
  }
  return A;
}

/** Copies the upper triangle of a square n×n row-major matrix into its lower one, in place; returns the matrix. */
export function mirrorUpper(A: Float64Array, n: number): Float64Array {
  for (let a = 0; a < n; a++) for (let b = 0; b < a; b++) A[a * n + b] = A[b * n + a]!;
  return A;
}

/** A[idx, idx] of a p×p row-major A, as an idx.length × idx.length row-major matrix. */
export function principalSubmatrix(A: Float64Array, p: number, idx: ArrayLike<number>): Float64Array {
  const q = idx.length;
  const S = new Float64Array(q * q);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) S[a * q + b] = A[idx[a]! * p + idx[b]!]!;
  return S;
}

/** Up to this size symmetric eigenproblems use cyclic Jacobi (no allocation of Matrix objects). */
const JACOBI_MAX = 12;

/** Cyclic Jacobi eigendecomposition of a small symmetric r×r matrix (row-major). */
function jacobiEigen(A0: Float64Array, r: number): { values: Float64Array; vectors: Float64Array } {
  const A = new Float64Array(r * r);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) A[i * r + j] = 0.5 * (A0[i * r + j]! + A0[j * r + i]!);
  const V = new Float64Array(r * r);
  for (let i = 0; i < r; i++) V[i * r + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < r; i++) {
      diag += A[i * r + i]! * A[i * r + i]!;
      for (let j = i + 1; j < r; j++) off += A[i * r + j]! * A[i * r + j]!;
    }
    if (off <= 1e-32 * diag || off === 0) break;
    for (let p = 0; p < r - 1; p++) {
      for (let q = p + 1; q < r; q++) {
        const apq = A[p * r + q]!;
        if (apq === 0) continue;
        const app = A[p * r + p]!;
        const aqq = A[q * r + q]!;
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < r; k++) {
          const akp = A[k * r + p]!;
          const akq = A[k * r + q]!;
          A[k * r + p] = c * akp - s * akq;
          A[k * r + q] = s * akp + c * akq;
        }
        for (let k = 0; k < r; k++) {
          const apk = A[p * r + k]!;
          const aqk = A[q * r + k]!;
          A[p * r + k] = c * apk - s * aqk;
          A[q * r + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < r; k++) {
          const vkp = V[k * r + p]!;
          const vkq = V[k * r + q]!;
          V[k * r + p] = c * vkp - s * vkq;
          V[k * r + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(r);
  for (let i = 0; i < r; i++) values[i] = A[i * r + i]!;
  return { values, vectors: V };
}

/**
 * Solves A X = R for a square n×n row-major A (any sign pattern, e.g. a symmetric indefinite
 * saddle matrix) and an n×k row-major R, by Gaussian elimination with partial pivoting.
 */
export function solveSquare(A0: Float64Array, n: number, R0: Float64Array, k: number): Float64Array {
  const A = A0.slice();
  const R = R0.slice();
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]!) > Math.abs(A[piv * n + c]!)) piv = r;
    if (piv !== c) {
      for (let j = 0; j < n; j++) [A[c * n + j], A[piv * n + j]] = [A[piv * n + j]!, A[c * n + j]!];
      for (let j = 0; j < k; j++) [R[c * k + j], R[piv * k + j]] = [R[piv * k + j]!, R[c * k + j]!];
    }
    const d = A[c * n + c]!;
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c]! / d;
      if (f === 0) continue;
      for (let j = c; j < n; j++) A[r * n + j]! -= f * A[c * n + j]!;
      for (let j = 0; j < k; j++) R[r * k + j]! -= f * R[c * k + j]!;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    const d = A[c * n + c]!;
    for (let j = 0; j < k; j++) {
      let s = R[c * k + j]!;
      for (let l = c + 1; l < n; l++) s -= A[c * n + l]! * R[l * k + j]!;
      R[c * k + j] = s / d;
    }
  }
  return R;
}
