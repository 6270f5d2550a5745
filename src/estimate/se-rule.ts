import type { SeChoice } from './model-estimate.js';

/** The cluster-robust SE rule: CR2 with Satterthwaite df when there are fewer than `cr2Below` clusters, else CR1 with G − 1 df. */
export function seRule(clusters: number, cr2Below: number): SeChoice {
  return clusters < cr2Below ? 'CR2' : 'CR1';
}
