/** The rule that keeps a study whose uncertainty is not credible out of a pool. */
import type { PoolStudy } from './pool-input.js';

/** The fewest degrees of freedom a site estimate may have and still be pooled: above 2 a t has a finite variance, so an SE means something. */
export const MIN_STUDY_DF = 2;

/** Why a study is refused from pooling: its df is at most {@link MIN_STUDY_DF}, or its SE is not finite and positive or is below 1e-8·|estimate| + 1e-12. */
export type NotCredibleReason = 'df_at_most_2' | 'se_not_credible';

/** The reason a study's uncertainty is not credible, or null when it may be pooled. */
export function notCredibleReason(s: Pick<PoolStudy, 'yi' | 'se' | 'df'>): NotCredibleReason | null {
  if (!Number.isFinite(s.se) || !(s.se > 0) || s.se < 1e-8 * Math.abs(s.yi) + 1e-12) return 'se_not_credible';
  if (s.df !== null && !(s.df > MIN_STUDY_DF)) return 'df_at_most_2';
  return null;
}

/** Split a cell's studies into those that may be pooled and those refused, each with its reason. */
export function splitCredible(studies: PoolStudy[]): { kept: PoolStudy[]; refused: { study: PoolStudy; reason: NotCredibleReason }[] } {
  const kept: PoolStudy[] = [];
  const refused: { study: PoolStudy; reason: NotCredibleReason }[] = [];
  for (const s of studies) {
    const reason = notCredibleReason(s);
    if (reason) refused.push({ study: s, reason });
    else kept.push(s);
  }
  return { kept, refused };
}
