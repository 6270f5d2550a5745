import type { Results } from '../results/results-schema.js';
import { joinAnd } from './labels.js';

type BalanceSample = NonNullable<Results['balance']>[number]['sample'];

const WHEN: Record<BalanceSample, string> = { analytic: 'before adjustment', matched: 'after matching', weighted: 'after weighting' };

/** The balance samples the results hold, in words: "before adjustment", "before adjustment and after matching", … ('' when none). */
export function balanceSamplesPhrase(r: Pick<Results, 'balance'>): string {
  return joinAnd((r.balance ?? []).map((b) => WHEN[b.sample]));
}

/** The love plot's caption, naming only the samples whose balance was computed. */
export function lovePlotCaption(r: Pick<Results, 'balance'>): string {
  return `Absolute effect size of each baseline measure ${balanceSamplesPhrase(r)}; dashed lines at 0.05 and 0.25.`;
}

/** The love plot's alt text (figure pack and report), naming only the samples whose balance was computed. */
export function lovePlotAlt(r: Pick<Results, 'balance'>, treated: string): string {
  return `For each baseline measure, the absolute effect size between ${treated} and comparison students ${balanceSamplesPhrase(r)}, with the WWC lines at 0.05 and 0.25.`;
}
