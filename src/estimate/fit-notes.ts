import type { FitWarning } from '../stats/regression/index.js';
import { note, type Note } from '../results/vocabulary.js';

/** The notes of a model fit's warnings (separation carries the number of rows it concerns, a student count the gate checks). */
export function fitNotes(warnings: readonly FitWarning[]): Note[] {
  return warnings.map((w) => (w.code === 'separation' && w.rows !== undefined ? note('separation', { counts: { rows: w.rows } }) : note(w.code)));
}
