import type { Note } from '../results/vocabulary.js';
import { STUDENT_COUNT_KEYS } from '../results/vocabulary.js';
import type { Suppressor } from './suppressor.js';

/** Hide every student count of 1 to k − 1 carried by notes (e.g. students left out of a model, rows with fitted probabilities of 0 or 1). */
export function gateNotes(notes: Note[], s: Suppressor, table: string, cell: string, path: string): Note[] {
  return notes.map((n, i) => {
    if (!n.counts) return n;
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
