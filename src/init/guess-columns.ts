import type { ExtractSpec } from '../contract/extract-specs.js';
import { synonymsFor } from './column-synonyms.js';
import { normaliseHeader } from './normalise-header.js';

/** One canonical column matched to a source header. */
export interface ColumnGuess {
  column: string;
  header: string;
  /** false when the header is the canonical name up to case, which the ingest reads without a mapping */
  guessed: boolean;
}

/** The headers of a file matched to the canonical columns of one extract. */
export interface ColumnsGuess {
  columns: ColumnGuess[];
  /** required canonical columns that no header matched */
  missingRequired: string[];
  /** headers no canonical column took */
  unused: string[];
}

/**
 * Match headers to an extract's canonical columns, comparing them case- and punctuation-insensitively with
 * the column's name and its synonyms. Each header goes to at most one column: first every column takes a header
 * with its own name, then the columns in order take the header of their best-ranked synonym.
 */
export function guessColumns(spec: ExtractSpec, headers: readonly string[]): ColumnsGuess {
  const byNorm = new Map<string, string>();
  for (const h of headers) if (!byNorm.has(normaliseHeader(h))) byNorm.set(normaliseHeader(h), h);
  const taken = new Set<string>();
  const found = new Map<string, string>();
  const candidates = new Map(spec.columns.map((c) => [c.name, synonymsFor(spec.name, c.name)]));
  // an exact (normalised) canonical name wins over any synonym of another column
  for (const c of spec.columns) {
    const h = byNorm.get(candidates.get(c.name)![0]!);
    if (h && !taken.has(h)) {
      found.set(c.name, h);
      taken.add(h);
    }
  }
  for (const c of spec.columns) {
    if (found.has(c.name)) continue;
    for (const s of candidates.get(c.name)!) {
      const h = byNorm.get(s);
      if (h && !taken.has(h)) {
        found.set(c.name, h);
        taken.add(h);
        break;
      }
    }
  }
  const columns = spec.columns
    .filter((c) => found.has(c.name))
    .map((c) => ({ column: c.name, header: found.get(c.name)!, guessed: found.get(c.name)!.toLowerCase() !== c.name }));
  return {
    columns,
    missingRequired: spec.columns.filter((c) => c.required && !found.has(c.name)).map((c) => c.name),
    unused: headers.filter((h) => !taken.has(h)),
  };
}
