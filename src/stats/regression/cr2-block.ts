/**
 * What the CR2 estimators need from one cluster, whichever working model formed its adjustment
 * matrix A_g (see cr2.ts): the adjusted cluster score, and for a contrast the pieces of the
 * Satterthwaite matrix P_gh (clubSandwich's get_P_array).
 */

/** For b = B c: s = a_g′a_g, x (and y for the weighted-lm form) on the cluster's active columns. */
export interface Cr2Contrast {
  s: number;
  x: Float64Array;
  /** Present for the not-inverse-variance (weighted lm) form only. */
  y: Float64Array | null;
}

export interface Cr2Block {
  rows: Int32Array;
  /** Positions (0..p−1, coefficient order) of the columns that are non-zero in the cluster. */
  active: Int32Array;
  /** Adjusted cluster score E_g r_g on the active columns: V_CR2 = B (Σ_g score score′) B. */
  score: Float64Array;
  /** Number of directions treated as singular (pseudo-inverse). */
  singular: number;
  /** Absorbed fixed effects (cr2-absorbed.ts): the cluster's dense groups and the adjusted score of their dummies. */
  groupScore?: { groups: Int32Array; score: Float64Array };
  /** Satterthwaite pieces for b = B c (a p-vector in coefficient order; bGroup: b's part on the absorbed groups, by dense group). */
  contrast(b: Float64Array, bGroup?: Float64Array): Cr2Contrast;
}

/** y = A x for a symmetric (or any square) m×m row-major A. */
export function symMatVec(A: Float64Array, m: number, x: Float64Array): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    const o = i * m;
    for (let j = 0; j < m; j++) s += A[o + j]! * x[j]!;
    y[i] = s;
  }
  return y;
}

/** A cluster's block; its contrast pieces are computed from b̃, the contrast's b on the active columns. */
export function cr2Block(
  rows: Int32Array,
  active: Int32Array,
  score: Float64Array,
  singular: number,
  contrast: (bt: Float64Array) => Cr2Contrast,
): Cr2Block {
  return { rows, active, score, singular, contrast: (b) => contrast(gatherActive(b, active)) };
}

/** x restricted to the active positions. */
function gatherActive(x: Float64Array, active: Int32Array): Float64Array {
  const out = new Float64Array(active.length);
  for (let a = 0; a < active.length; a++) out[a] = x[active[a]!]!;
  return out;
}
