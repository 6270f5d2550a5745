import type { Results } from '../results/results-schema.js';
import { gateResults } from './gate-results.js';

/**
 * Results that have passed the privacy gate: the only input every writer of a publishable file accepts.
 *
 * A class with a private constructor and a private field, so neither `new Publishable(…)` nor a cast from
 * plain results compiles outside this file; the only way to make one is `fromGate`, which runs the gate
 * (test/privacy/type-gate.check.ts lists the refused ways).
 */
export class Publishable<T> {
  readonly #sealed = true;

  private constructor(
    /** the gated data; hidden values are null, with what to show instead in each row's `display` */
    readonly data: T,
    /** the smallest cell the gate let through */
    readonly minCell: number,
  ) {}

  /** "fewer than 10": how a hidden count is described in prose. */
  get fewerThan(): string {
    return `fewer than ${this.minCell}`;
  }

  /** Whether this object came through the gate (a runtime check beside the compile-time one). */
  static isSealed(x: unknown): x is Publishable<unknown> {
    return typeof x === 'object' && x !== null && #sealed in x;
  }

  /** Run the privacy gate over raw results and seal what it lets through: the only way to make one. */
  static fromGate(raw: Results, minCell: number): Publishable<Results> {
    return new Publishable(gateResults(raw, minCell), minCell);
  }
}
