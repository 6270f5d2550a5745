import type { ColumnSpec, ExtractName } from '../contract/extract-specs.js';
import { BOOL_SYNONYMS, CODE_SYNONYMS, MISSING_CODES } from './code-synonyms.js';
import { normaliseHeader } from './normalise-header.js';

/** The yes/no words the ingest reads without a mapping (lower case). */
export const BOOL_WORDS = ['true', 't', '1', 'y', 'yes', 'false', 'f', '0', 'n', 'no'];

/** What to do with one source code: nothing (it is canonical), map it (to a value, or to null = missing), or no guess. */
export type CodeGuess = { kind: 'canonical' } | { kind: 'guess'; to: string | null } | { kind: 'none' };

const K_WORDS = ['k', 'kg', 'kn', 'kdg', 'kinder', 'kindergarten', 'k0'];
const PK_WORDS = ['pk', 'prek', 'prekindergarten', 'pre', 'ps', 'preschool', 'tk', 'transitionalkindergarten', 'pk3', 'pk4'];

/** A grade code as a canonical grade: KG → k, TK/PreK → pk, 01 / Grade 3 / 3rd → 1 / 3 / 3; undefined when it is none. */
export function guessGrade(code: string): string | undefined {
  const n = normaliseHeader(code);
  if (K_WORDS.includes(n)) return 'k';
  if (PK_WORDS.includes(n)) return 'pk';
  const m = n.match(/^(?:grade|gr|g)?0*(\d{1,2})(?:st|nd|rd|th)?(?:grade|gr)?$/);
  if (!m) return undefined;
  const g = Number(m[1]);
  if (g === 0) return 'k';
  return g <= 12 ? String(g) : undefined;
}

/** The canonical value a table of synonyms gives a normalised code, if any. */
function lookup(table: Record<string, readonly string[]>, n: string): string | undefined {
  return Object.entries(table).find(([, codes]) => codes.includes(n))?.[0];
}

/**
 * Guess what a source code of a coded (type 'code') or yes/no column means. A code that is already canonical
 * needs no mapping; a known synonym maps to its canonical value; an unknown-like code (Unknown, U, N/A, -)
 * maps to null (missing) where the column may be missing; anything else gets no guess. In a yes/no column that
 * also holds other codes (`mixedBool`), even a yes/no word is only a guess.
 */
export function guessCode(spec: ExtractName, col: ColumnSpec, code: string, mixedBool = false): CodeGuess {
  const lower = code.trim().toLowerCase();
  const n = normaliseHeader(code);
  let to: string | undefined;
  if (col.type === 'bool') {
    // in a column with other codes too, a yes/no word is only a guess (the reader then reads mapped codes only)
    if (BOOL_WORDS.includes(lower)) return mixedBool ? { kind: 'guess', to: ['true', 't', '1', 'y', 'yes'].includes(lower) ? 'true' : 'false' } : { kind: 'canonical' };
    to = lookup(BOOL_SYNONYMS, n);
  } else {
    if (col.codes?.includes(lower)) return { kind: 'canonical' };
    to = col.name === 'grade' ? guessGrade(code) : lookup(CODE_SYNONYMS[`${spec}.${col.name}`] ?? {}, n);
  }
  if (to !== undefined) return { kind: 'guess', to };
  if (MISSING_CODES.includes(n) && !col.required && !col.default) return { kind: 'guess', to: null };
  return { kind: 'none' };
}
