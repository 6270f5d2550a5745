import { addNote, type Note } from '../results/vocabulary.js';

/** A finite number, or null (adding the note that says why to `notes`) when it is NaN or infinite. */
export function finiteOrNull(value: number, notes: Note[], why: Note): number | null {
  if (Number.isFinite(value)) return value;
  addNote(notes, why);
  return null;
}

/** A finite number, or null when it is NaN or infinite (for fields whose nulls need no note). */
export function finiteOrNone(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
