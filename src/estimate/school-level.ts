import type { AnalysisFrame } from './analysis-frame.js';
import type { OutcomeDef } from './outcomes.js';
import type { ContrastResult } from '../results/results-schema.js';
import { buildDesign, type CovariateSpec } from './covariate-design.js';
import { familyFor, modelEffect, type SeChoice } from './model-estimate.js';
import { summarize } from '../stats/index.js';
import { finiteOrNull } from './finite-or-null.js';
import { effectFields } from './effect-fields.js';
import { countSchools, tooFewSchools, FEW_SCHOOLS } from './school-counts.js';

/**
 * School-level implementation (Sheldon & Jung 2018): students in schools that visited at least
 * `threshold` of their students vs. students in all other schools (no school fixed effects: the contrast is
 * between schools), adjusted for the baseline covariates, cluster-robust by school; and, among the analytic
 * sample, whether the visited–comparison difference changes with the school's visit rate (treatment × rate,
 * per 10 percentage points, with school fixed effects). With fewer than `minSchools` schools on either side
 * (for the moderator: schools with visited and comparison students above vs. at or below the mean visit
 * rate) a contrast is descriptive: group means and their difference (the moderator's point estimate), no
 * SE, CI or p-value, and the note `few_schools`; the school counts are in `schools`.
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
  const out: ContrastResult[] = [];
  const rate = all.numeric.school_visit_rate!;
  const high = Float64Array.from(rate, (r) => (r >= threshold ? 1 : 0));
  const cluster = all.categorical.school_id!.codes;
  const noFe: CovariateSpec = { ...spec, fixedEffects: undefined };
  for (const def of defs) {
    const y = all.numeric[def.outcome]!;
    const rows = Uint8Array.from(y, (v) => (Number.isNaN(v) ? 0 : 1));
    const d = buildDesign(all, noFe, { rows, treatment: high });
    const tt = Float64Array.from(d.index, (i) => high[i]!);
    const yy = Float64Array.from(d.index, (i) => y[i]!);
    const notes: string[] = [];
    const st = summarize(Float64Array.from(d.index.filter((_, k) => tt[k] === 1), (i) => y[i]!));
    const sc = summarize(Float64Array.from(d.index.filter((_, k) => tt[k] === 0), (i) => y[i]!));
    const schools = countSchools(d.index, cluster, (i) => high[i] === 1, minSchools);
    const few = tooFewSchools(schools);
    let eff: ReturnType<typeof modelEffect> | null = null;
    if (few) notes.push(FEW_SCHOOLS);
    else {
      try {
        if (st.n > 1 && sc.n > 1) eff = modelEffect(familyFor(def.type), d.design, yy, tt, Int32Array.from(d.index, (i) => cluster[i]!), se);
        else notes.push('needs students in both kinds of school');
      } catch (e) {
        notes.push(`not estimable: ${(e as Error).message}`);
      }
    }
    if (eff?.ratio != null) notes.push(`${def.type === 'binary' ? 'odds' : 'rate'} ratio ${eff.ratio.toFixed(2)} (${eff.ratio_ci_low!.toFixed(2)}–${eff.ratio_ci_high!.toFixed(2)})`);
    const meanLevel = finiteOrNull(st.mean, notes, 'no students');
    const meanReference = finiteOrNull(sc.mean, notes, 'no students');
    const model = `${def.type === 'continuous' ? 'linear regression' : def.type === 'binary' ? 'logistic regression (average marginal effect)' : 'Poisson regression (average marginal effect)'} with covariates; ${eff?.se_type ?? se}`;
    out.push({
      analysis: `school visit rate ≥ ${Math.round(threshold * 100)}%`,
      outcome: def.outcome,
      level: `students in schools that visited ≥ ${Math.round(threshold * 100)}% of students`,
      reference: 'students in all other schools',
      n_level: st.n,
      n_reference: sc.n,
      mean_level: meanLevel,
      mean_reference: meanReference,
      ...(few
        ? { estimate: meanLevel === null || meanReference === null ? null : meanLevel - meanReference, se: null, ci_low: null, ci_high: null, p_value: null }
        : effectFields(eff, notes)),
      schools,
      method: few ? 'difference in group means (descriptive: too few schools for a test)' : model,
      descriptive: few,
      suppressed: false,
      notes,
    });

    // moderation: treatment × school visit rate (per 10 pp, centred) in the analytic sample, school FE absorb the rate
    const ya = analytic.numeric[def.outcome]!;
    const ta = analytic.numeric.visited!;
    const ra = analytic.numeric.school_visit_rate!;
    const rowsA = Uint8Array.from(ya, (v) => (Number.isNaN(v) ? 0 : 1));
    const da = buildDesign(analytic, spec, { rows: rowsA, treatment: ta });
    let meanRate = 0;
    da.index.forEach((i) => (meanRate += ra[i]!));
    meanRate /= da.index.length || 1;
    // put the interaction in the "treatment" slot so modelEffect reports its coefficient; the main effect becomes a covariate
    const tIdx = da.design.names.indexOf('treatment');
    da.design.names[tIdx] = 'visited';
    da.design.names.push('treatment');
    da.design.columns.push(Float64Array.from(da.index, (i) => (ta[i]! * (ra[i]! - meanRate)) / 0.1));
    // the interaction rests on the schools with both groups: count them above vs. at or below the mean rate
    const schoolCode = analytic.categorical.school_id!.codes;
    const hasT = new Set<number>();
    const hasC = new Set<number>();
    for (const i of da.index) (ta[i] === 1 ? hasT : hasC).add(schoolCode[i]!);
    const both = da.index.filter((i) => hasT.has(schoolCode[i]!) && hasC.has(schoolCode[i]!));
    const schoolsM = countSchools(both, schoolCode, (i) => ra[i]! > meanRate, minSchools);
    const fewM = tooFewSchools(schoolsM);
    const notesM: string[] = fewM ? [FEW_SCHOOLS] : [];
    let m: ReturnType<typeof modelEffect> | null = null;
    try {
      m = modelEffect('gaussian', da.design, Float64Array.from(da.index, (i) => ya[i]!), Float64Array.from(da.index, () => 0), Int32Array.from(da.index, (i) => schoolCode[i]!), se);
    } catch (e) {
      notesM.push(`not estimable: ${(e as Error).message}`);
    }
    const fieldsM = fewM
      ? { estimate: m ? finiteOrNull(m.estimate, notesM, 'estimate undefined') : null, se: null, ci_low: null, ci_high: null, p_value: null }
      : effectFields(m, notesM);
    out.push({
      analysis: 'school visit rate as moderator',
      outcome: def.outcome,
      level: 'change in the visited − comparison difference per 10 points of school visit rate',
      reference: 'visited − comparison difference at the mean school visit rate',
      n_level: ta.reduce((a, v, i) => a + (v === 1 && rowsA[i] ? 1 : 0), 0),
      n_reference: ta.reduce((a, v, i) => a + (v === 0 && rowsA[i] ? 1 : 0), 0),
      mean_level: null,
      mean_reference: null,
      ...fieldsM,
      schools: schoolsM,
      method: `linear regression with covariates and school fixed effects; ${fewM ? 'point estimate only (descriptive: too few schools for a test)' : (m?.se_type ?? se)}`,
      descriptive: fewM,
      suppressed: false,
      notes: notesM,
    });
  }
  return out;
}
