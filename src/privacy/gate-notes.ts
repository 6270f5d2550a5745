import { note, type Note } from '../results/vocabulary.js';
import { STUDENT_COUNT_KEYS } from '../results/vocabulary.js';
import type { Suppressor } from './suppressor.js';

/** Hide every student count of 1 to k − 1 carried by notes (e.g. students left out of a model, rows with fitted probabilities of 0 or 1). */
export function gateNotes(notes: Note[], s: Suppressor, table: string, cell: string, path: string): Note[] {
  return notes.map((n, i) => {
    if (!n.counts) return n;
    // "the outcome never varies in these schools" about fewer than k students is an attribute of a small group, and
    // its count is the n's difference with the unadjusted estimate: say only that some students were left out
    if (n.code === 'constant_groups_dropped' && s.small(n.counts.students)) {
      s.hide(n.counts as Record<string, number | null> & { display?: Record<string, string> }, 'students', { table, cell: `${cell} / note ${n.code}`, path: `${path}/notes/${i}/counts` }, 'primary', 'small_group', s.fewer);
      return note('model_rows_dropped');
    }
    const counts = { ...n.counts };
    const row = counts as Record<string, number | null> & { display?: Record<string, string> };
    for (const key of STUDENT_COUNT_KEYS) {
      if (s.small(counts[key])) s.hide(row, key, { table, cell: `${cell} / note ${n.code}`, path: `${path}/notes/${i}/counts` }, 'primary', 'small_group', s.fewer);
    }
    // the display text belongs to the report, not to the note
    delete row.display;
    return { ...n, counts };
  });
}
