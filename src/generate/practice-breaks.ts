/** The practices a generated school can break, and which core practice each break violates. */
export const BREAK_NAMES = ['targeted', 'solo', 'no_reflection', 'not_prearranged', 'academic_first'] as const;
export type BreakName = (typeof BREAK_NAMES)[number];

export { PRACTICES, type Practice } from '../results/vocabulary.js';
import type { Practice } from '../results/vocabulary.js';

/** The practice each break violates. */
export const BROKEN_PRACTICE: Record<BreakName, Practice> = { targeted: 'not_targeted', solo: 'pairs', no_reflection: 'reflection', not_prearranged: 'prearranged', academic_first: 'relationship_first' };

/** Chosen breaks by school id, e.g. { SCH003: ['targeted'], SCH007: ['solo', 'no_reflection'] }. */
export type Breaks = Record<string, BreakName[]>;

/** Whether school `id` breaks practice `b` under `breaks`. */
export function breaks(all: Breaks, id: string, b: BreakName): boolean {
  return all[id]?.includes(b) ?? false;
}
