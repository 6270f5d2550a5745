/**
 * Matching at scale: 1:1 nearest-neighbour matching of 200,000 units (25% treated) without strata, within
 * 300 schools, within 2,400 school × grade strata, and with massive ties (8 distinct logit values), each
 * timed after a warm-up and checked (every pair mutual, across groups, inside the caliper and the stratum).
 * `npm run bench` runs it first; alone: `npx tsx bench/matching-scale.ts [--units 200000]`.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { nearestNeighborMatch, type MatchResult } from '../src/stats/matching/index.js';
import { Prng } from '../src/util/prng.js';

/** One timed matching case. */
export interface MatchingTiming {
  case: string;
  units: number;
  treated: number;
  ms: number;
  matched: number;
  dropped_by_caliper: number;
  no_candidates: number;
}

/** Synthetic units: logit propensity scores (continuous and coarse), treatment, school and school × grade strata. */
function makeUnits(n: number) {
  const rng = new Prng(77);
  const logit = new Float64Array(n);
  const coarse = new Float64Array(n);
  const treated = new Uint8Array(n);
  const school = new Int32Array(n);
  const schoolGrade = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    treated[i] = rng.uniform() < 0.25 ? 1 : 0;
    logit[i] = rng.normal() - 1.1 + (treated[i] ? 0.5 : 0);
    coarse[i] = Math.floor(rng.uniform() * 8) / 4 - 1 + (treated[i] ? 0.25 : 0);
    school[i] = Math.floor(rng.uniform() * 300);
    schoolGrade[i] = school[i]! * 8 + Math.floor(rng.uniform() * 8);
  }
  return { logit, coarse, treated, school, schoolGrade, nTreated: treated.reduce((a, b) => a + b, 0) };
}

/** Throw when a match result breaks a rule of 1:1 matching without replacement. */
function check(r: MatchResult, treated: Uint8Array, nTreated: number, lg: Float64Array, exact?: Int32Array): void {
  if (r.matchedTreated + r.droppedByCaliper + r.noCandidates !== nTreated) throw new Error('treated units are not all accounted for');
  let pairs = 0;
  for (let i = 0; i < lg.length; i++) {
    const j = r.pairOf[i]!;
    if (j < 0) continue;
    pairs++;
    if (r.pairOf[j] !== i || treated[i] === treated[j] || r.pairId[i] !== r.pairId[j]) throw new Error(`bad pair ${i}–${j}`);
    if (Math.abs(lg[i]! - lg[j]!) > r.caliper) throw new Error(`pair ${i}–${j} outside caliper`);
    if (exact && exact[i] !== exact[j]) throw new Error(`pair ${i}–${j} crosses strata`);
  }
  if (pairs !== 2 * r.matchedTreated) throw new Error(`${pairs} paired units for ${r.matchedTreated} matched treated`);
}

/** Time and check each matching case on `n` synthetic units; throws when a result is wrong or a seed is not reproducible. */
export function benchMatching(n = 200_000, log: (line: string) => void = console.log): MatchingTiming[] {
  const u = makeUnits(n);
  const cases: [string, Float64Array, Int32Array | undefined, 'random' | undefined][] = [
    ['no exact strata', u.logit, undefined, undefined],
    ['exact on 300 schools', u.logit, u.school, undefined],
    ['exact on 2,400 school × grade strata', u.logit, u.schoolGrade, undefined],
    ['8 distinct logit values, random order', u.coarse, undefined, 'random'],
  ];
  const out: MatchingTiming[] = [];
  for (const [label, logitPs, exact, order] of cases) {
    const run = () => nearestNeighborMatch({ logitPs, treated: u.treated, seed: 1, ...(exact ? { exact } : {}), ...(order ? { order } : {}) });
    run(); // warm-up
    const t0 = performance.now();
    const r = run();
    const ms = performance.now() - t0;
    check(r, u.treated, u.nTreated, logitPs, exact);
    out.push({ case: label, units: n, treated: u.nTreated, ms, matched: r.matchedTreated, dropped_by_caliper: r.droppedByCaliper, no_candidates: r.noCandidates });
    log(`  [matching] ${label}: ${ms.toFixed(1)} ms, matched ${r.matchedTreated}/${u.nTreated}, caliper-dropped ${r.droppedByCaliper}, no candidates ${r.noCandidates}`);
  }
  const a = nearestNeighborMatch({ logitPs: u.coarse, treated: u.treated, exact: u.school, seed: 5 });
  const b = nearestNeighborMatch({ logitPs: u.coarse, treated: u.treated, exact: u.school, seed: 5 });
  if (a.pairOf.some((j, i) => b.pairOf[i] !== j)) throw new Error('matching is not reproducible for a seed');
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { units: { type: 'string', default: '200000' } } });
  benchMatching(Number(values.units));
}
