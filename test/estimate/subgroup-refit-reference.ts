/**
 * The subgroup contrasts as they were computed before the moments path (every level refitted from a
 * design rebuilt over the level's rows, the interaction model rebuilt over the rows with a level): the
 * reference the new path in src/estimate/subgroups.ts must reproduce. Test code only.
 */
import type { AnalysisFrame } from '../../src/estimate/analysis-frame.js';
import type { OutcomeDef } from '../../src/estimate/outcomes.js';
import type { ContrastResult } from '../../src/results/results-schema.js';
import { buildDesign, type CovariateSpec } from '../../src/estimate/covariate-design.js';
import { modelEffect, fitFamily, type SeChoice } from '../../src/estimate/model-estimate.js';
import { summarize } from '../../src/stats/index.js';
import { clusterVcov, waldTestP } from '../../src/stats/regression/index.js';
import { finiteOrNull, finiteOrNone } from '../../src/estimate/finite-or-null.js';
import { addNote, note, type Note } from '../../src/results/vocabulary.js';
import { effectFields } from '../../src/estimate/effect-fields.js';
import { subgroupDimensions } from '../../src/estimate/subgroups.js';

/**
 * Visited − comparison within each subgroup level (linear regression — a linear probability model for
 * yes/no outcomes — with the baseline covariates and school fixed effects, cluster-robust by school; HC1
 * within one school), and the interaction test: a joint Wald test of the treatment × level terms in the
 * full-sample model.
 */
export function subgroupContrastsByRefit(frame: AnalysisFrame, defs: readonly OutcomeDef[], spec: CovariateSpec, se: SeChoice): ContrastResult[] {
  const t = frame.numeric.visited!;
  const cluster = frame.categorical.school_id!.codes;
  const out: ContrastResult[] = [];
  for (const dim of subgroupDimensions(frame)) {
    const bySchool = dim.name === 'school';
    const dimSe: SeChoice = bySchool ? 'HC1' : se;
    for (const def of defs) {
      const y = frame.numeric[def.outcome]!;
      const present = dim.levels.map((_, l) => {
        let nt = 0;
        let nc = 0;
        for (let i = 0; i < frame.n; i++) if (dim.codes[i] === l && !Number.isNaN(y[i]!)) t[i] === 1 ? nt++ : nc++;
        return { nt, nc };
      });
      const used = present.map((c, l) => (c.nt > 0 && c.nc > 0 ? l : -1)).filter((l) => l >= 0);
      // interaction: full model with treatment × level dummies (reference: the first level used)
      let interactionP = NaN;
      if (used.length >= 2) {
        const rows = Uint8Array.from(y, (v, i) => (Number.isNaN(v) || dim.codes[i]! < 0 ? 0 : 1));
        const d = buildDesign(frame, spec, { rows, treatment: t });
        const tt = Float64Array.from(d.index, (i) => t[i]!);
        const names: string[] = [];
        for (const l of used.slice(1)) {
          const name = `treatment×${dim.name}=${dim.levels[l]}`;
          d.design.names.push(name);
          d.design.columns.push(Float64Array.from(d.index, (i, k) => (dim.codes[i] === l ? tt[k]! : 0)));
          names.push(name);
        }
        const yy = Float64Array.from(d.index, (i) => y[i]!);
        const cc = Int32Array.from(d.index, (i) => cluster[i]!);
        try {
          const fit = fitFamily('gaussian', d.design, yy, undefined, d.fixedEffects);
          const { vcov } = clusterVcov(fit, d.design, cc, dimSe);
          const idx = names.map((n) => fit.names.indexOf(n)).filter((k) => k >= 0);
          interactionP = waldTestP(fit.coef, vcov, fit.names.length, idx);
        } catch {
          interactionP = NaN;
        }
      }
      dim.levels.forEach((level, l) => {
        if (present[l]!.nt === 0 && present[l]!.nc === 0) return;
        const notes: Note[] = [];
        const rows = Uint8Array.from(y, (v, i) => (!Number.isNaN(v) && dim.codes[i] === l ? 1 : 0));
        const d = buildDesign(frame, bySchool ? { ...spec, fixedEffects: undefined } : spec, { rows, treatment: t });
        const tt = Float64Array.from(d.index, (i) => t[i]!);
        const yy = Float64Array.from(d.index, (i) => y[i]!);
        const st = summarize(Float64Array.from(d.index.filter((_, k) => tt[k] === 1), (i) => y[i]!));
        const sc = summarize(Float64Array.from(d.index.filter((_, k) => tt[k] === 0), (i) => y[i]!));
        let eff: ReturnType<typeof modelEffect> | null = null;
        if (st.n >= 2 && sc.n >= 2) {
          try {
            eff = modelEffect('gaussian', d.design, yy, tt, Int32Array.from(d.index, (i) => cluster[i]!), dimSe, undefined, { fixedEffects: d.fixedEffects });
          } catch {
            addNote(notes, note('model_not_estimable'));
          }
        } else notes.push(note('too_few_in_group'));
        out.push({
          analysis: dim.name,
          outcome: def.outcome,
          level,
          reference: 'comparison students of the same subgroup',
          n_level: st.n,
          n_reference: sc.n,
          mean_level: finiteOrNull(st.mean, notes, note('group_empty', { field: 'level' })),
          mean_reference: finiteOrNull(sc.mean, notes, note('group_empty', { field: 'reference' })),
          ...effectFields(eff, notes),
          interaction_p_value: finiteOrNone(interactionP),
          model: bySchool ? 'linear_covariates' : 'linear_covariates_fe',
          se_type: eff?.se_type ?? null,
          clusters: eff?.clusters ?? null,
          descriptive: false,
          suppressed: false,
          notes,
        });
      });
    }
  }
  return out;
}
