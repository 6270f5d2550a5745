/**
 * The true reliability and program effects of the generated surveys, computed from the model, not from the draws:
 * each item is round(location + loading·T + noise_sd·ε) clamped into the range, so given the trait T its response
 * distribution is a set of normal-CDF differences; the population alpha of the rounded items follows from the
 * moments of these distributions integrated over the trait distribution (Simpson's rule, no simulation).
 */
import { normalCdf } from '../stats/normal.js';
import { SURVEY_RANGE, type SurveyScaleModel } from './survey-model.js';

/** One normal component of a trait distribution (a mixture: members shifted by the effect, the rest not). */
export interface TraitComponent {
  weight: number;
  mean: number;
  sd: number;
}

/** The scored item (after reverse keying) has location min + max − location and a positive loading. */
function scoredLocation(location: number, reversed: boolean): number {
  return reversed ? SURVEY_RANGE[0] + SURVEY_RANGE[1] - location : location;
}

/** Mean and second moment of one rounded, clamped item given the trait: Σ v·P(v) and Σ v²·P(v) over the range's points. */
export function itemMoments(t: number, location: number, loading: number, noiseSd: number): { mean: number; second: number } {
  const lo: number = SURVEY_RANGE[0];
  const hi: number = SURVEY_RANGE[1];
  const centre = location + loading * t;
  let mean = 0;
  let second = 0;
  for (let v = lo; v <= hi; v++) {
    const upper = v === hi ? 1 : normalCdf((v + 0.5 - centre) / noiseSd);
    const lower = v === lo ? 0 : normalCdf((v - 0.5 - centre) / noiseSd);
    const p = upper - lower;
    mean += v * p;
    second += v * v * p;
  }
  return { mean, second };
}

/** The expected scale score (mean of the scored items) of a respondent with trait t. */
export function expectedScore(scale: SurveyScaleModel, t: number): number {
  let s = 0;
  for (const it of scale.items) s += itemMoments(t, scoredLocation(it.location, it.reversed), scale.loading, scale.noise_sd).mean;
  return s / scale.items.length;
}

/** ∫ f(t) dens(t) dt over a mixture of normals by composite Simpson's rule on ±10 SD around the components. */
export function integrateOverTrait(components: readonly TraitComponent[], f: (t: number) => number[], steps = 4000): number[] {
  const lo = Math.min(...components.map((c) => c.mean - 10 * c.sd));
  const hi = Math.max(...components.map((c) => c.mean + 10 * c.sd));
  const h = (hi - lo) / steps;
  let acc: number[] | null = null;
  for (let s = 0; s <= steps; s++) {
    const t = lo + s * h;
    const dens = components.reduce((a, c) => a + (c.weight * Math.exp(-0.5 * ((t - c.mean) / c.sd) ** 2)) / (c.sd * Math.sqrt(2 * Math.PI)), 0);
    const w = (s === 0 || s === steps ? 1 : s % 2 ? 4 : 2) * dens * (h / 3);
    const v = f(t);
    acc ??= v.map(() => 0);
    for (let j = 0; j < v.length; j++) acc[j]! += w * v[j]!;
  }
  return acc ?? [];
}

/**
 * Population Cronbach's alpha of the scale's rounded items for a trait mixture: Var(x_j) = E[x_j²] − E[x_j]² and,
 * items being independent given the trait, Cov(x_j, x_k) = E[m_j m_k] − E[m_j]E[m_k] with m_j(t) = E[x_j | t].
 */
export function populationAlpha(scale: SurveyScaleModel, components: readonly TraitComponent[]): number {
  const k = scale.items.length;
  const loc = scale.items.map((it) => scoredLocation(it.location, it.reversed));
  // per t: [m_1..m_k, second_1..second_k, m_j·m_l for j < l]
  const moments = integrateOverTrait(components, (t) => {
    const m = loc.map((c) => itemMoments(t, c, scale.loading, scale.noise_sd));
    const cross: number[] = [];
    for (let j = 0; j < k; j++) for (let l = j + 1; l < k; l++) cross.push(m[j]!.mean * m[l]!.mean);
    return [...m.map((x) => x.mean), ...m.map((x) => x.second), ...cross];
  });
  const mean = moments.slice(0, k);
  let sumVar = 0;
  for (let j = 0; j < k; j++) sumVar += moments[k + j]! - mean[j]! ** 2;
  let covSum = 0;
  let c = 2 * k;
  for (let j = 0; j < k; j++) for (let l = j + 1; l < k; l++) covSum += 2 * (moments[c++]! - mean[j]! * mean[l]!);
  return (k / (k - 1)) * (1 - sumVar / (sumVar + covSum));
}

/** Alpha of the same items unrounded and unbounded (tau-equivalent): k·λ²·V / (k·λ²·V + σ²), V the trait variance. */
export function continuousAlpha(scale: SurveyScaleModel, traitVariance: number): number {
  const k = scale.items.length;
  const signal = k * scale.loading ** 2 * traitVariance;
  return signal / (signal + scale.noise_sd ** 2);
}

/** Variance of a mixture of normals. */
export function mixtureVariance(components: readonly TraitComponent[]): number {
  const mean = components.reduce((a, c) => a + c.weight * c.mean, 0);
  return components.reduce((a, c) => a + c.weight * (c.sd ** 2 + (c.mean - mean) ** 2), 0);
}

/** The population effect on the expected scale score of shifting the trait by `effect` for members whose trait is N(effect, 1): E[S(T)] − E[S(T − effect)]. */
export function populationScoreEffect(scale: SurveyScaleModel, effect: number): number {
  const [d] = integrateOverTrait([{ weight: 1, mean: effect, sd: 1 }], (t) => [expectedScore(scale, t) - expectedScore(scale, t - effect)]);
  return d!;
}

/** The truth of one scale at one wave: who answered, and the population alpha of the rounded items (and of the unrounded ones). */
export interface SurveyWaveTruth {
  wave: string;
  respondents: number;
  members: number;
  /** the trait distribution the alphas are for: N(0, 1) for non-members, N(effect, 1) for members in spring, mixed at the members' share */
  member_share: number;
  alpha: number;
  alpha_unrounded: number;
}

/** The truth of one scale: its model, its alphas by wave, and the program's true effect on the spring scale score. */
export interface SurveyScaleTruth {
  scale: string;
  label: string;
  respondent_type: 'teacher' | 'parent';
  higher_is_better: boolean;
  items: { item: string; location: number; reversed: boolean }[];
  loading: number;
  noise_sd: number;
  /** the shift of the spring trait (trait SD units) for visiting teachers / visited parents */
  effect_on_trait: number;
  waves: SurveyWaveTruth[];
  /** members' mean of S(T) − S(T − effect) over the spring respondents, S the expected scale score given the trait */
  effect_on_score: { wave: string; n_members: number; sample_att: number; population: number; panel_members: number; panel_att: number };
}

/** What truth.json's `surveys` block holds. */
export interface SurveyTruth {
  description: string;
  range: readonly [number, number];
  waves: readonly string[];
  school_variance: number;
  wave_correlation: number;
  item_missing: number;
  scales: SurveyScaleTruth[];
}

/** The truth of the written surveys: per scale and wave the population alpha, per scale the true effect on the scale score. */
export function computeSurveyTruth(scales: readonly SurveyScaleModel[], draws: readonly { scale: string; wave: string; respondent: string; member: boolean; trait: number }[], effects: Record<string, number>, waves: readonly string[], model: { school_variance: number; wave_correlation: number; item_missing: number }): SurveyTruth {
  const out: SurveyScaleTruth[] = scales.map((scale) => {
    const effect = effects[scale.scale] ?? 0;
    const mine = draws.filter((d) => d.scale === scale.scale);
    const waveTruth = waves.map((wave, wi): SurveyWaveTruth => {
      const here = mine.filter((d) => d.wave === wave);
      const members = here.filter((d) => d.member).length;
      const share = here.length ? members / here.length : 0;
      const shifted = wi === waves.length - 1 ? effect : 0;
      const components = [{ weight: 1 - share, mean: 0, sd: 1 }, { weight: share, mean: shifted, sd: 1 }].filter((c) => c.weight > 0);
      return { wave, respondents: here.length, members, member_share: share, alpha: populationAlpha(scale, components), alpha_unrounded: continuousAlpha(scale, mixtureVariance(components)) };
    });
    const last = waves[waves.length - 1]!;
    const gain = (t: number) => expectedScore(scale, t) - expectedScore(scale, t - effect);
    const spring = mine.filter((d) => d.wave === last && d.member);
    const inFirst = new Set(mine.filter((d) => d.wave === waves[0]).map((d) => d.respondent));
    const panel = spring.filter((d) => inFirst.has(d.respondent));
    const mean = (v: typeof spring) => (v.length ? v.reduce((a, d) => a + gain(d.trait), 0) / v.length : 0);
    return {
      scale: scale.scale, label: scale.label, respondent_type: scale.respondent_type, higher_is_better: scale.higher_is_better,
      items: scale.items.map((it) => ({ ...it })), loading: scale.loading, noise_sd: scale.noise_sd, effect_on_trait: effect, waves: waveTruth,
      effect_on_score: { wave: last, n_members: spring.length, sample_att: mean(spring), population: populationScoreEffect(scale, effect), panel_members: panel.length, panel_att: mean(panel) },
    };
  });
  return {
    description:
      'Generated teacher and parent surveys. Each scale has a latent trait T (school effect + person effect, variance 1 among non-members); a response is round(location ± loading·T + noise_sd·ε) clamped into the range (− for a reverse-keyed item, whose scored value is min + max − response). In the last wave visiting teachers and visited parents have T shifted by effect_on_trait (no selection on T: membership does not depend on the trait). alpha is the population Cronbach alpha of the rounded, clamped items for that wave\'s trait mixture, computed exactly from the item response probabilities by numerical integration over T (Simpson, ±10 SD, 4,000 steps), not by simulation; alpha_unrounded is k·λ²·V / (k·λ²·V + σ²) of the unrounded items; rounding lowers alpha a little. effect_on_score is the members\' mean of E[score | T] − E[score | T − effect] (the effect on the expected scale score, in scale points): sample_att over the last wave\'s member respondents, panel_att over those who also answered the first wave (the target of the difference-in-differences), population for T ~ N(effect, 1).',
    range: SURVEY_RANGE,
    waves,
    ...model,
    scales: out,
  };
}
