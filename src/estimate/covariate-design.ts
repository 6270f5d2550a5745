import type { Design } from '../stats/regression/index.js';
import type { AnalysisFrame } from './analysis-frame.js';


/** Which frame columns enter a model, and how. */
export interface CovariateSpec {
  /** numeric or 0/1 columns; a missing value gets an indicator column plus the mean of the observed values */
  numeric: readonly string[];
  /** categorical columns: one dummy per level but the most frequent; a missing value gets its own dummy */
  categorical: readonly string[];
  /** a categorical column entered as fixed effects (one dummy per level but the first) */
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

/** Build [intercept, treatment?, covariates…] over the rows where `rows` is 1 (all rows when null). */
export function buildDesign(
  frame: AnalysisFrame,
  spec: CovariateSpec,
  opts: { rows?: Uint8Array | null; treatment?: Float64Array | null; intercept?: boolean } = {},
): { design: Design; info: CovariateInfo[]; treatmentIndex: number; index: Int32Array } {
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
    add(name, (i) => (Number.isNaN(v[i]!) ? mean : v[i]!));
    if (missing > 0) add(`${name}_missing`, (i) => (Number.isNaN(v[i]!) ? 1 : 0));
    info.push({ name, kind: 'numeric', missing, fill: missing > 0 ? mean : null, columns: missing > 0 ? 2 : 1 });
  }
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
    let made = 0;
    for (let l = 0; l < c.levels.length; l++) {
      if (l === ref || counts[l] === 0) continue;
      add(`${name}=${c.levels[l]}`, (i) => (c.codes[i] === l ? 1 : 0));
      made++;
    }
    if (missing > 0) {
      add(`${name}_missing`, (i) => (c.codes[i]! < 0 ? 1 : 0));
      made++;
    }
    info.push({ name, kind, missing, fill: null, columns: made });
  };
  for (const name of spec.categorical) dummies(name, 'categorical');
  if (spec.fixedEffects) dummies(spec.fixedEffects, 'fixed_effects');
  return { design: { n, names, columns }, info, treatmentIndex, index };
}
