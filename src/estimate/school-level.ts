import type { AnalysisFrame } from './analysis-frame.js';
import type { OutcomeDef } from './outcomes.js';
import type { ContrastResult } from '../results/results-schema.js';
import { addNote, note, type Note } from '../results/vocabulary.js';
import { buildDesign, type CovariateSpec } from './covariate-design.js';
import { familyFor, modelEffect, type ModelEffect, type SeChoice } from './model-estimate.js';
import { summarize } from '../stats/index.js';
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

/**
 * Whether the visited − comparison difference changes with a school-level measure (the visit rate, the fidelity
 * score), among the analytic sample: the treatment × measure coefficient (per 10 points, the measure centred at
 * its mean) of a linear model with the covariates and school fixed effects (which absorb the measure itself). It
 * rests on the schools with both groups; with too few of them above vs. at or below the mean, the point estimate
 * only. Schools differ in more than the measure: the coefficient describes, it does not show a cause.
 */
function moderatorContrast(analytic: AnalysisFrame, def: OutcomeDef, spec: CovariateSpec, se: SeChoice, minSchools: number, mod: Moderator): ContrastResult {
  const y = analytic.numeric[def.outcome]!;
  const t = analytic.numeric.visited!;
  const rate = mod.values;
  const school = analytic.categorical.school_id!.codes;
  const rows = Uint8Array.from(y, (v, i) => (Number.isNaN(v) || Number.isNaN(rate[i]!) ? 0 : 1));
  const d = buildDesign(analytic, spec, { rows, treatment: t });
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
  const m = tryEffect(
    () =>
      modelEffect('gaussian', d.design, Float64Array.from(d.index, (i) => y[i]!), Float64Array.from(d.index, (i) => t[i]!), Int32Array.from(d.index, (i) => school[i]!), se, undefined, {
        effect: mod.column,
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
  return defs.flatMap((def) => [visitRateContrast(all, def, spec, se, threshold, minSchools), ...moderators.map((m) => moderatorContrast(analytic, def, spec, se, minSchools, m))]);
}
