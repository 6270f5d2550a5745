/** The fidelity score of a school or the site: the plain mean of its recorded practice shares (no weights). */
import type { FidelityScore, Practice, Practices } from './fidelity-schema.js';

/**
 * The fidelity score from the practices: the mean of the recorded shares of prearranged, pairs, paid,
 * relationship_first and reflection, and not_targeted scored 1 when the school is not flagged as targeting
 * and 0 when it is; a practice that is not recorded (null) does not enter. Null when nothing entered.
 */
export function fidelityScore(p: Practices): FidelityScore {
  const components: { practice: Practice; value: number }[] = [];
  for (const practice of ['prearranged', 'pairs', 'paid', 'relationship_first', 'reflection'] as const) {
    const s = p[practice];
    if (s) components.push({ practice, value: s.share });
  }
  if (p.not_targeted) components.push({ practice: 'not_targeted', value: p.not_targeted.targeting ? 0 : 1 });
  const score = components.length ? components.reduce((a, c) => a + c.value, 0) / components.length : null;
  return { score, components };
}
