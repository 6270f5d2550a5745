import { describe, expect, it } from 'vitest';
import { nearestNeighborMatch, type MatchResult } from '../../../src/stats/matching/index.js';
import { SeededUniform } from '../../../src/stats/matching/seeded-uniform.js';

// Scale check, not a timed assertion: n = 200,000 units, 25% treated. Timings are printed only.
const n = 200_000;
const rng = new SeededUniform(77);
const logit = new Float64Array(n);
const coarse = new Float64Array(n); // only 8 distinct values: massive ties
const treated = new Uint8Array(n);
const school = new Int32Array(n);
const schoolGrade = new Int32Array(n);
for (let i = 0; i < n; i++) {
  treated[i] = rng.uniform() < 0.25 ? 1 : 0;
  const z = Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
  logit[i] = z - 1.1 + (treated[i] ? 0.5 : 0);
  coarse[i] = Math.floor(rng.uniform() * 8) / 4 - 1 + (treated[i] ? 0.25 : 0);
  school[i] = Math.floor(rng.uniform() * 300);
  schoolGrade[i] = school[i]! * 8 + Math.floor(rng.uniform() * 8);
}
const nTreated = treated.reduce((a, b) => a + b, 0);

function check(r: MatchResult, lg: Float64Array, exact?: Int32Array): void {
  expect(r.matchedTreated + r.droppedByCaliper + r.noCandidates).toBe(nTreated);
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    const j = r.pairOf[i]!;
    if (j < 0) continue;
    pairs++;
    if (r.pairOf[j] !== i || treated[i] === treated[j] || r.pairId[i] !== r.pairId[j]) throw new Error(`bad pair ${i}–${j}`);
    if (Math.abs(lg[i]! - lg[j]!) > r.caliper) throw new Error(`pair ${i}–${j} outside caliper`);
    if (exact && exact[i] !== exact[j]) throw new Error(`pair ${i}–${j} crosses strata`);
  }
  expect(pairs).toBe(2 * r.matchedTreated);
}

function timed(label: string, f: () => MatchResult): MatchResult {
  f(); // warm-up
  const t0 = performance.now();
  const r = f();
  const ms = performance.now() - t0;
  console.log(
    `[matching perf] ${label}: ${ms.toFixed(1)} ms — matched ${r.matchedTreated}/${nTreated}, ` +
      `caliper-dropped ${r.droppedByCaliper}, no candidates ${r.noCandidates}, outside support ${r.outsideSupport}`,
  );
  return r;
}

describe(`nearestNeighborMatch at n = ${n.toLocaleString('en-US')} (25% treated)`, () => {
  it('no exact strata', () => {
    check(timed('no exact', () => nearestNeighborMatch({ logitPs: logit, treated, seed: 1 })), logit);
  });
  it('exact on 300 schools', () => {
    check(timed('exact school (300)', () => nearestNeighborMatch({ logitPs: logit, treated, exact: school, seed: 1 })), logit, school);
  });
  it('exact on 2,400 school × grade strata', () => {
    check(
      timed('exact school×grade (2400)', () => nearestNeighborMatch({ logitPs: logit, treated, exact: schoolGrade, seed: 1 })),
      logit,
      schoolGrade,
    );
  });
  it('heavy ties (8 distinct logit values), random order', () => {
    check(timed('8 distinct values', () => nearestNeighborMatch({ logitPs: coarse, treated, seed: 1, order: 'random' })), coarse);
  });
  it('is deterministic for a seed', () => {
    const a = nearestNeighborMatch({ logitPs: coarse, treated, exact: school, seed: 5 });
    const b = nearestNeighborMatch({ logitPs: coarse, treated, exact: school, seed: 5 });
    expect(a.pairOf).toEqual(b.pairOf);
  });
});
