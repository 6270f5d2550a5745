/**
 * The network demo's truth on the pooled outcome: each site-year's true effect on the treated from the generator's
 * truth.json, and the true mean, τ² and fidelity contrast across sites. Pure (no I/O).
 */
import type { Truth } from '../../generate/truth.js';
import { LOW_FIDELITY_BREAKS, type DemoSiteYear, type NetworkDemoSettings } from './demo-plan.js';

/** The outcome the demo's truth is stated for: the attendance rate, pooled on the difference scale (a proportion). */
export const DEMO_OUTCOME = 'attendance_rate';

/** One site-year's truth. */
export interface DemoSiteTruth {
  site: string;
  state: string;
  year: number;
  students: number;
  schools: number;
  low_fidelity: boolean;
  absence_logit: number;
  /** the generator's sample ATT on the attendance rate (visited − same students unvisited), a proportion */
  true_effect: number;
  /** visited students in the generator's analytic population */
  n_treated: number;
}

/** What reports/network/truth.json holds. */
export interface NetworkDemoTruth {
  description: string;
  outcome: string;
  scale: 'difference';
  settings: NetworkDemoSettings;
  rule: string;
  site_years: DemoSiteTruth[];
  /** one true effect per site: the mean of its years */
  sites: { site: string; low_fidelity: boolean; true_effect: number }[];
  /** mean of the sites' true effects */
  mean: number;
  /** variance of the sites' true effects (k − 1 denominator): the τ² a random-effects pool estimates */
  tau2: number;
  tau: number;
  high_fidelity_mean: number | null;
  low_fidelity_mean: number | null;
  /** +1 when high-fidelity sites have the larger true effect (a meta-regression on the fidelity score should slope upward), −1 when smaller, 0 without both groups */
  fidelity_slope_sign: -1 | 0 | 1;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Combine the plan and each site-year's generator truth (same order) into the network truth for the pooled outcome. */
export function networkDemoTruth(plan: DemoSiteYear[], truths: Truth[], settings: NetworkDemoSettings): NetworkDemoTruth {
  if (plan.length !== truths.length) throw new Error(`networkDemoTruth: ${plan.length} site-years but ${truths.length} truths`);
  const site_years: DemoSiteTruth[] = plan.map((p, i) => {
    const t = truths[i]!.att[DEMO_OUTCOME];
    if (!t) throw new Error(`the generator's truth for ${p.site} ${p.year} has no ${DEMO_OUTCOME}`);
    return { site: p.site, state: p.state, year: p.year, students: p.students, schools: p.schools, low_fidelity: p.low_fidelity, absence_logit: p.absence_logit, true_effect: t.difference, n_treated: t.n };
  });
  const bySite = new Map<string, DemoSiteTruth[]>();
  for (const s of site_years) bySite.set(s.site, [...(bySite.get(s.site) ?? []), s]);
  const sites = [...bySite].map(([site, ys]) => ({ site, low_fidelity: ys[0]!.low_fidelity, true_effect: mean(ys.map((y) => y.true_effect)) }));
  const effects = sites.map((s) => s.true_effect);
  const m = mean(effects);
  const tau2 = effects.length > 1 ? effects.reduce((a, x) => a + (x - m) ** 2, 0) / (effects.length - 1) : 0;
  const hi = sites.filter((s) => !s.low_fidelity).map((s) => s.true_effect);
  const lo = sites.filter((s) => s.low_fidelity).map((s) => s.true_effect);
  const hiMean = hi.length ? mean(hi) : null;
  const loMean = lo.length ? mean(lo) : null;
  return {
    description:
      "The network demo's truth for the attendance rate on the difference scale (visited − comparison, a proportion): each site-year's true effect is the generator's sample ATT (truth.json att.attendance_rate.difference of that site's district); mean and tau2 are over sites (a site with two years counts once, as the mean of its years).",
    outcome: DEMO_OUTCOME,
    scale: 'difference',
    settings,
    rule: `Each site's shift of the daily absence log-odds is mean_logit + tau_logit·z (z standard normal, seeded); a low-fidelity site (every program school breaks ${LOW_FIDELITY_BREAKS.join(', ')}) gets that shift times low_fidelity_factor (${settings.low_fidelity_factor}).`,
    site_years,
    sites,
    mean: m,
    tau2,
    tau: Math.sqrt(tau2),
    high_fidelity_mean: hiMean,
    low_fidelity_mean: loMean,
    fidelity_slope_sign: hiMean == null || loMean == null ? 0 : hiMean > loMean ? 1 : hiMean < loMean ? -1 : 0,
  };
}
