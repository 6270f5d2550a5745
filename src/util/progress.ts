/** How far a long stage has come: `done` of `total` units (rows read, models fitted). */
export interface Progress {
  stage: string;
  done: number;
  total: number;
  unit: string;
}

/** A receiver of progress reports (the CLI's live line; nothing off a terminal). */
export type ProgressFn = (p: Progress) => void;

/** A counter of units done out of a known total, reporting each step to `onProgress`. */
export interface ProgressCounter {
  add(n?: number): void;
}

/** Count `unit`s of a stage out of `total`, reporting every step (a counter without a receiver only counts). */
export function progressCounter(stage: string, total: number, unit: string, onProgress?: ProgressFn): ProgressCounter {
  let done = 0;
  return {
    add(n = 1) {
      done = Math.min(total, done + n);
      onProgress?.({ stage, done, total, unit });
    },
  };
}
