/** Cox index: the WWC effect size for binary outcomes (WWC Procedures Handbook; METHODS.md §3). */
import { smallSampleCorrection } from './hedges-g.js';

function inOpenUnit(p: number): boolean {
  return p > 0 && p < 1;
}

/** Odds ratio [p_t/(1−p_t)] / [p_c/(1−p_c)]; NaN when either proportion is not strictly between 0 and 1. */
export function oddsRatio(pT: number, pC: number): number {
  if (!inOpenUnit(pT) || !inOpenUnit(pC)) return NaN;
  return pT / (1 - pT) / (pC / (1 - pC));
}

/** Cox index d = ω·ln(OR)/1.65 with ω = 1 − 3/(4N − 9), N = n_t + n_c; NaN (never ±Infinity) when either proportion is 0 or 1. */
export function coxIndex(pT: number, pC: number, nT: number, nC: number): number {
  if (!inOpenUnit(pT) || !inOpenUnit(pC)) return NaN;
  const logOr = Math.log(pT / (1 - pT)) - Math.log(pC / (1 - pC));
  return (smallSampleCorrection(nT + nC) * logOr) / 1.65;
}
