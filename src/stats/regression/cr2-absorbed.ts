/**
 * CR2 blocks of a fit with absorbed fixed effects nested in the clusters, equal to those of the
 * dummy-variable fit. In the parametrisation of the demeaned design (β, γ_f = α_f + x̄_f′β) the
 * full model matrix is [X̃, D] and its bread is block diagonal, diag(B̃, M⁻¹), M_f = Σ_f working
 * weights. Cluster g's block of the hat matrix only involves the cluster's rows, so its adjustment
 * is formed from the cluster's X̃ columns plus the dummies of its own groups (f_g of them, usually
 * one), with the local bread diag(B̃[act, act], 1/M_f) — exactly the dummy-variable computation,
 * without any n×G matrix. The β part of the adjusted score gives V_CR2 = B̃ Σ score score′ B̃.
 *
 * For the Satterthwaite df (P_gh of cr2-block.ts / satterthwaite.ts) the dummy parts of the
 * contrast pieces fold into the cluster's own terms: groups do not cross clusters, so
 * x_gD′M⁻¹x_hD and x_gD′Ω_DD x_hD vanish for g ≠ h; for the weighted lm Ω_XD x_hD = B̃u_h
 * (u_h = Σ_{f∈h} v_f x_hD,f / M_f, v_f = Σ_{i∈f} w_i² x̃_i) moves into y_h.
 */
import type { Cr2Block, Cr2Contrast } from './cr2-block.js';
import type { AbsorbedEffects } from './absorb.js';

/** The Cr2Block builder of the fit's form, for a local bread B (pp×pp), active positions 0..pp−1 and Z̃. */
export type LocalBlock = (B: Float64Array, Omega: Float64Array | null, pp: number, active: Int32Array, Zc: Float64Array) => Cr2Block;

/**
 * One cluster's block for an absorbed fit: `Zc` holds Z̃ on the cluster's active columns
 * (q × n_g, column-major), `rowScale` the design's row scale (√working weight, 1 for the
 * weighted lm), `wsq` the squared prior weights (weighted lm only; else null).
 */
export function absorbedBlock(
  ab: AbsorbedEffects,
  bread: Float64Array,
  omega: Float64Array | null,
  p: number,
  rows: Int32Array,
  active: Int32Array,
  Zc: Float64Array,
  rowScale: Float64Array,
  xcols: Float64Array[],
  wsq: Float64Array | null,
  make: LocalBlock,
): Cr2Block {
  const ng = rows.length;
  const q = active.length;
  // the cluster's groups, numbered locally
  const local = new Map<number, number>();
  const groupOf = new Int32Array(ng);
  for (let k = 0; k < ng; k++) {
    const f = ab.groups.of[rows[k]!]!;
    let l = local.get(f);
    if (l === undefined) {
      l = local.size;
      local.set(f, l);
    }
    groupOf[k] = l;
  }
  const fg = local.size;
  const groups = Int32Array.from(local.keys());
  const M = Float64Array.from(groups, (f) => ab.groupWeight[f]!);
  const qq = q + fg;
  const Zaug = new Float64Array(qq * ng);
  Zaug.set(Zc.subarray(0, q * ng));
  for (let k = 0; k < ng; k++) Zaug[(q + groupOf[k]!) * ng + k] = rowScale[rows[k]!]!;
  const Bl = new Float64Array(qq * qq);
  for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) Bl[a * qq + b] = bread[active[a]! * p + active[b]!]!;
  for (let l = 0; l < fg; l++) Bl[(q + l) * qq + q + l] = 1 / M[l]!;
  // weighted lm: Ω_XD[:, f] = B̃ v_f / M_f, Ω_DD = Σ_f w² / M_f², v_f = Σ_{i∈f} w_i² x̃_i (coefficient order, active rows only)
  let Ol: Float64Array | null = null;
  let v: Float64Array[] = [];
  let omegaDD: Float64Array | null = null;
  if (omega !== null && wsq !== null) {
    v = Array.from({ length: fg }, () => new Float64Array(p));
    omegaDD = new Float64Array(fg);
    for (let k = 0; k < ng; k++) {
      const i = rows[k]!;
      const l = groupOf[k]!;
      omegaDD[l]! += wsq[i]!;
      for (let a = 0; a < q; a++) v[l]![active[a]!]! += wsq[i]! * xcols[active[a]!]![i]!;
    }
    Ol = new Float64Array(qq * qq);
    for (let a = 0; a < q; a++) for (let b = 0; b < q; b++) Ol[a * qq + b] = omega[active[a]! * p + active[b]!]!;
    for (let l = 0; l < fg; l++) {
      omegaDD[l] = omegaDD[l]! / (M[l]! * M[l]!);
      Ol[(q + l) * qq + q + l] = omegaDD[l]!;
      for (let a = 0; a < q; a++) {
        let s = 0;
        const row = active[a]! * p;
        for (let c = 0; c < p; c++) s += bread[row + c]! * v[l]![c]!;
        Ol[a * qq + q + l] = s / M[l]!;
        Ol[(q + l) * qq + a] = s / M[l]!;
      }
    }
  }
  const inner = make(Bl, Ol, qq, Int32Array.from({ length: qq }, (_, a) => a), Zaug);
  const contrast = (b: Float64Array, bGroup?: Float64Array): Cr2Contrast => {
    const bl = new Float64Array(qq);
    for (let a = 0; a < q; a++) bl[a] = b[active[a]!]!;
    if (bGroup !== undefined) for (let l = 0; l < fg; l++) bl[q + l] = bGroup[groups[l]!]!;
    const r = inner.contrast(bl);
    const x = r.x.slice(0, q);
    let s = r.s;
    if (r.y === null) {
      for (let l = 0; l < fg; l++) s -= (r.x[q + l]! * r.x[q + l]!) / M[l]!;
      return { s, x, y: null };
    }
    const y = r.y.slice(0, q);
    for (let l = 0; l < fg; l++) {
      const xd = r.x[q + l]!;
      s += xd * xd * omegaDD![l]! - (2 * xd * r.y[q + l]!) / M[l]!;
      for (let a = 0; a < q; a++) y[a]! -= (v[l]![active[a]!]! * xd) / M[l]!;
    }
    return { s, x, y };
  };
  return { rows, active, score: inner.score.slice(0, q), singular: inner.singular, groupScore: { groups, score: inner.score.slice(q) }, contrast };
}
