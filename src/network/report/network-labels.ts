/** Labels and number formats of the network report: every pooled number names its estimator and CI method. */
import { METHOD_LABEL } from '../../report/labels.js';
import { fixed, formatDifference, formatP, signed } from '../../report/format.js';
import type { CiMethod, Estimator, PooledCell, PooledFit, Scale, SiteMethod } from '../network-schema.js';

/** Each estimator in words, with its short code. */
export const ESTIMATOR_LABEL: Record<Estimator, string> = {
  FE: 'Fixed effect (FE)',
  DL: 'Random effects, DerSimonian–Laird τ² (DL)',
  REML: 'Random effects, REML τ² (REML)',
  RVE: 'Robust variance estimation, clustered by site (RVE)',
};

/** Each CI method in words, with its short code. */
export const CI_LABEL: Record<CiMethod, string> = {
  wald: 'Wald (normal)',
  hksj: 'Hartung–Knapp–Sidik–Jonkman (HKSJ, t)',
  cr2_satterthwaite: 'CR2, Satterthwaite df',
};

/** Short CI method names for plots and compact cells. */
export const CI_SHORT: Record<CiMethod, string> = { wald: 'Wald', hksj: 'HKSJ', cr2_satterthwaite: 'CR2' };

/** Each site method in words (`reported`: a row of a pool CSV). */
export const SITE_METHOD_LABEL: Record<SiteMethod, string> = { ...METHOD_LABEL, reported: 'As reported' };

/** Each pooled scale in words. */
export const SCALE_LABEL: Record<Scale, string> = { difference: 'difference', effect_size: 'effect size', reported: 'as reported' };

/** The scale of a cell in words, naming the effect size when it is one (Hedges' g, Cox index). */
export function scaleLabel(c: Pick<PooledCell, 'scale' | 'effect_size_type' | 'unit'>): string {
  if (c.scale === 'effect_size') return c.effect_size_type === 'cox_index' ? 'effect size (Cox index)' : c.effect_size_type === 'hedges_g' ? "effect size (Hedges' g)" : 'effect size';
  if (c.scale === 'difference') return c.unit === 'percent' ? 'difference (percentage points)' : `difference (${unitWord(c.unit)})`;
  return SCALE_LABEL[c.scale];
}

function unitWord(unit: PooledCell['unit']): string {
  return { percent: 'percentage points', days: 'days', incidents: 'incidents', sd: 'SD', value: 'units', effect_size: 'effect size', reported: 'as reported' }[unit];
}

/** The factor from a cell's stored scale to the one shown: 100 for rates (proportions shown as percentage points), else 1. */
export function displayFactor(c: Pick<PooledCell, 'unit' | 'scale'>): number {
  return c.unit === 'percent' && c.scale === 'difference' ? 100 : 1;
}

/** A pooled or study value on the cell's shown scale (percentage points for rates), with its sign. */
export function formatValue(c: Pick<PooledCell, 'unit' | 'scale'>, v: number | null): string {
  if (v === null) return '—';
  if (c.scale === 'difference' && c.unit !== 'effect_size' && c.unit !== 'reported') return formatDifference({ unit: c.unit }, v);
  return signed(v, 3);
}

/** A CI as "[low, high]" on the cell's shown scale. */
export function formatCi(c: Pick<PooledCell, 'unit' | 'scale'>, low: number | null, high: number | null): string {
  if (low === null || high === null) return '—';
  const k = displayFactor(c);
  const d = displayDigits(c);
  return `[${fixed(k * low, d)}, ${fixed(k * high, d)}]`;
}

/** Decimals of a shown value: 1 for percentage points, 2 for days, else 3 (as the site report prints differences). */
export function displayDigits(c: Pick<PooledCell, 'unit' | 'scale'>): number {
  if (c.scale !== 'difference') return 3;
  return c.unit === 'percent' ? 1 : c.unit === 'days' ? 2 : 3;
}

/** A small positive quantity (τ², a variance) readably: 4 decimals, or 3 significant digits below 0.001. */
export function formatSmall(v: number | null): string {
  if (v === null) return '—';
  if (v === 0) return '0';
  if (Math.abs(v) < 0.001) return v.toExponential(2).replace('-', '−');
  return fixed(v, 4);
}

/** An SE on the cell's shown scale (percentage points for rates), one decimal more than the estimate. */
export function formatSe(c: Pick<PooledCell, 'unit' | 'scale'>, v: number | null): string {
  return v === null ? '—' : fixed(displayFactor(c) * v, displayDigits(c) + 1);
}

/** τ² on the square of the cell's shown scale (pp² for rates). */
export function formatTau2(c: Pick<PooledCell, 'unit' | 'scale'>, v: number | null): string {
  const k = displayFactor(c);
  return v === null ? '—' : formatSmall(k * k * v);
}

/** A share 0..1 as a percentage with one decimal. */
export function formatShare(v: number | null): string {
  return v === null ? '—' : `${fixed(100 * v, 1)}%`;
}

/** The fit a forest plot draws as its diamond (the headline): RVE over every study when some site gives several years, else REML. */
export function diamondFit(c: PooledCell): PooledFit | null {
  return c.fits.find((f) => f.estimator === 'RVE') ?? c.fits.find((f) => f.estimator === 'REML') ?? null;
}

/** The CI a diamond spans: HKSJ for REML, CR2 for RVE. */
export function diamondCi(f: PooledFit): PooledFit['cis'][number] | null {
  return f.cis.find((x) => x.ci_method === 'hksj') ?? f.cis.find((x) => x.ci_method === 'cr2_satterthwaite') ?? f.cis[0] ?? null;
}

/** The heterogeneity line printed on a forest plot and under it: τ² (and τ on the shown scale), I², Q with df and p, each naming its estimator. */
export function heterogeneityText(c: PooledCell): string {
  const f = diamondFit(c);
  if (!f) return 'Not pooled.';
  const k = displayFactor(c);
  const tau = f.tau === null ? '' : ` (τ = ${fixed(k * f.tau, k === 100 ? 2 : 3)}${k === 100 ? ' pp' : ''})`;
  const parts = [`${f.estimator} τ² = ${formatTau2(c, f.tau2)}${k === 100 ? ' pp²' : ''}${tau}`];
  if (f.i2 !== null) parts.push(`I² = ${formatShare(f.i2)}`);
  const h = c.heterogeneity;
  const p = formatP(h?.q_p_value ?? null);
  const q = h && h.q !== null ? `Q = ${fixed(h.q, 2)} (df ${h.q_df ?? '—'}), ${p.startsWith('<') ? `p ${p}` : `p = ${p}`}` : null;
  if (h && h.rows === 'latest_year_per_site') {
    const latest = [`REML τ² = ${formatTau2(c, h.tau2_reml ?? null)}${k === 100 ? ' pp²' : ''}`, ...(h.i2_reml == null ? [] : [`I² = ${formatShare(h.i2_reml)}`]), ...(q ? [q] : [])];
    return `${parts.join(', ')}; over the latest year of each site (k = ${h.k ?? '—'}): ${latest.join(', ')}`;
  }
  if (q) parts.push(q);
  else if (f.estimator === 'RVE') parts.push('Q and I² not computed: several years of a site are dependent');
  return parts.join(', ');
}

/** A study's label: site and, when known, the school year it ends in. */
export function studyLabel(s: { site: string; year: number | null }): string {
  return s.year === null ? s.site : `${s.site} (${s.year})`;
}
