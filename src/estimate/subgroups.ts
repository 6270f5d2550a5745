import type { AnalysisFrame } from './analysis-frame.js';
import { GRADE_BANDS, YES_NO_SUBGROUPS, gradeBand } from '../results/subgroup-levels.js';
import type { OutcomeDef } from './outcomes.js';
import type { ContrastResult } from '../results/results-schema.js';
import { buildDesign, type BuiltDesign, type CovariateSpec } from './covariate-design.js';
import { modelEffect, fitFamily, type SeChoice } from './model-estimate.js';
import { summarize, tQuantile, tTwoSidedP } from '../stats/index.js';
import { clusterVcov, waldTestP, type Design } from '../stats/regression/index.js';
import { cellMoments, mergeCells, rowsByCell, selectColumns, type CellMoments } from '../stats/regression/cell-moments.js';
import { absorbedOlsCr1 } from '../stats/regression/moments-ols.js';
import { equalSlopesWaldHc1 } from '../stats/regression/group-slopes-wald.js';
import { gather, restrictDesign } from '../stats/regression/restrict-design.js';
import { finiteOrNull, finiteOrNone } from './finite-or-null.js';
import { addNote, note, type Note } from '../results/vocabulary.js';
import { effectFields } from './effect-fields.js';

/** A subgroup dimension: a code per row (−1 = unknown) and level labels. */
export interface SubgroupDimension {
  name: string;
  codes: Int32Array;
  levels: string[];
}

/** Subgroup dimensions of the analytic sample: grade band, EL, FRL, SWD, race/ethnicity, school. */
export function subgroupDimensions(frame: AnalysisFrame): SubgroupDimension[] {
  const dims: SubgroupDimension[] = [];
  const grade = frame.categorical.grade;
  if (grade) {
    const map = grade.levels.map((g) => GRADE_BANDS.indexOf(gradeBand(g)));
    dims.push({ name: 'grade band', codes: Int32Array.from(grade.codes, (c) => (c < 0 ? -1 : map[c]!)), levels: [...GRADE_BANDS] });
  }
  for (const [col, label] of YES_NO_SUBGROUPS) {
    const v = frame.numeric[col];
    if (v) dims.push({ name: label, codes: Int32Array.from(v, (x) => (Number.isNaN(x) ? -1 : x === 1 ? 1 : 0)), levels: ['no', 'yes'] });
  }
  const race = frame.categorical.race_ethnicity;
  if (race) dims.push({ name: 'race/ethnicity', codes: race.codes, levels: race.levels });
  const school = frame.categorical.school_id;
  if (school) dims.push({ name: 'school', codes: school.codes, levels: school.levels });
  return dims;
}

/** A level's treatment effect as the results need it. */
interface LevelEffect {
  estimate: number;
  se: number;
  ci_low: number;
  ci_high: number;
  p_value: number;
  se_type: ContrastResult['se_type'];
  clusters: number;
}

/** One outcome's model rows: the full-sample designs (with and without fixed effects) over the rows with a value. */
interface OutcomeRows {
  y: Float64Array;
  /** the design over the outcome's rows (school fixed effects as in `spec`) */
  fe: BuiltDesign;
  /** the same rows without fixed effects (the school dimension), built when first asked for */
  noFe: () => BuiltDesign;
  yy: Float64Array;
  tt: Float64Array;
  cc: Int32Array;
}

/** The treatment coefficient's CR1 t test from a moments fit, as modelEffect's coefTest with G − 1 df. */
function cr1Effect(coef: number, variance: number, G: number): LevelEffect {
  const se = variance >= 0 ? Math.sqrt(variance) : NaN;
  const df = G - 1;
  const crit = tQuantile(0.975, df);
  return { estimate: coef, se, ci_low: coef - crit * se, ci_high: coef + crit * se, p_value: tTwoSidedP(coef / se, df), se_type: 'cr1_t', clusters: G };
}

/** Each design row's (school × level) cell (−1 without a level) and the number of schools: the cells of the moments path. */
function schoolLevelCells(cc: Int32Array, level: Int32Array, L: number): { cellOf: Int32Array; S: number } {
  const dense = new Map<number, number>();
  const cellOf = new Int32Array(cc.length);
  for (let k = 0; k < cc.length; k++) {
    let s = dense.get(cc[k]!);
    if (s === undefined) dense.set(cc[k]!, (s = dense.size));
    cellOf[k] = level[k]! < 0 ? -1 : s * L + level[k]!;
  }
  return { cellOf, S: dense.size };
}

/**
 * The moments path of one non-school dimension (school fixed effects = the clusters, CR1), from the per
 * (school × level) centred cross-products of [design columns, y] (`base`, S schools × L levels): a level's fit
 * sums its cells, and the interaction model (treatment × level columns, school fixed effects) merges each
 * school's cells.
 */
function momentsDimension(base: CellMoments, S: number, L: number, tCol: number, used: number[], fitted: boolean[]): { effects: (LevelEffect | 'not_estimable' | null)[]; interactionP: number } {
  const q = base.q;
  const effects = Array.from({ length: L }, (_, l): LevelEffect | 'not_estimable' | null => {
    if (!fitted[l]) return null;
    const fit = absorbedOlsCr1(mergeCells(base, Int32Array.from({ length: S * L }, (_, c) => (c % L === l ? Math.floor(c / L) : -1)), S));
    const a = fit.keep.indexOf(tCol);
    if (a < 0) return 'not_estimable';
    return cr1Effect(fit.coef[a]!, fit.vcov[a * fit.keep.length + a]!, fit.G);
  });
  let interactionP = NaN;
  if (used.length >= 2) {
    const ext = interactionCells(base, tCol, L, used.slice(1));
    const fit = absorbedOlsCr1(mergeCells(ext, Int32Array.from({ length: S * L }, (_, c) => Math.floor(c / L)), S));
    const idx: number[] = [];
    for (let j = 0; j < used.length - 1; j++) {
      const a = fit.keep.indexOf(q - 1 + j);
      if (a >= 0) idx.push(a);
    }
    interactionP = waldTestP(fit.coef, fit.vcov, fit.keep.length, idx);
  }
  return { effects, interactionP };
}

/**
 * The cells' moments with the treatment × level columns of `levels` inserted before y (design order: the
 * design's columns, the interactions, y): in a cell of level l the column of level l is the treatment, the
 * others are 0.
 */
function interactionCells(m: CellMoments, tCol: number, L: number, levels: number[]): CellMoments {
  const q = m.q;
  const e = levels.length;
  const qe = q + e;
  // position in the extended vector of each source column (y moves to the end); the interactions copy the treatment
  const src = (c: number, l: number): number => (c < q - 1 ? c : c < q - 1 + e ? (levels[c - q + 1] === l ? tCol : -1) : q - 1);
  const mean = new Float64Array(m.cells * qe);
  const cross = new Float64Array(m.cells * qe * qe);
  const raw = new Float64Array(m.cells * qe);
  for (let c = 0; c < m.cells; c++) {
    const l = c % L;
    for (let a = 0; a < qe; a++) {
      const sa = src(a, l);
      if (sa < 0) continue;
      mean[c * qe + a] = m.mean[c * q + sa]!;
      raw[c * qe + a] = m.raw[c * q + sa]!;
      for (let b = 0; b < qe; b++) {
        const sb = src(b, l);
        if (sb >= 0) cross[c * qe * qe + a * qe + b] = m.cross[c * q * q + sa * q + sb]!;
      }
    }
  }
  return { q: qe, cells: m.cells, n: m.n, mean, cross, raw };
}

/** The refit path of one dimension: each level's model on that level's rows only, and the interaction model on the rows with a level. */
function refitDimension(o: OutcomeRows, byLevel: Int32Array[], level: Int32Array, used: number[], present: boolean[], bySchool: boolean, se: SeChoice, dimName: string, levels: string[], slopesWald: boolean): { effects: (LevelEffect | 'not_estimable' | null)[]; interactionP: number } {
  const d = bySchool ? o.noFe() : o.fe;
  const effects = byLevel.map((rows, l): LevelEffect | 'not_estimable' | null => {
    if (!present[l]) return null;
    try {
      const fe = d.fixedEffects ? { ...d.fixedEffects, codes: gather(d.fixedEffects.codes, rows) } : null;
      const eff = modelEffect('gaussian', restrictDesign(d.design, rows), gather(o.yy, rows), gather(o.tt, rows), gather(o.cc, rows), se, undefined, { fixedEffects: fe });
      return { estimate: eff.estimate, se: eff.se, ci_low: eff.ci_low, ci_high: eff.ci_high, p_value: eff.p_value, se_type: eff.se_type, clusters: eff.clusters };
    } catch {
      return 'not_estimable';
    }
  });
  let interactionP = NaN;
  if (used.length >= 2) {
    // school × treatment with school fixed effects (HC1): each school's own slope from the arrowhead normal equations
    const slopes = bySchool && slopesWald ? schoolSlopesWald(o, level, levels.length, used) : null;
    interactionP = slopes ?? interactionRefit(o, byLevel, level, used, se, dimName, levels);
  }
  return { effects, interactionP };
}

/** The school dimension's interaction test without interaction columns (`equalSlopesWaldHc1`) over the rows with a school; null when it cannot decide (then refit). */
function schoolSlopesWald(o: OutcomeRows, level: Int32Array, L: number, used: number[]): number | null {
  const rows = Int32Array.from(level.keys()).filter((k) => level[k]! >= 0);
  const X = restrictDesign(o.fe.design, rows);
  X.columns.splice(o.fe.treatmentIndex, 1);
  X.names.splice(o.fe.treatmentIndex, 1);
  try {
    return equalSlopesWaldHc1(X, gather(o.tt, rows), gather(o.yy, rows), gather(level, rows), L, used);
  } catch {
    return null;
  }
}

/** The joint Wald p of the treatment × level terms (reference: the first level used), refitted on the rows with a level. */
function interactionRefit(o: OutcomeRows, byLevel: Int32Array[], level: Int32Array, used: number[], se: SeChoice, dimName: string, levels: string[]): number {
  const n = level.length;
  // position of each design row among the rows with a level (all of them when no code is unknown)
  const pos = new Int32Array(n);
  let m = 0;
  for (let k = 0; k < n; k++) pos[k] = level[k]! >= 0 ? m++ : -1;
  const all = m === n;
  const withLevel = all ? null : Int32Array.from(pos.keys()).filter((k) => pos[k]! >= 0);
  const pick = <T extends Float64Array | Int32Array>(v: T): T => (withLevel ? gather(v, withLevel) : v);
  const X: Design = withLevel ? restrictDesign(o.fe.design, withLevel) : { n, names: o.fe.design.names.slice(), columns: o.fe.design.columns.slice() };
  const names: string[] = [];
  for (const l of used.slice(1)) {
    const name = `treatment×${dimName}=${levels[l]}`;
    const col = new Float64Array(m);
    for (const k of byLevel[l]!) col[pos[k]!] = o.tt[k]!;
    X.names.push(name);
    X.columns.push(col);
    names.push(name);
  }
  try {
    const fe = o.fe.fixedEffects ? { ...o.fe.fixedEffects, codes: pick(o.fe.fixedEffects.codes) } : null;
    const fit = fitFamily('gaussian', X, pick(o.yy), undefined, fe);
    const { vcov } = clusterVcov(fit, X, pick(o.cc), se);
    const idx = names.map((nm) => fit.names.indexOf(nm)).filter((k) => k >= 0);
    return waldTestP(fit.coef, vcov, fit.names.length, idx);
  } catch {
    return NaN;
  }
}

/**
 * Visited − comparison within each subgroup level (linear regression — a linear probability model for
 * yes/no outcomes — with the baseline covariates and school fixed effects, cluster-robust by school; HC1
 * within one school), and the interaction test: a joint Wald test of the treatment × level terms in the
 * full-sample model. `onStep` hears of each dimension × outcome done (progress).
 *
 * Each outcome's design is built once over its rows; a level's model uses those columns on the level's rows
 * (the level's own fill values, missing indicators and reference levels only reparametrise the columns
 * besides the treatment, so its coefficient, SE and df are the same). With school fixed effects, clusters by
 * school and CR1, every level and the interaction model come from per (school × level) moments
 * (`cellMoments`, `absorbedOlsCr1`) without another pass over the rows; otherwise (CR2, the school
 * dimension's HC1) each level is fitted on its own rows only.
 */
export function subgroupContrasts(frame: AnalysisFrame, defs: readonly OutcomeDef[], spec: CovariateSpec, se: SeChoice, onStep?: (dim: SubgroupDimension) => void): ContrastResult[] {
  const t = frame.numeric.visited!;
  const cluster = frame.categorical.school_id!.codes;
  const dims = subgroupDimensions(frame);
  // the fixed effects are the clusters (school_id): the moments path applies
  const moments = se === 'CR1' && spec.fixedEffects === 'school_id';
  const grid: ContrastResult[][][] = dims.map(() => []);
  // outcomes with a value on the same rows share their design and their cells' moments
  const byRows = new Map<string, number[]>();
  defs.forEach((def, di) => {
    const y = frame.numeric[def.outcome]!;
    let key = '';
    for (let i = 0; i < y.length; i++) if (Number.isNaN(y[i]!)) key += `${i},`;
    byRows.set(key, [...(byRows.get(key) ?? []), di]);
  });
  for (const group of byRows.values()) {
    const first = frame.numeric[defs[group[0]!]!.outcome]!;
    const rowsY = Uint8Array.from(first, (v) => (Number.isNaN(v) ? 0 : 1));
    const fe = buildDesign(frame, spec, { rows: rowsY, treatment: t });
    let noFe: BuiltDesign | null = null;
    const tt = gather(t, fe.index);
    const cc = gather(cluster, fe.index);
    const outcomes: OutcomeRows[] = group.map((di) => {
      const y = frame.numeric[defs[di]!.outcome]!;
      return { y, fe, noFe: () => (noFe ??= buildDesign(frame, { ...spec, fixedEffects: undefined }, { rows: rowsY, treatment: t })), yy: gather(y, fe.index), tt, cc };
    });
    dims.forEach((dim, k) => {
      const bySchool = dim.name === 'school';
      const L = dim.levels.length;
      const level = gather(dim.codes, fe.index);
      const byLevel = rowsByCell(level, L);
      const counts = byLevel.map((rows) => {
        let nt = 0;
        for (const r of rows) if (tt[r] === 1) nt++;
        return { nt, nc: rows.length - nt };
      });
      const used = counts.map((c, l) => (c.nt > 0 && c.nc > 0 ? l : -1)).filter((l) => l >= 0);
      const present = counts.map((c) => c.nt > 0 || c.nc > 0);
      const fitted = counts.map((c) => c.nt >= 2 && c.nc >= 2);
      const p = fe.design.columns.length;
      let cells: { base: CellMoments; S: number } | null = null;
      if (moments && !bySchool) {
        const { cellOf, S } = schoolLevelCells(cc, level, L);
        cells = { base: cellMoments([...fe.design.columns, ...outcomes.map((o) => o.yy)], rowsByCell(cellOf, S * L)), S };
      }
      group.forEach((di, j) => {
        const def = defs[di]!;
        const o = outcomes[j]!;
        const r = cells
          ? momentsDimension(selectColumns(cells.base, [...Array.from({ length: p }, (_, c) => c), p + j]), cells.S, L, fe.treatmentIndex, used, fitted)
          : refitDimension(o, byLevel, level, used, fitted, bySchool, bySchool ? 'HC1' : se, dim.name, dim.levels, spec.fixedEffects === 'school_id');
        grid[k]![di] = [];
        dim.levels.forEach((lv, l) => {
          if (!present[l]) return;
          const notes: Note[] = [];
          const rows = byLevel[l]!;
          const st = summarize(Float64Array.from(rows.filter((x) => tt[x] === 1), (x) => o.yy[x]!));
          const sc = summarize(Float64Array.from(rows.filter((x) => tt[x] === 0), (x) => o.yy[x]!));
          const e = r.effects[l]!;
          if (!fitted[l]) notes.push(note('too_few_in_group'));
          else if (e === 'not_estimable') addNote(notes, note('model_not_estimable'));
          const eff = e === null || e === 'not_estimable' ? null : e;
          grid[k]![di]!.push({
            analysis: dim.name,
            outcome: def.outcome,
            level: lv,
            reference: 'comparison students of the same subgroup',
            n_level: st.n,
            n_reference: sc.n,
            mean_level: finiteOrNull(st.mean, notes, note('group_empty', { field: 'level' })),
            mean_reference: finiteOrNull(sc.mean, notes, note('group_empty', { field: 'reference' })),
            ...effectFields(eff, notes),
            interaction_p_value: finiteOrNone(r.interactionP),
            model: bySchool ? 'linear_covariates' : 'linear_covariates_fe',
            se_type: eff?.se_type ?? null,
            clusters: eff?.clusters ?? null,
            descriptive: false,
            suppressed: false,
            notes,
          });
        });
        onStep?.(dim);
      });
    });
  }
  // dimension by dimension, outcome by outcome, as the results list them
  return grid.flatMap((byDef) => byDef.flatMap((rows) => rows ?? []));
}
