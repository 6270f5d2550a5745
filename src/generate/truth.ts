import type { GeneratorOptions } from './generator-options.js';
import type { SchoolModel, StudentModel } from './district-model.js';
import type { FidelityTruth } from './fidelity-truth.js';
import type { SurveyTruth } from './survey-truth.js';
import { levelOf, type DisciplineDraws, type TestDraws } from './potential-outcomes.js';

/** One outcome's true average effect on the treated: mean with the visit, mean without, and their contrast. */
export interface TrueEffect {
  n: number;
  mean_treated_if_visited: number;
  mean_treated_if_not_visited: number;
  difference: number;
  odds_ratio?: number;
  rate_ratio?: number;
}

/** What truth.json holds. */
export interface Truth {
  description: string;
  seed: number;
  outcome_year: number;
  students: number;
  schools: number;
  selection: number;
  parameters: GeneratorOptions['effects'];
  definitions: { min_days_enrolled: number; chronic_threshold: number; proficient_level: number };
  att: Record<string, TrueEffect>;
  dirty_rows: Record<string, Record<string, number>>;
  fidelity: FidelityTruth;
  /** the generated teacher and parent surveys: true alpha per scale and wave, true effects on the scale scores */
  surveys: SurveyTruth;
}

interface TruthInput {
  opts: GeneratorOptions;
  m: StudentModel;
  treated: Uint8Array;
  absence: Record<string, Float64Array>;
  disc: DisciplineDraws;
  tests: TestDraws;
  primarySchool: (i: number) => number;
  schools: SchoolModel[];
  dirty: Record<string, Record<string, number>>;
  fidelity: FidelityTruth;
  surveys: SurveyTruth;
}

const odds = (p: number) => p / (1 - p);

/** Compute the sample average effect on the treated from each visited student's two potential outcomes. */
export function computeTruth(x: TruthInput): Truth {
  const { m, treated, absence, disc, tests } = x;
  const minDays = 10;
  const chronic = 0.1;
  const enrolled = new Float64Array(m.n);
  const a0 = new Float64Array(m.n);
  const a1 = new Float64Array(m.n);
  absence.idx!.forEach((idx, k) => {
    enrolled[idx] = absence.enrolled![k]!;
    a0[idx] = absence.absent0![k]!;
    a1[idx] = absence.absent1![k]!;
  });
  const inPop = (i: number) => treated[i] === 1 && enrolled[i]! >= minDays && x.schools[x.primarySchool(i)]!.visitBase !== null;

  const acc = new Map<string, { n: number; s1: number; s0: number }>();
  const add = (name: string, v1: number, v0: number) => {
    const a = acc.get(name) ?? { n: 0, s1: 0, s0: 0 };
    a.n += 1;
    a.s1 += v1;
    a.s0 += v0;
    acc.set(name, a);
  };

  // within (subject, grade) SD of the observed outcome-year scores, as the pipeline's z-scores use
  const sd: Record<string, Map<number, number>> = {};
  for (const subject of ['ela', 'math'] as const) {
    const by = new Map<number, number[]>();
    for (let i = 0; i < m.n; i++) {
      const s0 = tests.score0[subject][i]!;
      if (Number.isNaN(s0)) continue;
      const obs = treated[i] ? tests.score1[subject][i]! : s0;
      const g = tests.grade[i]!;
      if (!by.has(g)) by.set(g, []);
      by.get(g)!.push(obs);
    }
    sd[subject] = new Map([...by].map(([g, v]) => {
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      return [g, Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1))];
    }));
  }

  for (let i = 0; i < m.n; i++) {
    if (!inPop(i)) continue;
    const e = enrolled[i]!;
    add('attendance_rate', 1 - a1[i]! / e, 1 - a0[i]! / e);
    add('chronic_absence', a1[i]! / e >= chronic ? 1 : 0, a0[i]! / e >= chronic ? 1 : 0);
    add('days_absent', a1[i]!, a0[i]!);
    add('any_incident', disc.count1[i]! > 0 ? 1 : 0, disc.count0[i]! > 0 ? 1 : 0);
    add('incident_count', disc.count1[i]!, disc.count0[i]!);
    add('any_suspension', disc.susp1[i]!, disc.susp0[i]!);
    for (const subject of ['ela', 'math'] as const) {
      const s0 = tests.score0[subject][i]!;
      if (Number.isNaN(s0)) continue;
      const s1 = tests.score1[subject][i]!;
      const g = tests.grade[i]!;
      const sdg = sd[subject]!.get(g)!;
      add(`${subject}_z`, (s1 - s0) / sdg, 0);
      add(`${subject}_proficient`, levelOf(s1, g) >= 3 ? 1 : 0, levelOf(s0, g) >= 3 ? 1 : 0);
    }
  }
  const att: Record<string, TrueEffect> = {};
  for (const [name, a] of acc) {
    const m1 = a.s1 / a.n;
    const m0 = a.s0 / a.n;
    const t: TrueEffect = { n: a.n, mean_treated_if_visited: m1, mean_treated_if_not_visited: m0, difference: m1 - m0 };
    if (['chronic_absence', 'any_incident', 'any_suspension', 'ela_proficient', 'math_proficient'].includes(name)) {
      t.odds_ratio = odds(m1) / odds(m0);
    }
    if (name === 'days_absent' || name === 'incident_count') t.rate_ratio = m1 / m0;
    att[name] = t;
  }
  return {
    description:
      'True sample average effects on the treated (ATT): for every visited student in the analytic sample (enrolled ≥ 10 days in a program school), both potential outcomes were generated from the same random draws; a difference is mean(with visit) − mean(without visit). For ela_z/math_z the difference is in units of the within-grade SD of observed scores, and the two means are of the shift only.',
    seed: x.opts.seed,
    outcome_year: x.opts.outcome_year,
    students: x.opts.students,
    schools: x.opts.schools,
    selection: x.opts.selection,
    parameters: x.opts.effects,
    definitions: { min_days_enrolled: minDays, chronic_threshold: chronic, proficient_level: 3 },
    att,
    dirty_rows: x.dirty,
    fidelity: x.fidelity,
    surveys: x.surveys,
  };
}
