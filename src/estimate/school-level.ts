import type { AnalysisFrame } from './analysis-frame.js';
import type { OutcomeDef } from './outcomes.js';
import type { ContrastResult } from '../results/results-schema.js';
import { addNote, note, type Note } from '../results/vocabulary.js';
import { buildDesign, type BuiltDesign, type CovariateSpec } from './covariate-design.js';
import { familyFor, modelEffect, type ModelEffect, type SeChoice } from './model-estimate.js';
import { summarize, tQuantile, tTwoSidedP } from '../stats/index.js';
import { cellMoments, rowsByCell, selectColumns, withScaledCopy, type CellMoments } from '../stats/regression/cell-moments.js';
import { absorbedOlsCr1 } from '../stats/regression/moments-ols.js';
import { gather } from '../stats/regression/restrict-design.js';
import { finiteOrNull } from './finite-or-null.js';
import { effectFields, ratioFields } from './effect-fields.js';
import { countSchools, tooFewSchools, fewSchoolsNote } from './school-counts.js';

/** A school-level measure whose change the moderator model relates to the visited − comparison difference. */
export interface Moderator {
  /** the analysis name in the results, e.g. "school visit rate as moderator" */
  analysis: string;
  /** its name in the labels, e.g. "school visit rate" */
  label: string;
  /** the step the coefficient is per, in words: "10 points of school visit rate", "0.1 of fidelity score" */
  step: string;
  /** one value per row of the analytic frame (NaN: the school has none; its students are left out) */
  values: Float64Array;
  /** the name of the treatment × moderator column, the coefficient the model reports */
  column: string;
}

/** The school visit rate as moderator (the frame's school_visit_rate column). */
export function visitRateModerator(analytic: AnalysisFrame): Moderator {
  return { analysis: 'school visit rate as moderator', label: 'school visit rate', step: '10 points of school visit rate', values: analytic.numeric.school_visit_rate!, column: 'treatment×school_visit_rate' };
}

/** The school's fidelity score (0–1, src/fidelity) as moderator; students of a school without a score are left out. */
export function fidelityScoreModerator(analytic: AnalysisFrame, scores: ReadonlyMap<string, number>): Moderator {
  const school = analytic.categorical.school_id!;
  const bySchool = school.levels.map((id) => scores.get(id) ?? Number.NaN);
  return { analysis: 'fidelity score as moderator', label: 'fidelity score', step: '0.1 of fidelity score (0–1)', values: Float64Array.from(school.codes, (c) => (c < 0 ? Number.NaN : bySchool[c]!)), column: 'treatment×fidelity_score' };
}

const MODEL = { continuous: 'linear_covariates', binary: 'logistic_ame_covariates', count: 'poisson_ame_covariates' } as const;

/** Fit a model, or note why it could not be fitted. */
function tryEffect(fit: () => ModelEffect, notes: Note[]): ModelEffect | null {
  try {
    return fit();
  } catch {
    addNote(notes, note('model_not_estimable'));
    return null;
  }
}

/**
 * Students in schools that visited at least `threshold` of their students vs. students in all other schools
 * (no school fixed effects: the contrast is between schools), adjusted for the baseline covariates,
 * cluster-robust by school; descriptive (group means and their difference) with too few schools on a side.
 */
function visitRateContrast(all: AnalysisFrame, def: OutcomeDef, spec: CovariateSpec, se: SeChoice, threshold: number, minSchools: number): ContrastResult {
  const high = Float64Array.from(all.numeric.school_visit_rate!, (r) => (r >= threshold ? 1 : 0));
  const cluster = all.categorical.school_id!.codes;
  const y = all.numeric[def.outcome]!;
  const d = buildDesign(all, { ...spec, fixedEffects: undefined }, { rows: Uint8Array.from(y, (v) => (Number.isNaN(v) ? 0 : 1)), treatment: high });
  const tt = Float64Array.from(d.index, (i) => high[i]!);
  const notes: Note[] = [];
  const st = summarize(Float64Array.from(d.index.filter((_, k) => tt[k] === 1), (i) => y[i]!));
  const sc = summarize(Float64Array.from(d.index.filter((_, k) => tt[k] === 0), (i) => y[i]!));
  const schools = countSchools(d.index, cluster, (i) => high[i] === 1, minSchools);
  const few = tooFewSchools(schools);
  let eff: ModelEffect | null = null;
  if (few) notes.push(fewSchoolsNote(schools));
  else if (st.n > 1 && sc.n > 1) {
    const yy = Float64Array.from(d.index, (i) => y[i]!);
    eff = tryEffect(() => modelEffect(familyFor(def.type), d.design, yy, tt, Int32Array.from(d.index, (i) => cluster[i]!), se), notes);
  } else notes.push(note('needs_both_school_kinds'));
  const meanLevel = finiteOrNull(st.mean, notes, note('group_empty', { field: 'level' }));
  const meanReference = finiteOrNull(sc.mean, notes, note('group_empty', { field: 'reference' }));
  const pct = Math.round(threshold * 100);
  return {
    analysis: `school visit rate ≥ ${pct}%`,
    outcome: def.outcome,
    level: `students in schools that visited ≥ ${pct}% of students`,
    reference: 'students in all other schools',
    n_level: st.n,
    n_reference: sc.n,
    mean_level: meanLevel,
    mean_reference: meanReference,
    ...(few
      ? { estimate: meanLevel === null || meanReference === null ? null : meanLevel - meanReference, se: null, ci_low: null, ci_high: null, p_value: null }
      : effectFields(eff, notes)),
    ...ratioFields(eff, def.type, notes),
    schools,
    model: few ? 'group_means' : MODEL[def.type],
    se_type: eff?.se_type ?? null,
    clusters: eff?.clusters ?? null,
    descriptive: few,
    suppressed: false,
    notes,
  };
}

/** The designs (and per-school moments) of the moderator models, by their rows; `outcomes`: the outcomes estimated. */
interface SharedRows {
  outcomes: readonly string[];
  byRows: Map<string, { design: BuiltDesign; moments: SchoolMoments | null }>;
}

/** Per-school centred moments of [design columns, y of each outcome with these rows], the school of each design row and where each outcome's y is. */
interface SchoolMoments {
  base: CellMoments;
  cellOf: Int32Array;
  S: number;
  p: number;
  yAt: Map<string, number>;
}

/** A key of the rows left out (no value of y or of the moderator). */
function rowsKey(y: Float64Array, rate: Float64Array): string {
  const out: number[] = [];
  for (let i = 0; i < y.length; i++) if (Number.isNaN(y[i]!) || Number.isNaN(rate[i]!)) out.push(i);
  return out.join(',');
}

/** The per-school moments of the design `d` (rows `key`) with the y of every outcome of `names` that has exactly these rows. */
function schoolMoments(d: BuiltDesign, cc: Int32Array, frame: AnalysisFrame, rate: Float64Array, key: string, names: readonly string[]): SchoolMoments {
  const dense = new Map<number, number>();
  const cellOf = Int32Array.from(cc, (c) => {
    let s = dense.get(c);
    if (s === undefined) dense.set(c, (s = dense.size));
    return s;
  });
  const outcomes = names.filter((o) => frame.numeric[o] && rowsKey(frame.numeric[o]!, rate) === key);
  const yAt = new Map(outcomes.map((o, j) => [o, j]));
  const p = d.design.columns.length;
  const base = cellMoments([...d.design.columns, ...outcomes.map((o) => gather(frame.numeric[o]!, d.index))], rowsByCell(cellOf, dense.size));
  return { base, cellOf, S: dense.size, p, yAt };
}

/**
 * The treatment × moderator coefficient of the moderator model with its CR1 t test (G − 1 df), as modelEffect
 * computes it, from the per-school moments: the moderator column is the treatment times the school's
 * (centred, scaled) moderator value. Null when the moderator varies within a school, the outcome is not in the
 * moments, or the coefficient is aliased: then the model is refitted.
 */
function moderatorByMoments(m: SchoolMoments, tColumn: number, outcome: string, moderated: Float64Array): ModeratorEffect | null {
  const j = m.yAt.get(outcome);
  if (j === undefined) return null;
  const value = new Float64Array(m.S).fill(NaN);
  for (let k = 0; k < m.cellOf.length; k++) {
    const s = m.cellOf[k]!;
    if (Number.isNaN(value[s]!)) value[s] = moderated[k]!;
    else if (value[s] !== moderated[k]) return null;
  }
  const cols = Array.from({ length: m.p }, (_, c) => c);
  const fit = absorbedOlsCr1(withScaledCopy(selectColumns(m.base, [...cols, m.p + j]), tColumn, value));
  const a = fit.keep.indexOf(m.p);
  if (a < 0) return null;
  const coef = fit.coef[a]!;
  const variance = fit.vcov[a * fit.keep.length + a]!;
  const se = variance >= 0 ? Math.sqrt(variance) : NaN;
  const crit = tQuantile(0.975, fit.G - 1);
  return { estimate: coef, se, ci_low: coef - crit * se, ci_high: coef + crit * se, p_value: tTwoSidedP(coef / se, fit.G - 1), se_type: 'cr1_t', clusters: fit.G };
}

/** The fields of a moderator model's effect that the results use. */
type ModeratorEffect = Pick<ModelEffect, 'estimate' | 'se' | 'ci_low' | 'ci_high' | 'p_value' | 'se_type' | 'clusters'>;

/**
 * Whether the visited − comparison difference changes with a school-level measure (the visit rate, the fidelity
 * score), among the analytic sample: the treatment × measure coefficient (per 10 points, the measure centred at
 * its mean) of a linear model with the covariates and school fixed effects (which absorb the measure itself). It
 * rests on the schools with both groups; with too few of them above vs. at or below the mean, the point estimate
 * only. Schools differ in more than the measure: the coefficient describes, it does not show a cause.
 */
function moderatorContrast(analytic: AnalysisFrame, def: OutcomeDef, spec: CovariateSpec, se: SeChoice, minSchools: number, mod: Moderator, shared: SharedRows): ContrastResult {
  const y = analytic.numeric[def.outcome]!;
  const t = analytic.numeric.visited!;
  const rate = mod.values;
  const school = analytic.categorical.school_id!.codes;
  const rows = Uint8Array.from(y, (v, i) => (Number.isNaN(v) || Number.isNaN(rate[i]!) ? 0 : 1));
  // the design of these rows, shared by the outcomes and moderators with the same rows (a copy gets the moderator column)
  const key = rowsKey(y, rate);
  let entry = shared.byRows.get(key);
  if (!entry) shared.byRows.set(key, (entry = { design: buildDesign(analytic, spec, { rows, treatment: t }), moments: null }));
  const d: BuiltDesign = { ...entry.design, design: { n: entry.design.design.n, names: entry.design.design.names.slice(), columns: entry.design.design.columns.slice() } };
  let meanRate = 0;
  d.index.forEach((i) => (meanRate += rate[i]!));
  meanRate /= d.index.length || 1;
  d.design.names.push(mod.column);
  d.design.columns.push(Float64Array.from(d.index, (i) => (t[i]! * (rate[i]! - meanRate)) / 0.1));
  const hasT = new Set<number>();
  const hasC = new Set<number>();
  for (const i of d.index) (t[i] === 1 ? hasT : hasC).add(school[i]!);
  const both = d.index.filter((i) => hasT.has(school[i]!) && hasC.has(school[i]!));
  const schools = countSchools(both, school, (i) => rate[i]! > meanRate, minSchools);
  const few = tooFewSchools(schools);
  const notes: Note[] = few ? [fewSchoolsNote(schools)] : [];
  const yy = gather(y, d.index);
  const tt = gather(t, d.index);
  const cc = gather(school, d.index);
  const moderated = Float64Array.from(d.index, (i) => (rate[i]! - meanRate) / 0.1);
  // with school fixed effects, clusters by school and CR1: from per-school moments (the moderator is constant within a school)
  let fromMoments: ModeratorEffect | null = null;
  if (se === 'CR1' && spec.fixedEffects === 'school_id') {
    // the per-school moments of [design, y of every outcome with these rows], once
    entry.moments ??= schoolMoments(entry.design, cc, analytic, rate, key, shared.outcomes);
    fromMoments = moderatorByMoments(entry.moments, d.treatmentIndex, def.outcome, moderated);
  }
  const m =
    fromMoments ??
    tryEffect(
      () =>
        modelEffect('gaussian', d.design, yy, tt, cc, se, undefined, {
          effect: mod.column,
          fixedEffects: d.fixedEffects,
        }),
      notes,
    );
  return {
    analysis: mod.analysis,
    outcome: def.outcome,
    level: `change in the visited − comparison difference per ${mod.step}`,
    reference: `visited − comparison difference at the mean ${mod.label}`,
    n_level: t.reduce((a, v, i) => a + (v === 1 && rows[i] ? 1 : 0), 0),
    n_reference: t.reduce((a, v, i) => a + (v === 0 && rows[i] ? 1 : 0), 0),
    mean_level: null,
    mean_reference: null,
    ...(few
      ? { estimate: m ? finiteOrNull(m.estimate, notes, note('value_undefined', { field: 'estimate' })) : null, se: null, ci_low: null, ci_high: null, p_value: null }
      : effectFields(m, notes)),
    schools,
    model: 'moderator_interaction',
    se_type: few ? null : (m?.se_type ?? null),
    clusters: few ? null : (m?.clusters ?? null),
    descriptive: few,
    suppressed: false,
    notes,
  };
}

/**
 * School-level implementation (Sheldon & Jung 2018), per outcome: the contrast of students in schools that
 * visited at least `threshold` of their students with students in all other schools, and the school visit
 * rate (and, when given, the school's fidelity score) as a moderator of the visited − comparison difference. With fewer than `minSchools` schools on either
 * side a contrast is descriptive: no SE, CI or p-value, and the note `few_schools` (the school counts are in `schools`).
 */
export function schoolLevelContrasts(
  all: AnalysisFrame,
  analytic: AnalysisFrame,
  defs: readonly OutcomeDef[],
  spec: CovariateSpec,
  se: SeChoice,
  threshold = 0.1,
  minSchools = 5,
  fidelityScores?: ReadonlyMap<string, number>,
): ContrastResult[] {
  // the fidelity score moderates only where it varies: with one score for every school there is no contrast to make
  const scored = fidelityScores ? fidelityScoreModerator(analytic, fidelityScores) : null;
  const distinct = scored ? new Set(Array.from(scored.values).filter((v) => !Number.isNaN(v))).size : 0;
  const moderators = [visitRateModerator(analytic), ...(scored && distinct >= 2 ? [scored] : [])];
  const shared: SharedRows = { outcomes: defs.map((d) => d.outcome), byRows: new Map() };
  return defs.flatMap((def) => [visitRateContrast(all, def, spec, se, threshold, minSchools), ...moderators.map((m) => moderatorContrast(analytic, def, spec, se, minSchools, m, shared))]);
}
