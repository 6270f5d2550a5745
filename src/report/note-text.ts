import type { Note } from '../results/vocabulary.js';

/**
 * The words a note uses for the groups: `visited` or `treatment`; on a contrast row, who its two sides are
 * ("students of this subgroup", "students in this group of schools"), from `contrastNoteWords`.
 */
export interface NoteWords {
  treated: string;
  level?: string;
  reference?: string;
}

/** Which table a contrast row belongs to. */
export type ContrastTable = 'subgroups' | 'dose' | 'school_level';

const DOSE_LEVEL: Record<string, string> = {
  'visits received': 'students with this number of visits',
  'first-visit timing': 'students first visited at this time',
  'visit types': 'students with these kinds of visit',
};

/** The words for the two sides of a contrast row, by what the row is: a subgroup, a number or timing of visits, or a group of schools. */
export function contrastNoteWords(table: ContrastTable, analysis: string, treated: string): NoteWords {
  switch (table) {
    case 'subgroups':
      return { treated, level: `${treated} students of this subgroup`, reference: 'comparison students of the same subgroup' };
    case 'dose':
      return { treated, level: DOSE_LEVEL[analysis] ?? 'students of this dose or timing group', reference: 'students of the reference group' };
    case 'school_level':
      return { treated, level: 'students in this group of schools', reference: 'students in the other schools' };
  }
}

const FIELD: Record<string, string> = {
  estimate: 'estimate',
  se: 'standard error',
  df: 'degrees of freedom',
  ci: 'confidence interval',
  p_value: 'p-value',
  ratio: 'ratio',
  effect_size: 'effect size',
  mean: 'mean',
  sd: 'SD',
  adjusted_mean: 'adjusted comparison mean',
  difference: 'difference',
};
const MODEL: Record<string, string> = { linear: 'linear', logistic: 'logistic', poisson: 'Poisson' };

/** A count a note carries, after the gate: the number, or how the gate says it is hidden. */
function n(x: number | null | undefined, hidden: string): string {
  return x === null || x === undefined ? hidden : x.toLocaleString('en-US');
}

/**
 * One gated note as a sentence fragment (no final stop). Student counts the gate hid (null) read as
 * "fewer than k"; `fewer` is that phrase from the publishable results (`Publishable.fewerThan`).
 */
export function noteText(note: Note, words: NoteWords, fewer: string): string {
  const c = note.counts ?? {};
  // the students of one side, as a noun phrase: "visited students", "students with this number of visits"
  const who = (f: string | undefined) =>
    f === 'treated' ? `${words.treated} students` : f === 'comparison' ? 'comparison students' : f === 'level' ? (words.level ?? 'students of this group') : f === 'reference' ? (words.reference ?? 'students of the reference group') : 'students';
  const minCell = note.values?.min_cell;
  switch (note.code) {
    case 'group_empty':
      return `no ${who(note.field)} have a value of this outcome`;
    case 'no_test':
      return 'no standard error, CI or p-value: no variation, or a group has fewer than two students';
    case 'rate_at_bound':
      return 'a group’s rate is 0% or 100%, so the Cox index (a log odds ratio) is undefined';
    case 'sd_needs_two':
      return 'an SD needs at least two students';
    case 'no_outcome_variation':
      return 'the outcome does not vary, so no standardised effect size';
    case 'value_undefined':
      return `${FIELD[note.field ?? ''] ?? 'a statistic'} undefined`;
    case 'ratio_ci_undefined':
      return 'the ratio’s confidence interval is undefined (a very small group or a rare outcome)';
    case 'model_rows_dropped':
      return 'some students were left out of the model (why, and how many, would describe a small group)';
    case 'constant_groups_dropped':
      return `${n(c.students, fewer)} students in ${n(c.schools, '?')} ${c.schools === 1 ? 'school' : 'schools'} where the outcome never varies were left out of the ${MODEL[note.model ?? ''] ?? ''} model (they predict it perfectly), as Stata does`;
    case 'model_not_estimable':
      return 'the model could not be estimated';
    case 'not_converged':
      return 'the model did not converge';
    case 'glm_fallback_linear':
      return `the ${MODEL[note.model ?? ''] ?? ''} model did not converge; this estimate comes from a linear ${note.model === 'logistic' ? 'probability ' : ''}model on the same covariates`;
    case 'separation':
      return `fitted probabilities of 0 or 1 in ${n(c.rows, fewer)} rows (separation)`;
    case 'aliased_columns':
      return 'collinear covariate columns were dropped';
    case 'needs_both_school_kinds':
      return 'needs students in both kinds of school';
    case 'too_few_in_group':
      return 'too few students in a group to estimate';
    case 'few_schools':
      return `descriptive only: ${n(c.level_schools, '?')} and ${n(c.reference_schools, '?')} schools; at least ${note.values?.min_per_arm ?? '?'} per side are needed for a p-value`;
    case 'suppressed_small_group':
      if (note.field) return `suppressed: fewer than ${minCell} ${who(note.field)}`;
      // a contrast row's note names no side: either may be the small one
      return words.level ? `suppressed: fewer than ${minCell} ${words.level}, or fewer than ${minCell} ${words.reference ?? who('reference')}` : `suppressed: both groups have fewer than ${minCell} students`;
    case 'suppressed_numerator':
      return `suppressed: fewer than ${minCell} students of a group had, or did not have, the outcome`;
    case 'suppressed_complementary':
      return 'suppressed (complementary): protects a smaller group of the same table';
    case 'top_bottom_coded':
      return 'a rate is top/bottom coded, so the numbers that would give it back are not shown';
    case 'baseline_wave':
      return 'the first wave is the baseline: a baseline-equivalence check, not an outcome, so it is outside the Benjamini–Hochberg family';
  }
}

/** All notes of a row as one sentence, or ''. */
export function notesText(notes: readonly Note[], words: NoteWords, fewer: string): string {
  return notes.map((x) => noteText(x, words, fewer)).join('; ');
}


/** Why the gate hid a cell, in words (the suppression log's `reason`). */
export const SUPPRESSION_REASON_TEXT: Record<string, string> = {
  small_group: 'rests on fewer students than the minimum cell',
  small_numerator: 'fewer students than the minimum cell had, or did not have, the outcome',
  small_difference: 'the step above minus this count would reveal a few excluded students',
  protects_part: 'with the total shown, it would give a hidden part back',
  protects_total: 'the parts would give a hidden total back',
  protects_level: 'protects a hidden level of the same table (the total minus the other levels would reveal it)',
  protects_count: 'would give a hidden count back by subtraction or is the same count shown elsewhere',
  top_bottom_coded: 'a rate outside the coding bounds, shown only as a range',
  protects_coded: 'would give a top/bottom-coded rate back',
};
