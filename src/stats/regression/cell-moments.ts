/**
 * Sufficient statistics of OLS with absorbed fixed effects, per cell (e.g. school × subgroup level):
 * the row count, the column means and the cross-products centred at the cell's means, for
 * z = [design columns…, y]. A fixed-effects OLS whose groups are unions of cells needs nothing else:
 * the within-group cross-products are sums of the cells' plus their between-cell parts (the
 * parallel-axis rule), the coefficients solve C_xx b = C_xy, and a cluster's CR1 score is
 * u_g = C_xy,g − C_xx,g b (src/stats/regression/moments-ols.ts). Each cell is centred at its own
 * means before its products are summed, so no Σzz′ − n z̄z̄′ cancellation enters.
 */
import { denseGram } from './design.js';

/** Per-cell statistics of q columns: the cell's rows, means, centred cross-products and raw squared norms. */
export interface CellMoments {
  q: number;
  cells: number;
  /** rows in each cell */
  n: Float64Array;
  /** cells × q means, row-major by cell */
  mean: Float64Array;
  /** cells × q × q centred cross-products Σ (z − z̄)(z − z̄)′ (full, symmetric) */
  cross: Float64Array;
  /** cells × q raw squared norms Σ z² (the absorbed-column rule of absorb.ts compares against them) */
  raw: Float64Array;
}

/** The rows of each cell (ascending), from a cell code per row (−1 = left out). */
export function rowsByCell(cellOf: Int32Array, cells: number): Int32Array[] {
  const counts = new Int32Array(cells);
  for (let i = 0; i < cellOf.length; i++) if (cellOf[i]! >= 0) counts[cellOf[i]!]!++;
  const rows = Array.from(counts, (c) => new Int32Array(c));
  const fill = new Int32Array(cells);
  for (let i = 0; i < cellOf.length; i++) {
    const c = cellOf[i]!;
    if (c >= 0) rows[c]![fill[c]!++] = i;
  }
  return rows;
}

/** Per-cell counts, means, centred cross-products and raw squared norms of `columns` over the rows of each cell. */
export function cellMoments(columns: readonly Float64Array[], rows: readonly Int32Array[]): CellMoments {
  const q = columns.length;
  const cells = rows.length;
  const n = new Float64Array(cells);
  const mean = new Float64Array(cells * q);
  const cross = new Float64Array(cells * q * q);
  const raw = new Float64Array(cells * q);
  const buf = columns.map(() => new Float64Array(0));
  for (let c = 0; c < cells; c++) {
    const r = rows[c]!;
    const m = r.length;
    n[c] = m;
    if (m === 0) continue;
    for (let j = 0; j < q; j++) {
      if (buf[j]!.length < m) buf[j] = new Float64Array(Math.max(m, 2 * buf[j]!.length));
      const col = columns[j]!;
      const b = buf[j]!;
      let s = 0;
      let s2 = 0;
      for (let k = 0; k < m; k++) {
        const v = col[r[k]!]!;
        b[k] = v;
        s += v;
        s2 += v * v;
      }
      const mu = s / m;
      for (let k = 0; k < m; k++) b[k]! -= mu;
      mean[c * q + j] = mu;
      raw[c * q + j] = s2;
    }
    const g = denseGram(
      buf.map((b) => b.subarray(0, m)),
      null,
      m,
    );
    const o = c * q * q;
    for (let a = 0; a < q; a++) {
      for (let b = a; b < q; b++) {
        const v = g[a * q + b]!;
        cross[o + a * q + b] = v;
        cross[o + b * q + a] = v;
      }
    }
  }
  return { q, cells, n, mean, cross, raw };
}

/**
 * Merge cells into groups (`groupOf[cell]`, −1 = left out): each group's cross-products centred at the
 * group's means, Σ_c C_c + n_c (z̄_c − z̄_g)(z̄_c − z̄_g)′, its counts, means and raw norms.
 */
export function mergeCells(m: CellMoments, groupOf: Int32Array, groups: number): CellMoments {
  const q = m.q;
  const n = new Float64Array(groups);
  const mean = new Float64Array(groups * q);
  const cross = new Float64Array(groups * q * q);
  const raw = new Float64Array(groups * q);
  for (let c = 0; c < m.cells; c++) {
    const g = groupOf[c]!;
    if (g < 0 || m.n[c] === 0) continue;
    n[g]! += m.n[c]!;
    for (let j = 0; j < q; j++) {
      mean[g * q + j]! += m.n[c]! * m.mean[c * q + j]!;
      raw[g * q + j]! += m.raw[c * q + j]!;
    }
  }
  for (let g = 0; g < groups; g++) if (n[g]! > 0) for (let j = 0; j < q; j++) mean[g * q + j]! /= n[g]!;
  const d = new Float64Array(q);
  for (let c = 0; c < m.cells; c++) {
    const g = groupOf[c]!;
    const nc = m.n[c]!;
    if (g < 0 || nc === 0) continue;
    for (let j = 0; j < q; j++) d[j] = m.mean[c * q + j]! - mean[g * q + j]!;
    const o = g * q * q;
    const oc = c * q * q;
    for (let a = 0; a < q; a++) {
      const da = nc * d[a]!;
      for (let b = 0; b < q; b++) cross[o + a * q + b]! += m.cross[oc + a * q + b]! + da * d[b]!;
    }
  }
  return { q, cells: groups, n, mean, cross, raw };
}

/** The moments of the columns `cols` (in that order) of every cell: e.g. the design columns and one of several outcomes. */
export function selectColumns(m: CellMoments, cols: readonly number[]): CellMoments {
  const q = cols.length;
  const mean = new Float64Array(m.cells * q);
  const cross = new Float64Array(m.cells * q * q);
  const raw = new Float64Array(m.cells * q);
  for (let c = 0; c < m.cells; c++) {
    for (let a = 0; a < q; a++) {
      mean[c * q + a] = m.mean[c * m.q + cols[a]!]!;
      raw[c * q + a] = m.raw[c * m.q + cols[a]!]!;
      const row = c * m.q * m.q + cols[a]! * m.q;
      for (let b = 0; b < q; b++) cross[c * q * q + a * q + b] = m.cross[row + cols[b]!]!;
    }
  }
  return { q, cells: m.cells, n: m.n, mean, cross, raw };
}

/**
 * The moments with one more column before the last (y): column `src` times a constant per cell
 * (`scale[c]`), e.g. the treatment times a school-level moderator, for cells within which the moderator
 * does not vary.
 */
export function withScaledCopy(m: CellMoments, src: number, scale: Float64Array): CellMoments {
  const q = m.q + 1;
  const at = m.q - 1;
  const from = (a: number): number => (a < at ? a : a === at ? src : a - 1);
  const mean = new Float64Array(m.cells * q);
  const cross = new Float64Array(m.cells * q * q);
  const raw = new Float64Array(m.cells * q);
  for (let c = 0; c < m.cells; c++) {
    const k = scale[c]!;
    for (let a = 0; a < q; a++) {
      const fa = from(a);
      const ka = a === at ? k : 1;
      mean[c * q + a] = ka * m.mean[c * m.q + fa]!;
      raw[c * q + a] = ka * ka * m.raw[c * m.q + fa]!;
      for (let b = 0; b < q; b++) {
        const kb = b === at ? k : 1;
        cross[c * q * q + a * q + b] = ka * kb * m.cross[c * m.q * m.q + fa * m.q + from(b)]!;
      }
    }
  }
  return { q, cells: m.cells, n: m.n, mean, cross, raw };
}
