import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import { esc, count, fixed } from '../format.js';
import { covariateLabels, fixedEffectsPhrase, joinAnd, seTypeLabel } from '../labels.js';
import { groupTerms } from '../group-terms.js';
import { domainsSentence } from '../statements/bh-domains-text.js';

/** How standard errors were clustered, in words. */
function clusteredBy(cluster: string | null): string {
  return cluster === null ? 'not clustered (each row is its own cluster)' : `clustered by ${cluster}`;
}

/** The rows of the methods table that describe the adjusted analyses, in the report's own words and labels. */
export function adjustmentRows(p: Publishable<Results>): string[][] {
  const r = p.data;
  const a = r.adjustment;
  if (!a) return [];
  const t = groupTerms(r);
  const m = a.matching;
  const w = a.weighting;
  // a count the gate hid reads as what the gate shows instead
  const shown = (row: { display?: Record<string, string> | undefined }, f: string, n: number | null) => esc(row.display?.[f] ?? count(n));
  const covs = covariateLabels(r);
  const group = t.homeVisits ? 'visited' : 'treatment group';
  const fe = fixedEffectsPhrase(r);
  const clusters = t.cluster === 'school' ? 'school' : 'cluster';
  const rule =
    a.se_type === 'cr2_satterthwaite'
      ? `${seTypeLabel('cr2_satterthwaite', clusters)}, as there are fewer than ${a.cr2_below_clusters} ${clusters}s (${count(a.clusters)})`
      : `${seTypeLabel('cr1_t', clusters)}, as there are at least ${a.cr2_below_clusters} ${clusters}s (${count(a.clusters)})`;
  return [
    ['Covariates of adjusted models', `${covs.length ? esc(joinAnd(covs)) : 'none'}; a missing value gets an indicator and the mean of the observed values`],
    ['Regression adjustment', `OLS (continuous), logistic (yes/no: average marginal effect on the ${group}, with the odds ratio), Poisson (counts: average marginal effect on the ${group}, with the rate ratio); the covariates above`],
    ['Standard errors', `${esc(rule)}; ${clusteredBy(t.cluster === null ? null : esc(t.cluster))}`],
    ...(a.propensity
      ? [['Propensity score', `logistic regression of ${t.homeVisits ? 'being visited' : 'treatment'} on the covariates (${a.propensity.covariates} terms)${a.propensity.converged ? '' : '; did not converge'}`]]
      : []),
    ...(m
      ? [
          [
            'Matching',
            `1:1 nearest neighbour on logit(ps), without replacement, caliper ${m.caliper_sd} SD (${fixed(m.caliper, 3)})${m.exact.length ? `, exact on ${esc(m.exact.join(' and '))}` : ''}, seeded tie-breaking; ${shown(m, 'matched_treated', m.matched_treated)} of ${shown(m, 'treated', m.treated)} ${t.treated} students matched, ${shown(m, 'dropped_by_caliper', m.dropped_by_caliper)} dropped by the caliper, ${shown(m, 'no_candidates', m.no_candidates)} with no candidate left, ${shown(m, 'outside_support', m.outside_support)} outside common support (kept); outcome regression on the matched sample; SE ${clusteredBy(t.cluster === null ? null : esc(t.cluster))}, with the SE clustered by matched pair beside it`,
          ],
        ]
      : []),
    ...(w
      ? [
          [
            'Weighting',
            `ATT odds weights (${t.treated} 1, comparison ps/(1 − ps), normalised); effective sample size ${fixed(w.ess_treated, 0)} ${t.treated} and ${fixed(w.ess_comparison, 0)} comparison; trimming: ${w.trim === null ? 'none' : `propensity scores truncated to [${w.trim}, ${1 - w.trim}] (${shown(w, 'trimmed', w.trimmed)} students)`}; doubly robust: weighted regression with the covariates`,
          ],
        ]
      : []),
    ['Multiple comparisons', `${esc(domainsSentence(r))} Significant when the adjusted p ≤ 0.05.`],
    ...(r.subgroups?.length
      ? [['Subgroups', `linear regression (a linear probability model for yes/no outcomes) within each subgroup, with the covariates${fe ? ` and ${esc(fe)}` : ''}; interaction: joint Wald χ² test of treatment × subgroup terms`]]
      : []),
  ];
}
