import type { Results } from '../../results/results-schema.js';
import { domainTitle, joinAnd } from '../labels.js';

/** The outcomes of each Benjamini–Hochberg domain, in the order of the results. */
export function bhDomains(r: Pick<Results, 'outcomes'>): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const o of r.outcomes) m.set(o.domain, [...(m.get(o.domain) ?? []), o.label]);
  return m;
}

/** How the Benjamini–Hochberg families were formed, in one sentence: each outcome alone, or the domains and their outcomes. */
export function domainsSentence(r: Pick<Results, 'outcomes'>): string {
  const d = bhDomains(r);
  if (d.size === 0) return '';
  if ([...d.values()].every((labels) => labels.length === 1)) {
    return 'Each outcome is its own domain for the Benjamini–Hochberg correction, so the correction does not adjust across outcomes.';
  }
  const list = [...d].map(([domain, labels]) => `${domainTitle(domain)} (${joinAnd(labels)})`);
  return `The Benjamini–Hochberg correction is applied within each domain, separately per method: ${list.join('; ')}.`;
}
