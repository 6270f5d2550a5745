import type { Results } from '../results/results-schema.js';
import { Publishable } from './publishable.js';

export { Publishable } from './publishable.js';
export { privacyRule, smallNumerator } from './privacy-rule.js';

/**
 * The privacy gate: suppress small cells (primary and complementary), top/bottom code, gate the notes, log every
 * decision, and seal the result as the only type a writer of a publishable file accepts.
 */
export function applyPrivacyGate(raw: Results, minCell: number): Publishable<Results> {
  return Publishable.fromGate(raw, minCell);
}
