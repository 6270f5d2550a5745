import type { SuppressionEntry } from '../results/results-schema.js';
import type { SUPPRESSION_REASONS } from '../results/vocabulary.js';

/** A row the gate may hide values of: hidden fields become null, and `display` says what to show instead. */
export type Hideable = { display?: Record<string, string> | undefined } & object;

/** Where a value lives: the table and cell named in the log, and its JSON pointer in results.json. */
export interface At {
  table: string;
  cell: string;
  path: string;
}

/**
 * The gate's one way of hiding a value: null it, say what to show in its place, and log the decision once
 * (a second pass over gated results logs nothing new).
 */
export class Suppressor {
  readonly log: SuppressionEntry[];
  private readonly seen: Set<string>;

  constructor(
    readonly k: number,
    prior: readonly SuppressionEntry[],
  ) {
    this.log = [...prior];
    this.seen = new Set(prior.map((e) => e.path));
  }

  /** 1 to k − 1: a count (or a group) too small to publish. */
  small(n: number | null | undefined): boolean {
    return n !== null && n !== undefined && n > 0 && n < this.k;
  }

  /** "fewer than k". */
  get fewer(): string {
    return `fewer than ${this.k}`;
  }

  /** Hide `row[field]` (if it holds a value), showing `display` instead, and log it. */
  hide<T extends Hideable>(
    row: T,
    field: keyof T & string,
    at: At,
    rule: 'primary' | 'complementary',
    reason: (typeof SUPPRESSION_REASONS)[number],
    display = 'suppressed',
  ): void {
    const r = row as Record<string, unknown>;
    if (r[field] === null || r[field] === undefined) return;
    r[field] = null;
    row.display = { ...(row.display ?? {}), [field]: display };
    const path = `${at.path}/${field}`;
    if (this.seen.has(path)) return;
    this.seen.add(path);
    this.log.push({ table: at.table, cell: at.cell, rule, reason, path, display });
  }
}
