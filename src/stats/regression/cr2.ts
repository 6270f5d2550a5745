/**
 * Bell–McCaffrey (CR2) adjustment matrices under a working-independence model, without ever
 * forming an n_g×n_g matrix for a large cluster.
 *
 * With Z = W^{1/2} X (W = working weights) and B = (X'WX)^{-1}, the cluster block of the
 * (symmetric, idempotent) hat matrix is H_gg = Z_g B Z_g' and A_g = (I − H_gg)^{-1/2}.
 * Only the columns that are non-zero in cluster g ("active", q of them) enter Z_g, so
 * H_gg = Z̃ B̃ Z̃' with B̃ = B[active, active] = L L' (Cholesky). If L' Z̃'Z̃ L = V Λ V', then
 * U = Z̃ L V Λ^{-1/2} has orthonormal columns, H_gg = U Λ U', and
 *     A_g = I + U diag(f) U',   f = (1 − λ)^{-1/2} − 1,
 *         = I + Z̃ Q Z̃',        Q = L V diag(f/λ) V' L'   (q×q).
 * Everything the estimators need is then a q×q computation with C = Z̃'Z̃:
 *     Z̃' A_g r = (I + C Q) Z̃' r             (adjusted cluster score)
 *     a = A_g Z̃ b:  a'a = b'Cb + 2u'Qu + u'QCQu,  Z̃'a = u + CQu,  u = Cb.
 * Clusters with n_g ≤ q use the n_g×n_g matrices directly.
 *
 * Directions with 1 − λ ≤ SINGULAR_TOL (a cluster fully absorbed by its own fixed effect) get
 * the pseudo-inverse square root 0, as clubSandwich's Sym_power does (which uses 1e-12 on the
 * eigenvalues of I − H_gg; ours is looser because B comes from normal equations).
 */
import { type Design, type PreparedDesign, denseGram, prepareDesign } from './design.js';
import type { GlmFit } from './glm.js';
import { type ClusterIndex, checkFitDesign, indexClusters } from './clusters.js';
import { choleskyWithDrop, symmetricEigen } from './linalg.js';

/** Eigenvalues of H_gg at or below this are treated as 0 (A_g acts as the identity there). */
const EIG_ZERO = 1e-12;
/** 1 − λ at or below this is treated as a singular direction of I − H_gg (pseudo-inverse). */
export const SINGULAR_TOL = 1e-8;
/** Clusters are processed in batches holding at most batchEntries Z̃ entries (8M doubles = 64 MB); mutable for tests. */
export const cr2Tuning = { batchEntries: 8_000_000 };

export interface Cr2Cluster {
  rows: Int32Array;
  /** Positions (0..p−1, coefficient order) of the columns that are non-zero in the cluster. */
  active: Int32Array;
  /** 'low-rank': C and Q (q×q) are set; 'dense': Z (n_g×q row-major) and A (n_g×n_g) are set. */
  kind: 'low-rank' | 'dense';
  C: Float64Array;
  Q: Float64Array;
  Z: Float64Array;
  A: Float64Array;
}

export interface Cr2Prep {
  index: ClusterIndex;
  clusters: Cr2Cluster[];
  P: PreparedDesign;
  /** Number of directions treated as singular (1 − λ ≤ SINGULAR_TOL), summed over clusters. */
  singular: number;
}

const cache = new WeakMap<GlmFit, { X: Design; cluster: Int32Array; columns: Float64Array[]; prep: Cr2Prep }>();

/** CR2 building blocks for (fit, X, cluster), cached per fit for the same X and cluster arrays. */
export function prepareCr2(fit: GlmFit, X: Design, cluster: Int32Array): Cr2Prep {
  const hit = cache.get(fit);
  if (
    hit !== undefined &&
    hit.X === X &&
    hit.cluster === cluster &&
    hit.columns.length === X.columns.length &&
    hit.columns.every((c, j) => c === X.columns[j])
  ) {
    return hit.prep;
  }
  checkFitDesign(fit, X);
  const prep = buildCr2(fit, prepareDesign(X), indexClusters(cluster, fit.priorWeights));
  cache.set(fit, { X, cluster, columns: X.columns.slice(), prep });
  return prep;
}

function buildCr2(fit: GlmFit, P: PreparedDesign, index: ClusterIndex): Cr2Prep {
  const n = P.n;
  const p = fit.p;
  const { G, of } = index;
  const ww = fit.workingWeights;
  const sqrtW = new Float64Array(n);
  for (let i = 0; i < n; i++) sqrtW[i] = of[i]! >= 0 && ww[i]! > 0 ? Math.sqrt(ww[i]!) : 0;
  const posInCluster = new Int32Array(n);
  index.rows.forEach((rows) => rows.forEach((i, k) => (posInCluster[i] = k)));

  // Active columns per cluster, and each column's position among its cluster's active ones.
  const activePos = new Int32Array(G * p).fill(-1);
  for (let a = 0; a < p; a++) {
    const c = fit.columnIndex[a]!;
    const idx = P.nzIndex[c];
    if (idx === null || idx === undefined) {
      const x = P.columns[c]!;
      for (let i = 0; i < n; i++) {
        if (x[i] !== 0) {
          const g = of[i]!;
          if (g >= 0) activePos[g * p + a] = 0;
        }
      }
    } else {
      for (let k = 0; k < idx.length; k++) {
        const g = of[idx[k]!]!;
        if (g >= 0) activePos[g * p + a] = 0;
      }
    }
  }
  const actives: Int32Array[] = [];
  for (let g = 0; g < G; g++) {
    const list: number[] = [];
    for (let a = 0; a < p; a++) {
      if (activePos[g * p + a] === 0) {
        activePos[g * p + a] = list.length;
        list.push(a);
      }
    }
    actives.push(Int32Array.from(list));
  }

  const clusters: Cr2Cluster[] = new Array<Cr2Cluster>(G);
  let singular = 0;
  // Batches of clusters: their Z̃ blocks (q_g columns of length n_g, column-major) live in one
  // flat buffer, filled by scattering each design column once in row order.
  const offset = new Int32Array(G * p);
  let g0 = 0;
  while (g0 < G) {
    let g1 = g0;
    let entries = 0;
    offset.fill(-1);
    while (g1 < G && (g1 === g0 || entries + actives[g1]!.length * index.rows[g1]!.length <= cr2Tuning.batchEntries)) {
      const ng = index.rows[g1]!.length;
      const act = actives[g1]!;
      for (let k = 0; k < act.length; k++) offset[g1 * p + act[k]!] = entries + k * ng;
      entries += act.length * ng;
      g1++;
    }
    const flat = new Float64Array(entries);
    for (let a = 0; a < p; a++) {
      const c = fit.columnIndex[a]!;
      const x = P.columns[c]!;
      const idx = P.nzIndex[c];
      if (idx === null || idx === undefined) {
        for (let i = 0; i < n; i++) {
          const g = of[i]!;
          if (g < 0) continue;
          const off = offset[g * p + a]!;
          if (off >= 0) flat[off + posInCluster[i]!] = sqrtW[i]! * x[i]!;
        }
      } else {
        const val = P.nzValue[c]!;
        for (let k = 0; k < idx.length; k++) {
          const i = idx[k]!;
          const g = of[i]!;
          if (g < 0) continue;
          const off = offset[g * p + a]!;
          if (off >= 0) flat[off + posInCluster[i]!] = sqrtW[i]! * val[k]!;
        }
      }
    }
    let base = 0;
    for (let g = g0; g < g1; g++) {
      const len = actives[g]!.length * index.rows[g]!.length;
      const r = cr2Cluster(fit.bread, p, index.rows[g]!, actives[g]!, flat.subarray(base, base + len));
      base += len;
      clusters[g] = r.cluster;
      singular += r.singular;
    }
    g0 = g1;
  }
  return { index, clusters, P, singular };
}

/** CR2 blocks of one cluster from its Z̃ (q columns of length n_g, column-major). */
function cr2Cluster(
  B: Float64Array,
  p: number,
  rows: Int32Array,
  active0: Int32Array,
  Zc: Float64Array,
): { cluster: Cr2Cluster; singular: number } {
  const ng = rows.length;
  let active = active0;
  let q = active.length;
  const empty = new Float64Array(0);
  let singular = 0;
  if (ng > q) {
    // Low rank: C = Z̃'Z̃, B̃ = L L', L'CL = V Λ V', Q = L V diag(f/λ) V' L'.
    let Bt = new Float64Array(q * q);
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) Bt[a * q + b] = B[active[a]! * p + active[b]!]!;
    const ch = choleskyWithDrop(Bt, q, 0);
    let cols = Array.from({ length: q }, (_, a) => Zc.subarray(a * ng, (a + 1) * ng));
    if (ch.drop.length > 0) {
      // B̃ is a principal block of a positive definite matrix; this only guards rounding.
      active = Int32Array.from(ch.keep, (a) => active[a]!);
      cols = ch.keep.map((a) => cols[a]!);
      const q2 = ch.keep.length;
      const Bt2 = new Float64Array(q2 * q2);
      for (let a = 0; a < q2; a++) for (let b = 0; b < q2; b++) Bt2[a * q2 + b] = Bt[ch.keep[a]! * q + ch.keep[b]!]!;
      Bt = Bt2;
      q = q2;
    }
    const C = denseGram(cols, null, ng);
    for (let a = 0; a < q; a++) for (let b = 0; b < a; b++) C[a * q + b] = C[b * q + a]!;
    const L = ch.L;
    const CL = new Float64Array(q * q);
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) {
        let s = 0;
        for (let k = b; k < q; k++) s += C[a * q + k]! * L[k * q + b]!;
        CL[a * q + b] = s;
      }
    }
    const M = new Float64Array(q * q);
    for (let a = 0; a < q; a++) {
      for (let b = 0; b < q; b++) {
        let s = 0;
        for (let k = a; k < q; k++) s += L[k * q + a]! * CL[k * q + b]!;
        M[a * q + b] = s;
      }
    }
    const { values, vectors } = symmetricEigen(M, q);
    const Q = new Float64Array(q * q);
    const lv = new Float64Array(q);
    for (let e = 0; e < q; e++) {
      const lam = values[e]!;
      if (!(lam > EIG_ZERO)) continue;
      let f: number;
      if (1 - lam > SINGULAR_TOL) {
        f = 1 / Math.sqrt(1 - lam) - 1;
      } else {
        f = -1;
        singular++;
      }
      const coef = f / lam;
      for (let a = 0; a < q; a++) {
        let s = 0;
        for (let k = 0; k <= a; k++) s += L[a * q + k]! * vectors[k * q + e]!;
        lv[a] = s;
      }
      for (let a = 0; a < q; a++) {
        const ca = coef * lv[a]!;
        if (ca === 0) continue;
        for (let b = 0; b < q; b++) Q[a * q + b]! += ca * lv[b]!;
      }
    }
    return { cluster: { rows, active, kind: 'low-rank', C, Q, Z: empty, A: empty }, singular };
  }
  // Dense (n_g ≤ q): Z (n_g×q row-major), H = Z B̃ Z', A = (I − H)^{+1/2}.
  const Z = new Float64Array(ng * q);
  for (let k = 0; k < ng; k++) for (let a = 0; a < q; a++) Z[k * q + a] = Zc[a * ng + k]!;
  const ZB = new Float64Array(ng * q);
  for (let a = 0; a < q; a++) {
    const ro = active[a]! * p;
    for (let k = 0; k < ng; k++) {
      const z = Z[k * q + a]!;
      if (z === 0) continue;
      const o = k * q;
      for (let b = 0; b < q; b++) ZB[o + b]! += z * B[ro + active[b]!]!;
    }
  }
  const H = new Float64Array(ng * ng);
  for (let k = 0; k < ng; k++) {
    for (let l = k; l < ng; l++) {
      let s = 0;
      for (let a = 0; a < q; a++) s += ZB[k * q + a]! * Z[l * q + a]!;
      H[k * ng + l] = s;
      H[l * ng + k] = s;
    }
  }
  const { values, vectors } = symmetricEigen(H, ng);
  const A = new Float64Array(ng * ng);
  for (let e = 0; e < ng; e++) {
    const lam = values[e]!;
    let gval: number;
    if (!(lam > EIG_ZERO)) gval = 1;
    else if (1 - lam > SINGULAR_TOL) gval = 1 / Math.sqrt(1 - lam);
    else {
      gval = 0;
      singular++;
    }
    for (let k = 0; k < ng; k++) {
      const vk = gval * vectors[k * ng + e]!;
      if (vk === 0) continue;
      for (let l = 0; l < ng; l++) A[k * ng + l]! += vk * vectors[l * ng + e]!;
    }
  }
  return { cluster: { rows, active, kind: 'dense', C: empty, Q: empty, Z, A }, singular };
}

/**
 * Adjusted score of one cluster on its active columns, Z̃' A_g r_g, from the unadjusted cluster
 * score psi = Z̃' r_g = Σ_{i∈g} s_i x_i[active] (s_i = score multiplier, r_i = s_i / √w_i).
 */
export function adjustedClusterScore(
  cl: Cr2Cluster,
  psi: Float64Array,
  s: Float64Array,
  workingWeights: Float64Array,
): Float64Array {
  const q = cl.active.length;
  if (cl.kind === 'low-rank') {
    const Qpsi = symMatVec(cl.Q, q, psi);
    const CQpsi = symMatVec(cl.C, q, Qpsi);
    const out = new Float64Array(q);
    for (let a = 0; a < q; a++) out[a] = psi[a]! + CQpsi[a]!;
    return out;
  }
  const rows = cl.rows;
  const ng = rows.length;
  const r = new Float64Array(ng);
  for (let k = 0; k < ng; k++) {
    const i = rows[k]!;
    const w = workingWeights[i]!;
    r[k] = w > 0 ? s[i]! / Math.sqrt(w) : 0;
  }
  const Ar = symMatVec(cl.A, ng, r);
  const out = new Float64Array(q);
  for (let k = 0; k < ng; k++) {
    const v = Ar[k]!;
    for (let a = 0; a < q; a++) out[a]! += cl.Z[k * q + a]! * v;
  }
  return out;
}

/**
 * For a p-vector b (= B c): s = a'a and v = Z̃'a (active positions) with a = A_g Z̃ b̃.
 */
export function adjustedContrast(cl: Cr2Cluster, b: Float64Array): { s: number; v: Float64Array } {
  const q = cl.active.length;
  const bt = new Float64Array(q);
  for (let a = 0; a < q; a++) bt[a] = b[cl.active[a]!]!;
  if (cl.kind === 'low-rank') {
    const u = symMatVec(cl.C, q, bt);
    const Qu = symMatVec(cl.Q, q, u);
    const CQu = symMatVec(cl.C, q, Qu);
    let s = 0;
    for (let a = 0; a < q; a++) s += bt[a]! * u[a]! + 2 * u[a]! * Qu[a]! + Qu[a]! * CQu[a]!;
    const v = new Float64Array(q);
    for (let a = 0; a < q; a++) v[a] = u[a]! + CQu[a]!;
    return { s, v };
  }
  const ng = cl.rows.length;
  const t = new Float64Array(ng);
  for (let k = 0; k < ng; k++) {
    let x = 0;
    for (let a = 0; a < q; a++) x += cl.Z[k * q + a]! * bt[a]!;
    t[k] = x;
  }
  const av = symMatVec(cl.A, ng, t);
  let s = 0;
  for (let k = 0; k < ng; k++) s += av[k]! * av[k]!;
  const v = new Float64Array(q);
  for (let k = 0; k < ng; k++) {
    const x = av[k]!;
    for (let a = 0; a < q; a++) v[a]! += cl.Z[k * q + a]! * x;
  }
  return { s, v };
}

function symMatVec(A: Float64Array, m: number, x: Float64Array): Float64Array {
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    const o = i * m;
    for (let j = 0; j < m; j++) s += A[o + j]! * x[j]!;
    y[i] = s;
  }
  return y;
}
