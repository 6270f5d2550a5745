/**
 * HC1 Wald test that a treatment's slope is the same in every group, in y = Xβ + α_g + τ_g t with one
 * fixed effect α_g and one slope τ_g per group: the test of the treatment × group terms of
 * fitLinear(X + [t·D_g for every group with both t values but the first], y, { absorb: groups }) with
 * clusterVcov(…, 'HC1'), without the n × G interaction columns. Within the groups the slopes' columns are
 * orthogonal to each other, so the normal equations are an arrowhead: X̃′X̃ (p×p), b_g = X̃_g′t̃_g and
 * d_g = t̃_g′t̃_g; β comes from the Schur complement S = X̃′X̃ − Σ b_g b_g′/d_g and τ_g = (t̃_g′ỹ − b_g′β)/d_g.
 * The HC1 meat takes one pass over the rows (Σ e²x̃x̃′, Σ_g e²x̃t̃, Σ_g e²t̃²). The hypothesis is linear, so
 * its Wald statistic does not depend on the parametrisation (slopes, or the first slope and differences).
 */
import { type Design, prepareDesign, weightedGram } from './design.js';
import { ABSORBED_TOL } from './absorb.js';
import { RANK_TOL, choleskyInverse, choleskyWithDrop } from './linalg.js';
import { waldTestP } from './wald-test.js';

/**
 * The p-value of H0: τ_g equal over the groups `used` (those where t varies, the first the reference;
 * `group`: 0..G − 1 per row, every row used; X without the treatment column, its intercept absorbed). Null
 * when a slope is aliased with the covariates (the caller then refits); NaN when the covariance is undefined.
 */
export function equalSlopesWaldHc1(X: Design, t: Float64Array, y: Float64Array, group: Int32Array, G: number, used: readonly number[]): number | null {
  const n = X.n;
  const nG = new Float64Array(G);
  for (let i = 0; i < n; i++) nG[group[i]!]!++;
  const within = (v: Float64Array): Float64Array => {
    const m = new Float64Array(G);
    for (let i = 0; i < n; i++) m[group[i]!]! += v[i]!;
    for (let g = 0; g < G; g++) if (nG[g]! > 0) m[g]! /= nG[g]!;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = v[i]! - m[group[i]!]!;
    return out;
  };
  // covariates: demeaned; those constant within every group are absorbed (as demeanColumns)
  const cols: Float64Array[] = [];
  for (const col of X.columns) {
    const d = within(col);
    let raw = 0;
    let dem = 0;
    for (let i = 0; i < n; i++) {
      raw += col[i]! * col[i]!;
      dem += d[i]! * d[i]!;
    }
    if (dem > ABSORBED_TOL * raw) cols.push(d);
  }
  const isUsed = new Uint8Array(G);
  for (const g of used) isUsed[g] = 1;
  // t̃ is 0 where t does not vary (its rounding residue would be a slope of its own)
  const td = within(t);
  for (let i = 0; i < n; i++) if (!isUsed[group[i]!]) td[i] = 0;
  const yd = within(y);
  const D = new Float64Array(G);
  for (let i = 0; i < n; i++) D[group[i]!]! += td[i]! * td[i]!;
  const U = used.length;
  if (U < 2) return NaN;
  const P0 = prepareDesign({ n, names: cols.map((_, j) => String(j)), columns: cols });
  const A0 = weightedGram(P0, cols.map((_, j) => j), null);
  const keep = choleskyWithDrop(A0, cols.length, RANK_TOL).keep;
  const xs = keep.map((j) => cols[j]!);
  const p = xs.length;
  const A = Float64Array.from({ length: p * p }, (_, e) => A0[keep[Math.floor(e / p)]! * cols.length + keep[e % p]!]!);
  // b_g, t̃_g′ỹ and X̃′ỹ
  const Bm = new Float64Array(G * p);
  const cty = new Float64Array(G);
  const cy = new Float64Array(p);
  for (let i = 0; i < n; i++) cty[group[i]!]! += td[i]! * yd[i]!;
  for (let a = 0; a < p; a++) {
    const x = xs[a]!;
    let s = 0;
    for (let i = 0; i < n; i++) {
      Bm[group[i]! * p + a]! += x[i]! * td[i]!;
      s += x[i]! * yd[i]!;
    }
    cy[a] = s;
  }
  const S = A.slice();
  const rhs = cy.slice();
  for (const g of used) {
    const o = g * p;
    for (let a = 0; a < p; a++) {
      rhs[a]! -= (Bm[o + a]! * cty[g]!) / D[g]!;
      for (let b = 0; b < p; b++) S[a * p + b]! -= (Bm[o + a]! * Bm[o + b]!) / D[g]!;
    }
  }
  const ch = choleskyWithDrop(S, p, RANK_TOL);
  if (ch.keep.length !== p) return null;
  const Pinv = choleskyInverse(ch.L, p);
  const beta = new Float64Array(p);
  for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) beta[a]! += Pinv[a * p + b]! * rhs[b]!;
  const tau = new Float64Array(G);
  for (const g of used) {
    let s = cty[g]!;
    for (let a = 0; a < p; a++) s -= Bm[g * p + a]! * beta[a]!;
    tau[g] = s / D[g]!;
  }
  // HC1 meat from the residuals
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) e[i] = yd[i]! - tau[group[i]!]! * td[i]!;
  for (let a = 0; a < p; a++) {
    const x = xs[a]!;
    const b = beta[a]!;
    for (let i = 0; i < n; i++) e[i]! -= x[i]! * b;
  }
  const e2 = e.map((v) => v * v);
  const Mxx = weightedGram(prepareDesign({ n, names: xs.map((_, j) => String(j)), columns: xs }), Array.from({ length: p }, (_, j) => j), e2);
  const Mxt = new Float64Array(G * p);
  const Mtt = new Float64Array(G);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    w[i] = e2[i]! * td[i]!;
    Mtt[group[i]!]! += w[i]! * td[i]!;
  }
  for (let a = 0; a < p; a++) {
    const x = xs[a]!;
    for (let i = 0; i < n; i++) if (w[i] !== 0) Mxt[group[i]! * p + a]! += w[i]! * x[i]!;
  }
  let groups = 0;
  for (let g = 0; g < G; g++) if (nG[g]! > 0) groups++;
  const K = p + U + groups;
  if (n <= K) return NaN;
  // inverse blocks: Q[:, u] = −P b_u / d_u, R_uv = δ_uv / d_u + b_u′P b_v / (d_u d_v)
  const Q = new Float64Array(p * U);
  used.forEach((g, u) => {
    for (let a = 0; a < p; a++) {
      let s = 0;
      for (let b = 0; b < p; b++) s += Pinv[a * p + b]! * Bm[g * p + b]!;
      Q[a * U + u] = -s / D[g]!;
    }
  });
  const R = new Float64Array(U * U);
  used.forEach((g, u) => {
    used.forEach((_h, v) => {
      let s = 0;
      for (let a = 0; a < p; a++) s += Bm[g * p + a]! * -Q[a * U + v]!;
      R[u * U + v] = (u === v ? 1 / D[g]! : 0) + s / D[g]!;
    });
  });
  // V_ττ = Q′MxxQ + Q′MxtR + R MtxQ + R Mtt R  (Mxt: p × U, column u = Σ_{i∈g_u} e² x̃ t̃)
  const T = new Float64Array(p * U); // MxxQ + MxtR
  for (let a = 0; a < p; a++) {
    for (let v = 0; v < U; v++) {
      let s = 0;
      for (let b = 0; b < p; b++) s += Mxx[a * p + b]! * Q[b * U + v]!;
      for (let u = 0; u < U; u++) s += Mxt[used[u]! * p + a]! * R[u * U + v]!;
      T[a * U + v] = s;
    }
  }
  // Z = Mtx Q + Mtt R (U×U), then V = Q′T + R Z
  const Z = new Float64Array(U * U);
  for (let w = 0; w < U; w++) {
    const o = used[w]! * p;
    for (let v = 0; v < U; v++) {
      let m = Mtt[used[w]!]! * R[w * U + v]!;
      for (let a = 0; a < p; a++) m += Mxt[o + a]! * Q[a * U + v]!;
      Z[w * U + v] = m;
    }
  }
  // R Z without a U³ product: R = D⁻¹ + E′PE with E's columns b_u/d_u, and PE = −Q, so R Z = D⁻¹Z − Q′(E Z)
  const EZ = new Float64Array(p * U);
  for (let w = 0; w < U; w++) {
    const o = used[w]! * p;
    const dw = D[used[w]!]!;
    for (let a = 0; a < p; a++) {
      const e = Bm[o + a]! / dw;
      if (e === 0) continue;
      for (let v = 0; v < U; v++) EZ[a * U + v]! += e * Z[w * U + v]!;
    }
  }
  const V = new Float64Array(U * U);
  const scale = n / (n - K);
  for (let u = 0; u < U; u++) {
    const du = D[used[u]!]!;
    for (let v = 0; v < U; v++) {
      let s = Z[u * U + v]! / du;
      for (let a = 0; a < p; a++) s += Q[a * U + u]! * (T[a * U + v]! - EZ[a * U + v]!);
      V[u * U + v] = s * scale;
    }
  }
  // the differences from the first slope, as the interaction coefficients of the dummy parametrisation
  const q = U - 1;
  const d = Float64Array.from({ length: q }, (_, j) => tau[used[j + 1]!]! - tau[used[0]!]!);
  const Vd = new Float64Array(q * q);
  for (let j = 0; j < q; j++) for (let k = 0; k < q; k++) Vd[j * q + k] = V[(j + 1) * U + k + 1]! - V[(j + 1) * U]! - V[k + 1]! + V[0]!;
  return waldTestP(d, Vd, q, Array.from({ length: q }, (_, j) => j));
}
