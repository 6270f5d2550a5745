/**
 * The weighted normal equations of the within (demeaned) design without demeaning it:
 *     X̃′WX̃ = X′WX − Σ_f W_f x̄_f x̄_f′,   X̃′W z̃ = X′W z − Σ_f W_f x̄_f z̄_f,
 * with x̄_f the w-weighted mean of the row's group and W_f the group's weight. X′WX keeps the sparse
 * columns sparse (a demeaned dummy is dense), so an IRLS step with absorbed fixed effects costs the
 * sparse Gram plus G·q² instead of demeaning every column and a dense Gram.
 */
import { type PreparedDesign, weightedCross, weightedGram } from './design.js';
import type { Absorber } from './absorb.js';

/** Group weights and the w-weighted group means of the columns `cols` (G × q, row-major by group; 0 for a group of weight 0). */
export interface GroupMeans {
  weight: Float64Array;
  mean: Float64Array;
  /** columns per group in `mean` */
  q: number;
}

/** Weighted group means of the columns `cols` of P (rows of no group, or weight 0, add nothing). */
export function groupColumnMeans(P: PreparedDesign, cols: readonly number[], a: Absorber, w: Float64Array): GroupMeans {
  const q = cols.length;
  const G = a.count;
  const weight = new Float64Array(G);
  for (let i = 0; i < w.length; i++) if (a.of[i]! >= 0) weight[a.of[i]!]! += w[i]!;
  const mean = new Float64Array(G * q);
  for (let b = 0; b < q; b++) {
    const c = cols[b]!;
    const idx = P.nzIndex[c];
    if (idx === null || idx === undefined) {
      const x = P.columns[c]!;
      for (let i = 0; i < x.length; i++) {
        const f = a.of[i]!;
        if (f >= 0) mean[f * q + b]! += w[i]! * x[i]!;
      }
    } else {
      const val = P.nzValue[c]!;
      for (let k = 0; k < idx.length; k++) {
        const i = idx[k]!;
        const f = a.of[i]!;
        if (f >= 0) mean[f * q + b]! += w[i]! * val[k]!;
      }
    }
  }
  for (let f = 0; f < G; f++) {
    const W = weight[f]!;
    for (let b = 0; b < q; b++) mean[f * q + b] = W > 0 ? mean[f * q + b]! / W : 0;
  }
  return { weight, mean, q };
}

/** X̃′WX̃ over `cols` (q×q) and the raw diagonal Σ w x² (for the absorbed-column rule), from the sparse X′WX. */
export function withinGram(P: PreparedDesign, cols: readonly number[], m: GroupMeans, w: Float64Array): { gram: Float64Array; raw: Float64Array } {
  const q = cols.length;
  const gram = weightedGram(P, cols, w);
  const raw = Float64Array.from({ length: q }, (_, a) => gram[a * q + a]!);
  for (let f = 0; f < m.weight.length; f++) {
    const W = m.weight[f]!;
    if (!(W > 0)) continue;
    const o = f * q;
    for (let a = 0; a < q; a++) {
      const ma = W * m.mean[o + a]!;
      if (ma === 0) continue;
      for (let b = 0; b < q; b++) gram[a * q + b]! -= ma * m.mean[o + b]!;
    }
  }
  return { gram, raw };
}

/** X̃′W z̃ over `cols` (cols[b] at position pos[b] of the group means), from X′W z and the group means (z̄_f the w-weighted mean of z in group f). */
export function withinCross(P: PreparedDesign, cols: readonly number[], m: GroupMeans, pos: readonly number[], a: Absorber, w: Float64Array, z: Float64Array): Float64Array {
  const q = cols.length;
  const out = weightedCross(P, cols, w, z);
  const zs = new Float64Array(m.weight.length);
  for (let i = 0; i < z.length; i++) if (a.of[i]! >= 0) zs[a.of[i]!]! += w[i]! * z[i]!;
  for (let f = 0; f < zs.length; f++) {
    if (!(m.weight[f]! > 0)) continue;
    // W_f x̄_f z̄_f = x̄_f · Σ_f w z
    for (let b = 0; b < q; b++) out[b]! -= m.mean[f * m.q + pos[b]!]! * zs[f]!;
  }
  return out;
}
