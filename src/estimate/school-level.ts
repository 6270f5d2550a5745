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

/** The name of the moderator model's treatment × school visit rate column, the coefficient it reports. */
const INTERACTION = 'treatment×school_visit_rate';

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
 * Whether the visited − comparison difference changes with the school's visit rate, among the analytic
 * sample: the treatment × rate coefficient (per 10 percentage points, rate centred at its mean) of a linear
 * model with the covariates and school fixed effects (which absorb the rate itself). It rests on the schools
 * with both groups; with too few of them above vs. at or below the mean rate, the point estimate only.
 */
function moderatorContrast(analytic: AnalysisFrame, def: OutcomeDef, spec: CovariateSpec, se: SeChoice, minSchools: number): ContrastResult {
  const y = analytic.numeric[def.outcome]!;
  const t = analytic.numeric.visited!;
  const rate = analytic.numeric.school_visit_rate!;
  const school = analytic.categorical.school_id!.codes;
  const rows = Uint8Array.from(y, (v) => (Number.isNaN(v) ? 0 : 1));
  const d = buildDesign(analytic, spec, { rows, treatment: t });
  let meanRate = 0;
  d.index.forEach((i) => (meanRate += rate[i]!));
  meanRate /= d.index.length || 1;
  d.design.names.push(INTERACTION);
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
        effect: INTERACTION,
      }),
    notes,
  );
  return {
    analysis: 'school visit rate as moderator',
    outcome: def.outcome,
    level: 'change in the visited − comparison difference per 10 points of school visit rate',
    reference: 'visited − comparison difference at the mean school visit rate',
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
 * rate as a moderator of the visited − comparison difference. With fewer than `minSchools` schools on either
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
): ContrastResult[] {
  return defs.flatMap((def) => [visitRateContrast(all, def, spec, se, threshold, minSchools), moderatorContrast(analytic, def, spec, se, minSchools)]);
}
