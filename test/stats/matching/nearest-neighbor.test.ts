import { describe, expect, it } from 'vitest';
import { nearestNeighborMatch } from '../../../src/stats/matching/index.js';
import { Prng } from '../../../src/util/prng.js';

const f64 = (xs: number[]) => Float64Array.from(xs);
const u8 = (xs: number[]) => Uint8Array.from(xs);

// Worked example: 3 treated, 5 comparison units (values in 1/8ths so float arithmetic is exact).
//   unit:      0     1     2      3     4      5     6     7
//   treated:   1     1     1      0     0      0     0     0
//   logit ps:  3.0   1.0   0.875  2.0   1.125  0.5  -1.0  -1.5
// SD over all 8 units (MatchIt: sd(distance) with discard = "none"):
//   sum = 6, mean = 0.75; deviations 2.25, .25, .125, 1.25, .375, −.25, −1.75, −2.25
//   SS = 5.0625 + .0625 + .015625 + 1.5625 + .140625 + .0625 + 3.0625 + 5.0625 = 15.03125 = 481/32
//   SD = √(15.03125/7) = √(481/224) = 1.4653742 → caliper = 0.2 × 1.4653742 = 0.2930748
// Common support: comparison range [−1.5, 2.0]; unit 0 (3.0) lies outside → outsideSupport = 1.
const logitA = f64([3.0, 1.0, 0.875, 2.0, 1.125, 0.5, -1.0, -1.5]);
const treatedA = u8([1, 1, 1, 0, 0, 0, 0, 0]);

describe('nearestNeighborMatch — hand-worked greedy example', () => {
  it("order 'largest' (default): 3.0 dropped, 1.0 ↔ 1.125, then 0.875 finds 1.125 taken and 0.5 too far", () => {
    // Visit in descending logit: unit 0 (3.0), unit 1 (1.0), unit 2 (0.875).
    //   unit 0: nearest comparison 2.0 (unit 3), |3.0 − 2.0| = 1.0 > 0.2931 → dropped by caliper
    //   unit 1: 1.125 (unit 4) at .125 vs 0.5 (unit 5) at .5 → unit 4; .125 ≤ .2931 → pair 0
    //   unit 2: would prefer 1.125 (.25) but it is used; next right 2.0 at 1.125, left 0.5 at .375
    //           → 0.5 at .375 > .2931 → dropped by caliper (the greedy cost of matching 1.0 first)
    const r = nearestNeighborMatch({ logitPs: logitA, treated: treatedA, seed: 1 });
    expect(r.caliper).toBeCloseTo(0.2 * Math.sqrt(481 / 224), 14);
    expect(r.caliper).toBeCloseTo(0.2930748, 7);
    expect(r.sdLogitPs).toBeCloseTo(1.4653742, 7);
    expect(Array.from(r.pairOf)).toEqual([-1, 4, -1, -1, 1, -1, -1, -1]);
    expect(Array.from(r.pairId)).toEqual([-1, 0, -1, -1, 0, -1, -1, -1]);
    expect(r.matchedTreated).toBe(1);
    expect(r.matchedComparison).toBe(1);
    expect(r.droppedByCaliper).toBe(2);
    expect(r.noCandidates).toBe(0);
    expect(r.outsideSupport).toBe(1);
    expect(r.missingDistance).toBe(0);
  });

  it("order 'smallest': 0.875 ↔ 1.125 first, then 1.0 only has 0.5 (.5) and 2.0 (1.0), both too far", () => {
    //   unit 2 (0.875): 1.125 at .25 vs 0.5 at .375 → unit 4; .25 ≤ .2931 → pair 0
    //   unit 1 (1.0):   right 2.0 at 1.0, left 0.5 at .5 → 0.5; .5 > .2931 → dropped
    //   unit 0 (3.0):   2.0 at 1.0 > .2931 → dropped
    const r = nearestNeighborMatch({ logitPs: logitA, treated: treatedA, seed: 1, order: 'smallest' });
    expect(Array.from(r.pairOf)).toEqual([-1, -1, 4, -1, 2, -1, -1, -1]);
    expect(r.matchedTreated).toBe(1);
    expect(r.droppedByCaliper).toBe(2);
  });

  it('without a caliper every treated unit gets its greedy nearest neighbour', () => {
    //   unit 0 → 2.0 (unit 3); unit 1 → 1.125 (unit 4); unit 2 → right side exhausted (1.125, 2.0 used),
    //   left 0.5 (unit 5) at .375 → pairs 0, 1, 2
    const r = nearestNeighborMatch({ logitPs: logitA, treated: treatedA, seed: 1, caliperSd: null });
    expect(r.caliper).toBe(Infinity);
    expect(Array.from(r.pairOf)).toEqual([3, 4, 5, 0, 1, 2, -1, -1]);
    expect(Array.from(r.pairId)).toEqual([0, 1, 2, 0, 1, 2, -1, -1]);
    expect(r.matchedTreated).toBe(3);
    expect(r.outsideSupport).toBe(1); // still reported: unit 0 was matched outside common support
    // caliperSd: Infinity is the same as null
    expect(Array.from(nearestNeighborMatch({ logitPs: logitA, treated: treatedA, seed: 1, caliperSd: Infinity }).pairOf))
      .toEqual(Array.from(r.pairOf));
  });

  it('caliperSd = 0.3 widens the caliper to 0.4396 so unit 2 keeps 0.5 (.375)', () => {
    // caliper = 0.3 × 1.4653742 = 0.4396122 ≥ .375, still < 1.0 for unit 0
    const r = nearestNeighborMatch({ logitPs: logitA, treated: treatedA, seed: 1, caliperSd: 0.3 });
    expect(r.caliper).toBeCloseTo(0.4396122, 7);
    expect(Array.from(r.pairOf)).toEqual([-1, 4, 5, -1, 1, 2, -1, -1]);
    expect(r.droppedByCaliper).toBe(1);
  });

  it('discardOutsideSupport sets unit 0 aside and rescales the caliper on the 7 remaining units', () => {
    // remaining logits 1, .875, 2, 1.125, .5, −1, −1.5: sum 3, mean 3/7 = 0.4285714
    //   SS = Σx² − (Σx)²/7 = (1 + .765625 + 4 + 1.265625 + .25 + 1 + 2.25) − 9/7 = 10.53125 − 1.2857143 = 9.2455357
    //   SD = √(9.2455357/6) = 1.2413390 → caliper 0.2482678
    //   unit 1 → 1.125 at .125 (pair 0); unit 2 → 0.5 at .375 > .2483 → dropped
    const r = nearestNeighborMatch({ logitPs: logitA, treated: treatedA, seed: 1, discardOutsideSupport: true });
    expect(r.sdLogitPs).toBeCloseTo(Math.sqrt((10.53125 - 9 / 7) / 6), 14);
    expect(r.caliper).toBeCloseTo(0.2482678, 7);
    expect(Array.from(r.pairOf)).toEqual([-1, 4, -1, -1, 1, -1, -1, -1]);
    expect(r.outsideSupport).toBe(1);
    expect(r.droppedByCaliper).toBe(1); // unit 0 is not counted here: it was discarded
    // bookkeeping: 3 treated = 1 matched + 1 caliper + 0 no candidates + 1 discarded
    expect(r.matchedTreated + r.droppedByCaliper + r.noCandidates + r.outsideSupport).toBe(3);
  });

  it('units with a non-finite logit are never matched and do not enter the SD', () => {
    const r = nearestNeighborMatch({
      logitPs: f64([3.0, 1.0, 0.875, 2.0, 1.125, 0.5, -1.0, -1.5, NaN, Infinity]),
      treated: u8([1, 1, 1, 0, 0, 0, 0, 0, 1, 0]),
      seed: 1,
    });
    expect(r.missingDistance).toBe(2);
    expect(r.caliper).toBeCloseTo(0.2930748, 7);
    expect(Array.from(r.pairOf)).toEqual([-1, 4, -1, -1, 1, -1, -1, -1, -1, -1]);
  });

  it('rejects mismatched lengths and a negative caliper', () => {
    expect(() => nearestNeighborMatch({ logitPs: f64([0, 1]), treated: u8([1]), seed: 1 })).toThrow(RangeError);
    expect(() => nearestNeighborMatch({ logitPs: logitA, treated: treatedA, seed: 1, caliperSd: -0.1 })).toThrow(RangeError);
  });
});

describe('nearestNeighborMatch — ties', () => {
  // Treated unit 0 at logit 0; comparison unit 1 at −0.5 and unit 2 at +0.5: both exactly 0.5 away.
  const logit = f64([0, -0.5, 0.5]);
  const treated = u8([1, 0, 0]);
  const partner = (seed: number) => nearestNeighborMatch({ logitPs: logit, treated, seed, caliperSd: null }).pairOf[0];

  it('are broken by a seeded draw: the same seed always gives the same partner', () => {
    for (let seed = 1; seed <= 20; seed++) expect(partner(seed)).toBe(partner(seed));
  });

  it('different seeds can break the tie differently', () => {
    const seen = new Map<number, number>();
    for (let seed = 1; seed <= 40; seed++) seen.set(partner(seed)!, seed);
    expect([...seen.keys()].sort()).toEqual([1, 2]);
    const seedFor1 = seen.get(1)!;
    const seedFor2 = seen.get(2)!;
    expect(partner(seedFor1)).toBe(1);
    expect(partner(seedFor2)).toBe(2);
  });

  it('pick uniformly among all tied candidates: 1 on the left, 2 on the right → left ≈ 1/3 of seeds', () => {
    // comparison units 1 (−0.5) on the left, 2 and 3 (both +0.5) on the right of treated unit 0 (0):
    // P(left) = 1/(1 + 2) = 1/3. Over 3000 seeds the binomial SD is √(3000·(1/3)(2/3)) ≈ 25.8, i.e. ±0.0086.
    const lg = f64([0, -0.5, 0.5, 0.5]);
    const tr = u8([1, 0, 0, 0]);
    const counts = [0, 0, 0, 0];
    for (let seed = 0; seed < 3000; seed++) {
      counts[nearestNeighborMatch({ logitPs: lg, treated: tr, seed, caliperSd: null }).pairOf[0]!]!++;
    }
    expect(counts[1]! / 3000).toBeGreaterThan(1 / 3 - 0.04);
    expect(counts[1]! / 3000).toBeLessThan(1 / 3 + 0.04);
    expect(counts[2]! / 3000).toBeGreaterThan(1 / 3 - 0.04);
    expect(counts[3]! / 3000).toBeGreaterThan(1 / 3 - 0.04);
  });

  it('ties among treated units in the visiting order are also seeded', () => {
    // Two treated at the same logit 0 compete for one comparison at 0.1: which one wins depends on the seed.
    const lg = f64([0, 0, 0.1]);
    const tr = u8([1, 1, 0]);
    const winners = new Set<number>();
    for (let seed = 1; seed <= 40; seed++) {
      const r = nearestNeighborMatch({ logitPs: lg, treated: tr, seed, caliperSd: null });
      winners.add(r.pairOf[2]!);
      expect(r.noCandidates).toBe(1); // the loser finds no comparison left
      expect(Array.from(nearestNeighborMatch({ logitPs: lg, treated: tr, seed, caliperSd: null }).pairOf)).toEqual(Array.from(r.pairOf));
    }
    expect([...winners].sort()).toEqual([0, 1]);
  });
});

describe('nearestNeighborMatch — exact strata', () => {
  //   unit:     0     1     2     3     4
  //   treated:  1     0     0     1     1
  //   logit:    0.0   0.01  1.0   0.5   0.2
  //   school:   1     2     1     3     1
  // Without exact matching unit 0 takes unit 1 (.01 away). Exact on school: unit 0 may only use
  // unit 2 (school 1, 1.0 away). With all three treated, 'largest' order visits 0.5 (u3), 0.2 (u4), 0.0 (u0):
  //   u3 → school 3 has no comparison → noCandidates; u4 → school 1: unit 2 at .8 → pair 0;
  //   u0 → school 1 exhausted → noCandidates.
  const logit = f64([0.0, 0.01, 1.0, 0.5, 0.2]);
  const treated = u8([1, 0, 0, 1, 1]);
  const school = Int32Array.from([1, 2, 1, 3, 1]);

  it('prevent a cross-stratum match', () => {
    // units 0–2 only: treated 0 (0.0, school 1); comparisons 1 (0.01, school 2) and 2 (1.0, school 1)
    const lg = logit.slice(0, 3);
    const tr = u8([1, 0, 0]);
    const pooled = nearestNeighborMatch({ logitPs: lg, treated: tr, seed: 3, caliperSd: null });
    expect(pooled.pairOf[0]).toBe(1); // .01 away, but in school 2
    const strat = nearestNeighborMatch({ logitPs: lg, treated: tr, exact: school.slice(0, 3), seed: 3, caliperSd: null });
    expect(strat.pairOf[0]).toBe(2); // 1.0 away, same school
    // with the default caliper (0.2 × SD of {0, .01, 1} = 0.2 × 0.5745 = 0.1149) the within-school match is too far
    const cal = nearestNeighborMatch({ logitPs: lg, treated: tr, exact: school.slice(0, 3), seed: 3 });
    expect(cal.pairOf[0]).toBe(-1);
    expect(cal.droppedByCaliper).toBe(1);
  });

  it('count treated units whose stratum has no comparison left as noCandidates', () => {
    const r = nearestNeighborMatch({ logitPs: logit, treated, exact: school, seed: 3, caliperSd: null });
    expect(Array.from(r.pairOf)).toEqual([-1, -1, 4, -1, 2]);
    expect(r.matchedTreated).toBe(1);
    expect(r.noCandidates).toBe(2);
    expect(r.droppedByCaliper).toBe(0);
  });
});

// A brute-force greedy matcher (O(n_t · n_c)) to cross-check the sorted/union-find implementation
// on continuous logits (no ties, so the greedy result is unique).
function bruteForce(logit: Float64Array, treated: Uint8Array, caliper: number, exact?: Int32Array): Int32Array {
  const n = logit.length;
  const pairOf = new Int32Array(n).fill(-1);
  const tIdx = [...Array(n).keys()].filter((i) => treated[i] === 1).sort((a, b) => logit[b]! - logit[a]!);
  const used = new Uint8Array(n);
  for (const t of tIdx) {
    let best = -1;
    let bestD = Infinity;
    for (let c = 0; c < n; c++) {
      if (treated[c] !== 0 || used[c] || (exact && exact[c] !== exact[t])) continue;
      const d = Math.abs(logit[c]! - logit[t]!);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    if (best >= 0 && bestD <= caliper) {
      used[best] = 1;
      pairOf[t] = best;
      pairOf[best] = t;
    }
  }
  return pairOf;
}

describe('nearestNeighborMatch — agrees with brute-force greedy matching', () => {
  const rng = new Prng(2024);
  const n = 3000;
  const logit = new Float64Array(n);
  const treated = new Uint8Array(n);
  const school = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    treated[i] = rng.uniform() < 0.3 ? 1 : 0;
    const z = Math.sqrt(-2 * Math.log(1 - rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());
    logit[i] = z + (treated[i] ? 0.6 : 0);
    school[i] = Math.floor(rng.uniform() * 25);
  }

  for (const exact of [undefined, school]) {
    it(`n = 3000, caliper 0.2 SD, ${exact ? 'exact on 25 schools' : 'no exact strata'}`, () => {
      const r = nearestNeighborMatch({ logitPs: logit, treated, seed: 9, ...(exact ? { exact } : {}) });
      expect(Array.from(r.pairOf)).toEqual(Array.from(bruteForce(logit, treated, r.caliper, exact)));
      const nT = treated.reduce((a, b) => a + b, 0);
      expect(r.matchedTreated + r.droppedByCaliper + r.noCandidates).toBe(nT);
      expect(r.droppedByCaliper).toBeGreaterThan(0);
    });
  }
});
