import type { SeType } from '../results/vocabulary.js';
import type { z } from 'zod';
import type { ContrastModelSchema } from '../results/vocabulary.js';
type ContrastModel = z.infer<typeof ContrastModelSchema>;
import type { Estimate, Results } from '../results/results-schema.js';
import type { ShareMeasure } from '../results/fidelity-results-schema.js';
import type { Practice, TargetingCovariate } from '../fidelity/fidelity-schema.js';
import type { CostBasis } from '../cost/cost-schema.js';

/** How each method is named in tables, charts and statements. */
export const METHOD_LABEL = { unadjusted: 'Unadjusted', regression: 'Regression-adjusted', matching: 'Propensity matching', weighting: 'Weighting (doubly robust)' } as const satisfies Record<Estimate['method'], string>;

/** Each method as a noun phrase inside a sentence. */
export const METHOD_NOUN: Record<Estimate['method'], string> = {
  unadjusted: 'the unadjusted comparison',
  regression: 'regression adjustment',
  matching: 'propensity-score matching',
  weighting: 'propensity-score weighting',
};

const DOMAIN_TITLE: Record<string, string> = { attendance: 'Attendance', behavior: 'Behavior', achievement: 'Achievement', other: 'Outcomes' };

/** The heading of an outcome domain: the pipeline's domains by name, any other (hve compare) as given. */
export function domainTitle(domain: string): string {
  return DOMAIN_TITLE[domain] ?? domain;
}

/** Human labels of the pipeline's covariates (src/estimate/covariate-spec.ts) and baseline measures. */
export const COVARIATE_LABEL: Record<string, string> = {
  prior_attendance_rate: 'Prior-year attendance rate',
  prior_chronic_absence: 'Prior-year chronic absence',
  prior_days_absent: 'Prior-year days absent',
  prior_any_incident: 'Prior-year discipline incident (any)',
  prior_incident_count: 'Prior-year discipline incidents',
  prior_any_suspension: 'Prior-year suspension (any)',
  prior_ela_z: 'Prior-year ELA score (z)',
  prior_math_z: 'Prior-year math score (z)',
  prior_ela_proficient: 'Prior-year proficient in ELA',
  prior_math_proficient: 'Prior-year proficient in math',
  frl: 'Free or reduced-price lunch',
  ell: 'English learner',
  swd: 'Student with a disability',
  gender: 'Gender',
  race_ethnicity: 'Race/ethnicity',
  grade: 'Grade',
  school_id: 'School',
};

/** Whether the results came from a pipeline run, whose column names are internal and get labels; an analytic file's names are the user's own. */
const internalNames = (r: Pick<Results, 'definitions'>) => r.definitions.source !== 'analytic_file';

/** A covariate, baseline measure or balance row ("gender: F") as a reader sees it; names of an analytic file stay as given. */
export function covariateLabel(name: string, r: Pick<Results, 'definitions'>): string {
  if (!internalNames(r)) return name;
  const i = name.indexOf(': ');
  if (i > 0) return `${COVARIATE_LABEL[name.slice(0, i)] ?? name.slice(0, i)}: ${name.slice(i + 2)}`;
  return COVARIATE_LABEL[name] ?? name;
}

/** A fixed-effects term: "School fixed effects" in a pipeline run, "<column> fixed effects" for an analytic file. */
export function fixedEffectsLabel(name: string, r: Pick<Results, 'definitions'>): string {
  return internalNames(r) ? `${COVARIATE_LABEL[name] ?? name} fixed effects` : `${name} fixed effects`;
}

/** The covariates the adjusted models used (results.covariates, those that entered with at least one column), labelled. */
export function covariateLabels(r: Pick<Results, 'definitions' | 'covariates'>): string[] {
  return (r.covariates ?? []).filter((c) => c.columns > 0).map((c) => (c.kind === 'fixed_effects' ? fixedEffectsLabel(c.name, r) : covariateLabel(c.name, r)));
}

/** "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const PRIOR_GROUPS: [string, readonly string[]][] = [
  ['attendance', ['prior_attendance_rate', 'prior_chronic_absence', 'prior_days_absent']],
  ['behavior', ['prior_any_incident', 'prior_incident_count', 'prior_any_suspension']],
  ['test scores', ['prior_ela_z', 'prior_math_z', 'prior_ela_proficient', 'prior_math_proficient']],
];

/**
 * What the adjusted models adjust for, in a few words: for a pipeline run grouped ("prior-year attendance and
 * test scores, demographics, grade and school"), for an analytic file the covariates as given; from
 * results.covariates only, so a measure that was not used is never named. Empty when nothing was adjusted for.
 */
export function adjustmentPhrase(r: Pick<Results, 'definitions' | 'covariates'>): string {
  const used = (r.covariates ?? []).filter((c) => c.columns > 0);
  if (!internalNames(r)) return joinAnd(covariateLabels(r));
  const has = (n: string) => used.some((c) => c.name === n);
  const parts: string[] = [];
  const prior = PRIOR_GROUPS.filter(([, names]) => names.some(has)).map(([g]) => g);
  if (prior.length) parts.push(`prior-year ${joinAnd(prior)}`);
  if (['frl', 'ell', 'swd', 'gender', 'race_ethnicity'].some(has)) parts.push('demographics');
  if (has('grade')) parts.push('grade');
  for (const c of used) if (c.kind === 'fixed_effects') parts.push(c.name === 'school_id' ? 'school' : fixedEffectsLabel(c.name, r));
  const known = new Set([...PRIOR_GROUPS.flatMap(([, n]) => n), 'frl', 'ell', 'swd', 'gender', 'race_ethnicity', 'grade']);
  for (const c of used) if (c.kind !== 'fixed_effects' && !known.has(c.name)) parts.push(covariateLabel(c.name, r));
  return joinAnd(parts);
}

/** What the data of an outcome are called in a "not evaluated" sentence ("no ELA scores were found"). */
const OUTCOME_DATA_NOUN: Record<string, string> = {
  attendance_rate: 'attendance records',
  chronic_absence: 'attendance records',
  days_absent: 'attendance records',
  any_incident: 'discipline records',
  incident_count: 'discipline records',
  any_suspension: 'discipline records',
  ela_z: 'ELA scores',
  ela_proficient: 'ELA scores',
  math_z: 'math scores',
  math_proficient: 'math scores',
};

/** The noun for an outcome's data: "ELA scores" in a pipeline run, "values of <column>" for an analytic file. */
export function outcomeDataNoun(outcome: string, r: Pick<Results, 'definitions'>): string {
  return (internalNames(r) ? OUTCOME_DATA_NOUN[outcome] : undefined) ?? `values of ${outcome}`;
}

/** The fixed effects of the adjusted models inside a sentence ("school fixed effects", "Campus fixed effects"), or null when there are none. */
export function fixedEffectsPhrase(r: Pick<Results, 'definitions' | 'covariates'>): string | null {
  const fe = (r.covariates ?? []).find((c) => c.kind === 'fixed_effects' && c.columns > 0);
  if (!fe) return null;
  const label = fixedEffectsLabel(fe.name, r);
  return internalNames(r) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** Counts of the adjustment diagnostics, as named in the suppression log. */
const DIAGNOSTIC_LABEL: Record<string, string> = {
  dropped_by_caliper: 'dropped by the caliper',
  no_candidates: 'no candidate left',
  outside_support: 'outside common support',
  matched_treated: 'matched (treated)',
  matched_comparison: 'matched (comparison)',
  'matched_treated, matched_comparison': 'matched (treated and comparison)',
  treated: 'treated',
  trimmed: 'trimmed',
};

/** A " / "-separated locator (a suppression-log cell such as "prior_ela_z" or "ela_z / regression") with every raw name replaced by its label. */
export function labelPath(cell: string, r: Pick<Results, 'definitions' | 'outcomes'>): string {
  const outcomes = new Map(r.outcomes.map((o) => [o.outcome, o.label]));
  const methods: Record<string, string> = METHOD_LABEL;
  return cell
    .split(' / ')
    .map((part) => outcomes.get(part) ?? methods[part] ?? DIAGNOSTIC_LABEL[part] ?? covariateLabel(part, r))
    .join(' / ');
}

/** How each standard error was computed, in words (`clusters`: what SEs are clustered by, e.g. "schools"). */
export function seTypeLabel(se: SeType, clusters = 'schools'): string {
  switch (se) {
    case 'welch_t':
      return 'Welch t-test';
    case 'wald_unpooled':
      return 'unpooled Wald (normal)';
    case 'cr2_satterthwaite':
      return `CR2 (Bell–McCaffrey) cluster-robust by ${clusters}, Satterthwaite df`;
    case 'cr1_t':
      return `CR1 cluster-robust by ${clusters}, t with G − 1 df`;
    case 'cr1_pairs':
      return 'CR1 clustered by matched pair';
    case 'hc1':
      return 'HC1 heteroskedasticity-robust';
  }
}

/** The model behind a contrast, in words. */
export const CONTRAST_MODEL_LABEL: Record<ContrastModel, string> = {
  welch_difference: 'difference in means, Welch (unadjusted)',
  proportion_difference: 'difference in proportions (unadjusted)',
  group_means: 'difference in group means (descriptive: no test)',
  linear_covariates: 'linear regression with the covariates',
  linear_covariates_fe: 'linear regression with the covariates and school fixed effects',
  logistic_ame_covariates: 'logistic regression (average marginal effect) with the covariates',
  poisson_ame_covariates: 'Poisson regression (average marginal effect) with the covariates',
  moderator_interaction: 'linear regression with treatment × school visit rate, the covariates and school fixed effects',
};

/** How each fidelity practice and share measure is named in tables, charts and statements. */
export const PRACTICE_LABEL: Record<ShareMeasure | Practice, string> = {
  prearranged: 'Prearranged',
  scheduled: 'Scheduled date recorded',
  pairs: 'In pairs',
  paid: 'Paid',
  relationship_first: 'Relationship first',
  later_academic: 'Later academic visit',
  reflection: 'Reflection',
  roster_visited: 'Roster educators who visited',
  trained_visitors: 'Visitors trained',
  not_targeted: 'Not targeted',
};

/** What visited students "had" when they were worse off on a targeting measure (the signature of targeting). */
export const TARGETING_WORSE: Record<TargetingCovariate, string> = {
  prior_attendance_rate: 'lower prior-year attendance',
  prior_chronic_absence: 'more prior-year chronic absence',
  prior_any_incident: 'more prior-year discipline incidents',
  prior_ela_z: 'lower prior-year ELA scores',
};

/** What visited students "had" when they were better off on a targeting measure (self-selection). */
export const TARGETING_BETTER: Record<TargetingCovariate, string> = {
  prior_attendance_rate: 'higher prior-year attendance',
  prior_chronic_absence: 'less prior-year chronic absence',
  prior_any_incident: 'fewer prior-year discipline incidents',
  prior_ela_z: 'higher prior-year ELA scores',
};

/** Each cost quantity basis in words (as_logged: the stipend total of the visit log). */
export const COST_BASIS_LABEL: Record<CostBasis | 'as_logged', string> = {
  per_visit: 'per completed visit',
  per_visit_hour: 'per visit hour (visit minutes ÷ 60)',
  per_educator_visit_hour: 'per educator visit hour (visit hours × educators on the visit)',
  per_visiting_educator: 'per educator who visited',
  per_school: 'per program school',
  per_site: 'once for the whole program',
  as_logged: 'stipends as logged in the visit records',
};

/** A cost basis in words; an unknown basis as given. */
export function costBasisLabel(basis: string): string {
  return (COST_BASIS_LABEL as Record<string, string>)[basis] ?? basis;
}

/** Who pays for an ingredient as a reader sees it: the pipeline's name, or a phrase when the log does not say. */
export function payerLabel(payer: string | null): string {
  return payer ?? 'not stated';
}
