import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cronbachAlpha } from '../../src/stats/cronbach-alpha.js';
import { feldtInterval } from '../../src/stats/feldt-interval.js';
import { fQuantile } from '../../src/stats/f-distribution.js';

// Hand calculation: 4 respondents × 3 items.
//   rows (1,2,2) (2,2,3) (3,4,3) (4,4,5)
//   item 1: 1,2,3,4   mean 2.5,  Σd² = 2.25+0.25+0.25+2.25 = 5      → s² = 5/3
//   item 2: 2,2,4,4   mean 3,    Σd² = 1+1+1+1 = 4                  → s² = 4/3
//   item 3: 2,3,3,5   mean 3.25, Σd² = 1.5625+0.0625+0.0625+3.0625 = 4.75 → s² = 4.75/3
//   sum:    5,7,10,13 mean 8.75, Σd² = 14.0625+3.0625+1.5625+18.0625 = 36.75 → s² = 36.75/3
//   alpha = 3/2 · (1 − 13.75/36.75) = 34.5/36.75 = 0.9387755
//   drop item 1: sum of items 2, 3 = 4,5,7,9 (Σd² = 14.75); alpha = 2 · (1 − 8.75/14.75) = 12/14.75 = 0.8135593
//   item–rest r of item 1 with (4,5,7,9): Σd_a·d_b = 3.375+0.625+0.375+4.125 = 8.5; r = 8.5/√(5·14.75) = 0.9897782
//   Feldt, df (3, 6): F_.975 = 6.59879852, F_.025 = 0.06786692 (R: qf(.975, 3, 6), qf(.025, 3, 6); tables: 6.5988)
//   interval = 1 − (1 − 0.9387755)·F → [0.5959919, 0.9958449]
const hand = [
  [1, 2, 3, 4],
  [2, 2, 4, 4],
  [2, 3, 3, 5],
].map((c) => Float64Array.from(c));

describe('cronbachAlpha (hand calculation)', () => {
  it('gives alpha, alpha if dropped and the item–rest correlation', () => {
    const r = cronbachAlpha(hand);
    expect(r.n).toBe(4);
    expect(r.k).toBe(3);
    expect(r.alpha).toBeCloseTo(34.5 / 36.75, 12);
    expect(r.items[0]!.alpha_if_dropped).toBeCloseTo(12 / 14.75, 12);
    expect(r.items[0]!.item_rest_r).toBeCloseTo(8.5 / Math.sqrt(5 * 14.75), 12);
    expect(r.items[0]!.mean).toBe(2.5);
  });

  it('uses complete cases only', () => {
    const withMissing = hand.map((c, j) => Float64Array.from([...c, j === 1 ? NaN : 5]));
    expect(cronbachAlpha(withMissing).n).toBe(4);
    expect(cronbachAlpha(withMissing).alpha).toBeCloseTo(34.5 / 36.75, 12);
  });

  it('is undefined for one item or a constant sum', () => {
    expect(cronbachAlpha([hand[0]!]).alpha).toBeNaN();
    expect(cronbachAlpha([Float64Array.from([1, 2]), Float64Array.from([2, 1])]).alpha).toBeNaN();
  });
});

describe('feldtInterval', () => {
  it('matches the F table and R for the hand example', () => {
    expect(fQuantile(0.975, 3, 6)).toBeCloseTo(6.59879852, 6);
    expect(fQuantile(0.025, 3, 6)).toBeCloseTo(0.06786692, 7);
    const ci = feldtInterval(34.5 / 36.75, 4, 3);
    expect(ci.low).toBeCloseTo(0.59599193, 6);
    expect(ci.high).toBeCloseTo(0.99584488, 6);
  });
});

// Published example: the Agreeableness scale of the bfi data (Revelle, psych package; SAPA project), A1 reverse
// keyed, A1–A5, the 2,709 complete cases (fixture written from R). In R 4 with psych:
//   d <- bfi[complete.cases(bfi[, 1:5]), 1:5]; a <- psych::alpha(d, keys = "A1")
//   a$total$raw_alpha = 0.7037559; a$alpha.drop$raw_alpha = 0.7179721 0.6184812 0.6007538 0.6869447 0.6446223
//   a$item.stats$r.drop = 0.3114013 0.5630155 0.5887731 0.3947937 0.4872409
//   psych::alpha.ci(0.7037559, 2709, 5): Feldt 0.69 – 0.72; by the formula with qf:
//   1 - (1 - a)*qf(.975, 2708, 4*2708) = 0.6857446350, 1 - (1 - a)*qf(.025, 2708, 4*2708) = 0.7210359628
describe('cronbachAlpha on psych::bfi Agreeableness', () => {
  const csv = readFileSync(fileURLToPath(new URL('../survey/fixtures/bfi-agreeableness.csv', import.meta.url)), 'utf8').trim().split('\n').slice(1);
  const rows = csv.map((l) => l.split(',').slice(1, 6).map(Number));
  const cols = [0, 1, 2, 3, 4].map((j) => Float64Array.from(rows, (r) => (j === 0 ? 7 - r[j]! : r[j]!)));

  it('gives the raw alpha, alpha if dropped and item–rest r of R psych::alpha', () => {
    const r = cronbachAlpha(cols);
    expect(r.n).toBe(2709);
    expect(r.alpha).toBeCloseTo(0.7037559, 6);
    [0.7179721, 0.6184812, 0.6007538, 0.6869447, 0.6446223].forEach((a, j) => expect(r.items[j]!.alpha_if_dropped).toBeCloseTo(a, 6));
    [0.3114013, 0.5630155, 0.5887731, 0.3947937, 0.4872409].forEach((x, j) => expect(r.items[j]!.item_rest_r).toBeCloseTo(x, 6));
    expect(r.items[0]!.mean).toBeCloseTo(4.587671, 5);
  });

  it('gives the Feldt interval of R (qf)', () => {
    const ci = feldtInterval(cronbachAlpha(cols).alpha, 2709, 5);
    expect(ci.low).toBeCloseTo(0.685744635, 7);
    expect(ci.high).toBeCloseTo(0.7210359628, 7);
  });
});

// Published example: Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater
// reliability. Psychological Bulletin, 86(2), 420–428; the worked example on p. 423 (Table 2): four judges rate six
// targets. Judges as items, alpha is the consistency ICC of the mean of the k judges, ICC(3,k) = (BMS − EMS)/BMS
// (McGraw & Wong 1996, Psychological Methods 1(1), 30–46: ICC(C,k) "is" Cronbach's alpha). The paper prints the
// mean squares BMS = 11.24, JMS = 32.49, EMS = 1.02 (WMS = 6.26) and ICC(3,k) = .91 (ICC(3,1) = .71). The 95% interval
// of ICC(3,k), 1 − F_crit/F with F = BMS/EMS on (n − 1, (n − 1)(k − 1)) df, is Feldt's interval (1 − α = EMS/BMS);
// R psych::ICC on these data prints ICC3k 0.91 with lower bound 0.676 and upper bound 0.99 (F = 11.0 on 5 and 15 df).
describe('cronbachAlpha and feldtInterval on Shrout & Fleiss (1979), p. 423', () => {
  // columns = judges 1–4, rows = targets 1–6
  const judges = [
    [9, 6, 8, 7, 10, 6],
    [2, 1, 4, 1, 5, 2],
    [5, 3, 6, 2, 6, 4],
    [8, 2, 8, 6, 9, 7],
  ].map((c) => Float64Array.from(c));

  it('gives alpha = ICC(3,k) = .91, and the printed mean squares', () => {
    const r = cronbachAlpha(judges);
    expect(r.n).toBe(6);
    expect(r.k).toBe(4);
    expect(Number(r.alpha.toFixed(2))).toBe(0.91);
    // the printed mean squares, to their two decimals: alpha = 1 − EMS/BMS
    expect(Math.abs(r.alpha - (1 - 1.02 / 11.24))).toBeLessThan(0.0005);
    expect(r.items.map((i) => i.mean)).toEqual([46 / 6, 15 / 6, 26 / 6, 40 / 6]);
  });

  it("gives Feldt's interval as psych::ICC prints for ICC3k: 0.676 to 0.99", () => {
    const ci = feldtInterval(cronbachAlpha(judges).alpha, 6, 4);
    expect(Number(ci.low.toFixed(3))).toBe(0.676);
    expect(Number(ci.high.toFixed(2))).toBe(0.99);
  });
});
