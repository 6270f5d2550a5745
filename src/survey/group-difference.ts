/** The difference of two groups' values (level − reference): Welch, or cluster-robust by school when there are enough clusters on each side. */
import { modelEffect } from '../estimate/model-estimate.js';
import { seRule } from '../estimate/se-rule.js';
import { summarize, welchDifference, tQuantile } from '../stats/index.js';

/** How a survey difference is estimated. */
export interface DifferenceRule {
  /** cluster the SE (schools in hve run, --cluster in hve survey) */
  clustered: boolean;
  /** clusters with respondents of each group needed for a cluster-robust SE (else Welch) */
  minClustersPerArm: number;
  /** CR2 + Satterthwaite below this many clusters, else CR1 (the project's SE rule) */
  cr2Below: number;
}

/** An estimate with its SE, df, 95% CI, p and how the SE was computed (null fields: undefined). */
export interface SurveyDifference {
  estimate: number | null;
  se: number | null;
  df: number | null;
  ci_low: number | null;
  ci_high: number | null;
  p_value: number | null;
  se_type: 'welch_t' | 'cr2_satterthwaite' | 'cr1_t' | null;
  clusters: number | null;
}

const fin = (x: number | null | undefined): number | null => (x !== null && x !== undefined && Number.isFinite(x) ? x : null);

/**
 * level − reference of the values, with a cluster-robust SE (OLS of the value on a group indicator, CR2/Satterthwaite or
 * CR1 by the project's SE rule) when the rule asks for clustering and each group has respondents in at least
 * minClustersPerArm clusters, else Welch. Estimate only (no SE) when a group has fewer than two values.
 */
export function groupDifference(level: { y: number; cluster: string }[], reference: { y: number; cluster: string }[], rule: DifferenceRule): SurveyDifference {
  const t = summarize(level.map((x) => x.y));
  const c = summarize(reference.map((x) => x.y));
  const none: SurveyDifference = { estimate: fin(t.mean - c.mean), se: null, df: null, ci_low: null, ci_high: null, p_value: null, se_type: null, clusters: null };
  if (t.n < 2 || c.n < 2) return none;
  const armClusters = (xs: { cluster: string }[]) => new Set(xs.map((x) => x.cluster)).size;
  if (rule.clustered && armClusters(level) >= rule.minClustersPerArm && armClusters(reference) >= rule.minClustersPerArm) {
    const all = [...level.map((x) => ({ ...x, g: 1 })), ...reference.map((x) => ({ ...x, g: 0 }))];
    const codes = new Map<string, number>();
    const cluster = Int32Array.from(all, (x) => codes.get(x.cluster) ?? (codes.set(x.cluster, codes.size), codes.size - 1));
    const g = Float64Array.from(all, (x) => x.g);
    const X = { n: all.length, names: ['intercept', 'treatment'], columns: [new Float64Array(all.length).fill(1), g] };
    try {
      const e = modelEffect('gaussian', X, Float64Array.from(all, (x) => x.y), g, cluster, seRule(codes.size, rule.cr2Below));
      if (Number.isFinite(e.se) && e.se > 0) {
        return { estimate: fin(e.estimate), se: fin(e.se), df: fin(e.df), ci_low: fin(e.ci_low), ci_high: fin(e.ci_high), p_value: fin(e.p_value), se_type: e.se_type as 'cr2_satterthwaite' | 'cr1_t', clusters: e.clusters };
      }
    } catch {
      // a constant outcome or a collinear design: fall back to Welch below
    }
  }
  const w = welchDifference(t, c);
  if (!Number.isFinite(w.se) || !(w.se > 0)) return none;
  return { estimate: fin(w.estimate), se: fin(w.se), df: fin(w.df), ci_low: fin(w.ci_low), ci_high: fin(w.ci_high), p_value: fin(w.p_value), se_type: 'welch_t', clusters: null };
}

/** A mean change with its 95% CI and how its SE was computed (paired t, or cluster-robust by school). */
export interface SurveyChangeInterval {
  mean: number | null;
  ci_low: number | null;
  ci_high: number | null;
  se_type: 'paired_t' | 'cr2_satterthwaite' | 'cr1_t' | null;
  clusters: number | null;
}

/**
 * Mean of one group's paired changes (post − pre) with its 95% CI: cluster-robust (intercept-only OLS, CR2 with
 * Satterthwaite df or CR1 by the project's SE rule) when the rule asks for clustering and the group has respondents in
 * at least minClustersPerArm clusters, as groupDifference; else the paired t interval (df n − 1). No CI below two
 * pairs or with no variation.
 */
export function pairedChange(d: { y: number; cluster: string }[], rule: DifferenceRule): SurveyChangeInterval {
  const s = summarize(d.map((x) => x.y));
  if (s.n < 2 || !(s.sd > 0)) return { mean: fin(s.mean), ci_low: null, ci_high: null, se_type: null, clusters: null };
  const codes = new Map<string, number>();
  const cluster = Int32Array.from(d, (x) => codes.get(x.cluster) ?? (codes.set(x.cluster, codes.size), codes.size - 1));
  if (rule.clustered && codes.size >= rule.minClustersPerArm) {
    const X = { n: d.length, names: ['intercept'], columns: [new Float64Array(d.length).fill(1)] };
    try {
      const e = modelEffect('gaussian', X, Float64Array.from(d, (x) => x.y), new Float64Array(d.length), cluster, seRule(codes.size, rule.cr2Below), undefined, { effect: 'intercept' });
      if (Number.isFinite(e.se) && e.se > 0 && fin(e.ci_low) !== null && fin(e.ci_high) !== null) {
        return { mean: s.mean, ci_low: e.ci_low, ci_high: e.ci_high, se_type: e.se_type as 'cr2_satterthwaite' | 'cr1_t', clusters: e.clusters };
      }
    } catch {
      // a degenerate design: fall back to the paired t interval below
    }
  }
  const half = tQuantile(0.975, s.n - 1) * (s.sd / Math.sqrt(s.n));
  return { mean: s.mean, ci_low: s.mean - half, ci_high: s.mean + half, se_type: 'paired_t', clusters: null };
}
