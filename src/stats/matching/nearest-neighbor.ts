/**
 * Greedy 1:1 nearest-neighbour propensity-score matching without replacement (METHODS.md §4), as
 * R's `MatchIt::matchit(method = "nearest", distance = <logit ps>, caliper = 0.2,
 * std.caliper = TRUE, replace = FALSE, m.order = "largest", exact = ~ school)` does it.
 *
 * Algorithm (~O(n log n)):
 *  1. Comparison units with a finite distance are sorted by (exact stratum, logitPs, random key);
 *     each stratum is then a contiguous segment of the sorted array.
 *  2. Treated units are visited in `order` ('largest' = descending logitPs, MatchIt's default for
 *     the ATT; 'smallest' = ascending; 'random' = a seeded random permutation). Treated units with
 *     equal logitPs are visited in seeded random order.
 *  3. For each treated unit, binary-search its logitPs in its stratum's segment, then take the
 *     nearest *unused* comparison on each side. Used units are skipped with two union-find
 *     "next unused" pointer arrays (one per direction, path-compressed), so each lookup is
 *     near-constant amortised time.
 *  4. The nearer side wins. If both sides are at exactly the same distance, a seeded draw picks a
 *     side with probability proportional to the number of still-unused comparison units tied at
 *     that value on each side; within a run of equal logitPs values the units were put in seeded
 *     random order in step 1. So every tied candidate is chosen with equal probability, and the
 *     result is deterministic for a given seed.
 *  5. The match is kept if |Δ logit| ≤ caliper (MatchIt keeps distances equal to the caliper),
 *     otherwise the treated unit is dropped by the caliper (greedy matching does not look further).
 */
import { Prng } from '../../util/prng.js';

/** Order in which treated units are matched (MatchIt's `m.order`). */
export type MatchOrder = 'largest' | 'smallest' | 'random';

export interface NearestNeighborMatchOptions {
  /** The matching distance: logit of the estimated propensity score, one per unit. Non-finite values (NaN, ±Infinity) make the unit ineligible. */
  logitPs: Float64Array;
  /** 1 (any non-zero value) = treated, 0 = comparison. */
  treated: Uint8Array;
  /**
   * Caliper in SD units of logitPs (default 0.2, Austin 2011). The caliper on the logit scale is
   * `caliperSd × SD(logitPs)`, with SD the sample SD (n − 1) over every unit with a finite distance,
   * treated and comparison together, excluding discarded units when `discardOutsideSupport` is set
   * — MatchIt's `sd(distance[!discarded])` for `std.caliper = TRUE`. `null` or `Infinity` = no caliper.
   */
  caliperSd?: number | null;
  /** Optional exact-matching stratum per unit (e.g. school, or school × grade code): units only match within the same code. */
  exact?: Int32Array;
  /** Seed for tie-breaking (and for order = 'random'). */
  seed: number;
  /** Default 'largest' (descending logitPs), MatchIt's default `m.order` for the ATT with a propensity-score distance. */
  order?: MatchOrder;
  /**
   * Default false (MatchIt's `discard = "none"`): treated units outside the comparison group's
   * logitPs range are counted in `outsideSupport` but still matched (the caliper usually drops the
   * extreme ones). When true (MatchIt's `discard = "treated"`), they are set aside before matching,
   * never matched, and excluded from the SD that scales the caliper.
   */
  discardOutsideSupport?: boolean;
}

export interface MatchResult {
  /** For each unit, the index of its matched partner, or −1. */
  pairOf: Int32Array;
  /** For each matched unit (treated and its comparison), the pair number 0, 1, …, in matching order; −1 otherwise. */
  pairId: Int32Array;
  /** Matched treated units (= number of pairs). */
  matchedTreated: number;
  /** Matched comparison units (= matchedTreated, 1:1). */
  matchedComparison: number;
  /** Treated units that had an unused comparison in their stratum, but the nearest was farther than the caliper. */
  droppedByCaliper: number;
  /** Treated units whose exact stratum had no unused comparison left (or never had one). */
  noCandidates: number;
  /**
   * Treated units (finite logitPs) outside [min, max] of the comparison units' logitPs over the
   * whole sample (ignoring strata), counted before matching. Removed from matching only when
   * `discardOutsideSupport` is true; otherwise they are also counted in whichever outcome they got.
   */
  outsideSupport: number;
  /** Units (treated or comparison) with non-finite logitPs, never matched. */
  missingDistance: number;
  /** The caliper on the logit scale (caliperSd × SD); Infinity when there is no caliper. */
  caliper: number;
  /** SD(logitPs) used to scale the caliper. */
  sdLogitPs: number;
}

/**
 * Greedy 1:1 nearest-neighbour matching on logit(ps) without replacement, optionally exact within
 * strata, with a caliper in SD units. For n treated units:
 * `nTreated = matchedTreated + droppedByCaliper + noCandidates + missingDistance(treated)
 *  + (discardOutsideSupport ? outsideSupport : 0)`.
 */
export function nearestNeighborMatch(opts: NearestNeighborMatchOptions): MatchResult {
  const { logitPs, treated, exact, seed } = opts;
  const order: MatchOrder = opts.order ?? 'largest';
  const caliperSd = opts.caliperSd === undefined ? 0.2 : opts.caliperSd;
  const discard = opts.discardOutsideSupport ?? false;
  const n = logitPs.length;
  if (treated.length !== n) throw new RangeError(`treated has length ${treated.length}, logitPs ${n}`);
  if (exact && exact.length !== n) throw new RangeError(`exact has length ${exact.length}, logitPs ${n}`);
  if (caliperSd !== null && !(caliperSd >= 0)) throw new RangeError(`caliperSd must be ≥ 0, Infinity or null, got ${caliperSd}`);
  if (order !== 'largest' && order !== 'smallest' && order !== 'random') throw new RangeError(`unknown order ${String(order)}`);

  const rng = new Prng(seed, 0x6d61);
  // One random key per unit, drawn in index order: orders tied comparison values and tied treated values.
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = rng.uniform();

  // Common support: range of finite comparison distances (whole sample, as MatchIt's discard).
  let cMin = Infinity;
  let cMax = -Infinity;
  let nComparison = 0;
  let nTreatedEligible = 0;
  let missingDistance = 0;
  for (let i = 0; i < n; i++) {
    const v = logitPs[i]!;
    if (!Number.isFinite(v)) {
      missingDistance++;
      continue;
    }
    if (treated[i] === 0) {
      nComparison++;
      if (v < cMin) cMin = v;
      if (v > cMax) cMax = v;
    } else {
      nTreatedEligible++;
    }
  }
  let outsideSupport = 0;
  const discarded = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = logitPs[i]!;
    if (treated[i] !== 0 && Number.isFinite(v) && (v < cMin || v > cMax)) {
      outsideSupport++;
      if (discard) discarded[i] = 1;
    }
  }

  // SD of the distance over finite, non-discarded units (two-pass, n − 1).
  let sdN = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = logitPs[i]!;
    if (Number.isFinite(v) && discarded[i] === 0) {
      sdN++;
      sum += v;
    }
  }
  let ss = 0;
  if (sdN > 0) {
    const m = sum / sdN;
    for (let i = 0; i < n; i++) {
      const v = logitPs[i]!;
      if (Number.isFinite(v) && discarded[i] === 0) ss += (v - m) * (v - m);
    }
  }
  const sdLogitPs = sdN >= 2 ? Math.sqrt(ss / (sdN - 1)) : NaN;
  const caliper =
    caliperSd === null || caliperSd === Infinity ? Infinity : sdN >= 2 ? caliperSd * sdLogitPs : 0;

  // 1. Sorted comparison units.
  const comp = new Int32Array(nComparison);
  {
    let k = 0;
    for (let i = 0; i < n; i++) if (treated[i] === 0 && Number.isFinite(logitPs[i]!)) comp[k++] = i;
  }
  if (exact) {
    comp.sort((a, b) => exact[a]! - exact[b]! || logitPs[a]! - logitPs[b]! || key[a]! - key[b]!);
  } else {
    comp.sort((a, b) => logitPs[a]! - logitPs[b]! || key[a]! - key[b]!);
  }
  const m = nComparison;
  const sortedVal = new Float64Array(m);
  for (let k = 0; k < m; k++) sortedVal[k] = logitPs[comp[k]!]!;

  // Segments (one per stratum) and runs of equal values within a segment.
  const segOfCode = new Map<number, number>();
  const segStartList: number[] = [];
  const segEndList: number[] = [];
  const runId = new Int32Array(m);
  const runRemainingList: number[] = [];
  for (let k = 0; k < m; k++) {
    const newSeg = k === 0 || (exact !== undefined && exact[comp[k]!] !== exact[comp[k - 1]!]);
    if (newSeg) {
      if (k > 0) segEndList.push(k);
      segStartList.push(k);
      segOfCode.set(exact ? exact[comp[k]!]! : 0, segStartList.length - 1);
    }
    if (newSeg || sortedVal[k] !== sortedVal[k - 1]) runRemainingList.push(0);
    const r = runRemainingList.length - 1;
    runId[k] = r;
    runRemainingList[r]!++;
  }
  if (m > 0) segEndList.push(m);
  const runRemaining = Int32Array.from(runRemainingList);

  // Union-find "next unused" pointers. right[k]: smallest unused position ≥ k (m = none).
  // left[k + 1]: largest unused position ≤ k, stored shifted by one (0 = none, i.e. position −1).
  const right = new Int32Array(m + 1);
  const left = new Int32Array(m + 1);
  for (let k = 0; k <= m; k++) {
    right[k] = k;
    left[k] = k;
  }

  // 2. Treated visiting order.
  const tr = new Int32Array(nTreatedEligible);
  let nt = 0;
  for (let i = 0; i < n; i++) {
    if (treated[i] !== 0 && Number.isFinite(logitPs[i]!) && discarded[i] === 0) tr[nt++] = i;
  }
  const visit = tr.subarray(0, nt);
  if (order === 'largest') visit.sort((a, b) => logitPs[b]! - logitPs[a]! || key[a]! - key[b]!);
  else if (order === 'smallest') visit.sort((a, b) => logitPs[a]! - logitPs[b]! || key[a]! - key[b]!);
  else visit.sort((a, b) => key[a]! - key[b]!);

  // 3–5. Greedy matching.
  const pairOf = new Int32Array(n).fill(-1);
  const pairId = new Int32Array(n).fill(-1);
  let pairs = 0;
  let droppedByCaliper = 0;
  let noCandidates = 0;
  for (let q = 0; q < nt; q++) {
    const t = visit[q]!;
    const x = logitPs[t]!;
    const seg = segOfCode.get(exact ? exact[t]! : 0);
    if (seg === undefined) {
      noCandidates++;
      continue;
    }
    const s = segStartList[seg]!;
    const e = segEndList[seg]!;
    // Lower bound: first position in [s, e) with value ≥ x.
    let lo = s;
    let hi = e;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sortedVal[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    let r = findRoot(right, lo);
    if (r >= e) r = -1;
    let l = findRoot(left, lo) - 1;
    if (l < s) l = -1;
    if (r < 0 && l < 0) {
      noCandidates++;
      continue;
    }
    let pick: number;
    if (l < 0) pick = r;
    else if (r < 0) pick = l;
    else {
      const dl = x - sortedVal[l]!;
      const dr = sortedVal[r]! - x;
      if (dl < dr) pick = l;
      else if (dr < dl) pick = r;
      else {
        const cl = runRemaining[runId[l]!]!;
        const cr = runRemaining[runId[r]!]!;
        pick = rng.uniform() * (cl + cr) < cl ? l : r;
      }
    }
    const d = Math.abs(sortedVal[pick]! - x);
    if (!(d <= caliper)) {
      droppedByCaliper++;
      continue;
    }
    // Mark position `pick` used.
    right[pick] = pick + 1;
    left[pick + 1] = pick;
    runRemaining[runId[pick]!]!--;
    const c = comp[pick]!;
    pairOf[t] = c;
    pairOf[c] = t;
    pairId[t] = pairs;
    pairId[c] = pairs;
    pairs++;
  }

  return {
    pairOf,
    pairId,
    matchedTreated: pairs,
    matchedComparison: pairs,
    droppedByCaliper,
    noCandidates,
    outsideSupport,
    missingDistance,
    caliper,
    sdLogitPs,
  };
}

/** Root of k in a union-find forest of parent pointers (a root points to itself), compressing the path on the way. */
function findRoot(parent: Int32Array, k: number): number {
  let root = k;
  while (parent[root] !== root) root = parent[root]!;
  while (parent[k] !== root) {
    const next = parent[k]!;
    parent[k] = root;
    k = next;
  }
  return root;
}
