import type { Design, FixedEffects } from '../stats/regression/index.js';
import { demeanedDesign, expandFixedEffects, makeAbsorber, nestedIn } from '../stats/regression/index.js';
import type { AnalysisFrame } from './analysis-frame.js';


/** Which frame columns enter a model, and how. */
export interface CovariateSpec {
  /** numeric or 0/1 columns; a missing value gets an indicator column plus the mean of the observed values */
  numeric: readonly string[];
  /** categorical columns: one dummy per level but the most frequent; a missing value gets its own dummy */
  categorical: readonly string[];
  /** a categorical column entered as fixed effects: absorbed by the fits (within transformation), never expanded into dummy columns */
  fixedEffects?: string;
}

/** How one covariate entered the model: for the report's missing-data count. */
export interface CovariateInfo {
  name: string;
  kind: 'numeric' | 'categorical' | 'fixed_effects';
  missing: number;
  fill: number | null;
  columns: number;
}

/** A model's design: the columns, how each covariate entered, and the fixed effects to absorb. */
export interface BuiltDesign {
  design: Design;
  info: CovariateInfo[];
  treatmentIndex: number;
  /** the frame row of each design row */
  index: Int32Array;
  /**
   * The fixed effects (`spec.fixedEffects`) as one group code per design row (the frame's level code, −1 =
   * missing, its own group), for the fits' `absorb` option; null without fixed effects. The design keeps its
   * intercept, which the fixed effects absorb.
   */
  fixedEffects: FixedEffects | null;
}

/**
 * Build [intercept, treatment?, covariates…] over the rows where `rows` is 1 (all rows when null). Fixed
 * effects are not columns: they come back as group codes (`fixedEffects`) for the fit to absorb, so a
 * district of 1M students in 2,500 schools costs no 1M × 2,500 matrix.
 */
export function buildDesign(
  frame: AnalysisFrame,
  spec: CovariateSpec,
  opts: { rows?: Uint8Array | null; treatment?: Float64Array | null; intercept?: boolean } = {},
): BuiltDesign {
  const rows = opts.rows ?? null;
  let n = 0;
  for (let i = 0; i < frame.n; i++) if (!rows || rows[i]) n++;
  const index = new Int32Array(n);
  for (let i = 0, k = 0; i < frame.n; i++) if (!rows || rows[i]) index[k++] = i;
  const names: string[] = [];
  const columns: Float64Array[] = [];
  const info: CovariateInfo[] = [];
  const add = (name: string, fill: (k: number) => number) => {
    const col = new Float64Array(n);
    for (let k = 0; k < n; k++) col[k] = fill(index[k]!);
    names.push(name);
    columns.push(col);
  };
  if (opts.intercept !== false) add('(Intercept)', () => 1);
  let treatmentIndex = -1;
  if (opts.treatment) {
    const t = opts.treatment;
    treatmentIndex = columns.length;
    add('treatment', (i) => t[i]!);
  }
  for (const name of spec.numeric) {
    const v = frame.numeric[name];
    if (!v) throw new Error(`no numeric column ${name} in the analysis frame`);
    let sum = 0;
    let seen = 0;
    for (let k = 0; k < n; k++) {
      const x = v[index[k]!]!;
      if (!Number.isNaN(x)) {
        sum += x;
        seen++;
      }
    }
    const missing = n - seen;
    if (seen === 0) {
      info.push({ name, kind: 'numeric', missing, fill: null, columns: 0 });
      continue;
    }
    const mean = sum / seen;
    // plain loops, not add(): a fill closure per column makes the call megamorphic and slow
    const col = new Float64Array(n);
    const ind = missing > 0 ? new Float64Array(n) : null;
    for (let k = 0; k < n; k++) {
      const x = v[index[k]!]!;
      if (!Number.isNaN(x)) col[k] = x;
      else {
        col[k] = mean;
        ind![k] = 1;
      }
    }
    names.push(name);
    columns.push(col);
    if (ind) {
      names.push(`${name}_missing`);
      columns.push(ind);
    }
    info.push({ name, kind: 'numeric', missing, fill: missing > 0 ? mean : null, columns: missing > 0 ? 2 : 1 });
  }
  let fixedEffects: FixedEffects | null = null;
  const dummies = (name: string, kind: 'categorical' | 'fixed_effects') => {
    const c = frame.categorical[name];
    if (!c) throw new Error(`no categorical column ${name} in the analysis frame`);
    const counts = new Int32Array(c.levels.length);
    let missing = 0;
    for (let k = 0; k < n; k++) {
      const code = c.codes[index[k]!]!;
      if (code < 0) missing++;
      else counts[code]!++;
    }
    // reference level: the most frequent for demographics, the first present for fixed effects
    let ref = 0;
    if (kind === 'categorical') {
      for (let l = 1; l < counts.length; l++) if (counts[l]! > counts[ref]!) ref = l;
    } else {
      while (ref < counts.length - 1 && counts[ref] === 0) ref++;
    }
    if (kind === 'fixed_effects') {
      // absorbed, not expanded: the columns a dummy coding would have made are still counted for the report
      let present = 0;
      for (let l = 0; l < counts.length; l++) if (counts[l]! > 0) present++;
      const codes = Int32Array.from(index, (i) => c.codes[i]!);
      fixedEffects = { codes, names: (code) => (code < 0 ? `${name}_missing` : `${name}=${c.levels[code]}`) };
      info.push({ name, kind, missing, fill: null, columns: Math.max(0, present - 1) + (missing > 0 ? 1 : 0) });
      return;
    }
    let made = 0;
    // one pass over the rows sets every dummy (levels in order, then missing)
    const dummy: (Float64Array | null)[] = c.levels.map((_, l) => (l === ref || counts[l] === 0 ? null : new Float64Array(n)));
    const missingCol = missing > 0 ? new Float64Array(n) : null;
    for (let k = 0; k < n; k++) {
      const code = c.codes[index[k]!]!;
      const col = code < 0 ? missingCol : dummy[code]!;
      if (col) col[k] = 1;
    }
    c.levels.forEach((level, l) => {
      if (!dummy[l]) return;
      names.push(`${name}=${level}`);
      columns.push(dummy[l]!);
      made++;
    });
    if (missingCol) {
      names.push(`${name}_missing`);
      columns.push(missingCol);
      made++;
    }
    info.push({ name, kind, missing, fill: null, columns: made });
  };
  for (const name of spec.categorical) dummies(name, 'categorical');
  if (spec.fixedEffects) dummies(spec.fixedEffects, 'fixed_effects');
  return { design: { n, names, columns }, info, treatmentIndex, index, fixedEffects };
}

/**
 * The design for OLS refits whose row weights are constant within each cluster (a cluster bootstrap): the
 * design with its fixed effects swept out (unit weights), which stays the within design under any such
 * weights when the fixed-effect groups lie within the clusters; otherwise (or without `clusters` given as
 * proof) the dummy-variable design. The design itself without fixed effects.
 */
export function withinDesign(d: BuiltDesign, clusters: Int32Array): Design {
  if (d.fixedEffects === null) return d.design;
  const unit = new Float64Array(d.design.n).fill(1);
  if (!nestedIn(makeAbsorber(d.fixedEffects, unit).of, clusters)) return expandFixedEffects(d.design, d.fixedEffects);
  return demeanedDesign(d.design, d.fixedEffects);
}
