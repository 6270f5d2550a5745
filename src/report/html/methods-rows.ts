import type { Results } from '../../results/results-schema.js';
import { esc, count, fixed } from '../format.js';
import { covariateLabels, fixedEffectsPhrase, joinAnd } from '../labels.js';
import { groupTerms } from '../group-terms.js';
import { domainsSentence } from '../statements/bh-domains-text.js';

/** How standard errors were clustered, in words. */
function clusteredBy(cluster: string | null): string {
  return cluster === null ? 'not clustered (each row is its own cluster)' : `clustered by ${cluster}`;
}

/** The rows of the methods table that describe the adjusted analyses, in the report's own words and labels. */
export function adjustmentRows(r: Results): string[][] {
  const a = r.adjustment;
  if (!a) return [];
  const t = groupTerms(r);
  const m = a.matching;
  const few = (n: number | null) => (n === null ? `fewer than ${r.privacy.min_cell}` : count(n));
  const covs = covariateLabels(r);
  const group = t.homeVisits ? 'visited' : 'treatment group';
  const fe = fixedEffectsPhrase(r);
  // the SE rule names schools in a pipeline run; an analytic file's clusters are whatever column was given
  const se = t.cluster === 'school' ? a.se_type : a.se_type.replace(/\bschools\b/g, 'clusters');
  return [
    ['Covariates of adjusted models', `${covs.length ? esc(joinAnd(covs)) : 'none'}; a missing value gets an indicator and the mean of the observed values`],
    ['Regression adjustment', `OLS (continuous), logistic (yes/no: average marginal effect on the ${group}, with the odds ratio), Poisson (counts: average marginal effect on the ${group}, with the rate ratio); the covariates above`],
    ['Standard errors', `${esc(se)}; ${clusteredBy(t.cluster === null ? null : esc(t.cluster))}`],
    ['Propensity score', `logistic regression of ${t.homeVisits ? 'being visited' : 'treatment'} on the covariates (${a.propensity.covariates} terms)${a.propensity.converged ? '' : '; did not converge'}`],
    ['Matching', `1:1 nearest neighbour on logit(ps), without replacement, caliper ${m.caliper_sd} SD (${fixed(m.caliper, 3)})${m.exact.length ? `, exact on ${esc(m.exact.join(' and '))}` : ''}, seeded tie-breaking; ${m.matched_treated === null ? `all but fewer than ${r.privacy.min_cell}` : count(m.matched_treated)} of ${count(m.treated)} ${t.treated} students matched, ${few(m.dropped_by_caliper)} dropped by the caliper, ${few(m.no_candidates)} with no candidate left, ${few(m.outside_support)} outside common support (kept); outcome regression on the matched sample; SE ${clusteredBy(t.cluster === null ? null : esc(t.cluster))}, with the pair-clustered SE beside it`],
    ['Weighting', `ATT odds weights (${t.treated} 1, comparison ps/(1 − ps), normalised); effective sample size ${fixed(a.weighting.ess_treated, 0)} ${t.treated} and ${fixed(a.weighting.ess_comparison, 0)} comparison; trimming: ${esc(a.weighting.trim)}; doubly robust: weighted regression with the covariates`],
    ['Multiple comparisons', `${esc(domainsSentence(r))} Significant when the adjusted p ≤ 0.05.`],
    ...(r.subgroups?.length
      ? [['Subgroups', `linear regression (a linear probability model for yes/no outcomes) within each subgroup, with the covariates${fe ? ` and ${esc(fe)}` : ''}; interaction: joint Wald χ² test of treatment × subgroup terms`]]
      : []),
  ];
}
