/** Propensity-score matching, ATT odds weighting and WWC-scored covariate balance (METHODS.md §3–§4). Pure functions on typed arrays. */
export {
  nearestNeighborMatch,
  type MatchOrder,
  type MatchResult,
  type NearestNeighborMatchOptions,
} from './nearest-neighbor.js';
export { attOddsWeights, type AttOddsWeightsOptions, type AttOddsWeightsResult } from './odds-weights.js';
export { balanceTable, type BalanceCovariate, type BalanceRow, type BalanceTableOptions } from './balance.js';
export { wwcBand, type WwcBand } from './wwc-band.js';
