/**
 * Results that have passed the privacy gate: the only input every writer of a publishable file accepts.
 *
 * A class with a private constructor and a private field, so neither `new Publishable(…)` nor a cast from
 * plain results compiles outside this file; `sealPublishable` makes one and is called only by the gate in
 * src/privacy/ (test/privacy/only-the-gate-seals.test.ts checks that no other file names it).
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

  /** @internal the gate's own constructor: see `sealPublishable`. */
  static seal<T>(data: T, minCell: number): Publishable<T> {
    return new Publishable(data, minCell);
  }
}

/** Wrap gated data as publishable. Only src/privacy/ may call this (a test enforces it). */
export function sealPublishable<T>(data: T, minCell: number): Publishable<T> {
  return Publishable.seal(data, minCell);
}
