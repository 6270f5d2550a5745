import type { Results } from '../results/results-schema.js';
import { Publishable } from '../privacy/privacy-gate.js';
import { InputError } from '../util/input-error.js';
import { OUTCOMES } from '../estimate/outcomes.js';
import { hedgesGStandardError, coxIndexStandardError } from '../stats/index.js';
import {
  BUNDLE_EXTRACTS,
  BUNDLE_VERSION,
  STATE_NAME,
  type Bundle,
  type BundleEstimate,
  type BundleOutcome,
} from './bundle-schema.js';

const NUMBERS = ['estimate', 'se', 'df', 'ci_low', 'ci_high', 'p_value', 'n_treated', 'n_comparison', 'effect_size', 'effect_size_se'] as const;

type ResultEstimate = Results['outcomes'][number]['estimates'][number];

/** The effect size's SE from the gated numbers (null when one it needs is hidden or the SE is undefined). */
function effectSizeSe(e: ResultEstimate): number | null {
  const { effect_size: g, n_treated: n1, n_comparison: n2 } = e;
  if (g == null || n1 == null || n2 == null) return null;
  const se =
    e.effect_size_type === 'hedges_g'
      ? hedgesGStandardError(g, n1, n2)
      : e.mean_treated == null || e.mean_comparison == null
        ? NaN
        : coxIndexStandardError(e.mean_treated, e.mean_comparison, n1, n2);
  return Number.isFinite(se) && se > 0 ? se : null;
}

/** One estimate as a bundle carries it: everything null when the site's gate suppressed it. */
function bundleEstimate(e: ResultEstimate): BundleEstimate {
  const hidden = e.suppressed || e.estimate == null || e.se == null;
  const out: BundleEstimate = {
    method: e.method,
    estimate: e.estimate,
    se: e.se,
    se_type: e.se_type ?? null,
    df: e.df,
    ci_low: e.ci_low,
    ci_high: e.ci_high,
    p_value: e.p_value,
    n_treated: e.n_treated,
    n_comparison: e.n_comparison,
    effect_size: e.effect_size,
    effect_size_type: e.effect_size_type,
    effect_size_se: effectSizeSe(e),
    baseline_verdict: e.baseline?.verdict ?? 'not_assessed',
    suppressed: hidden,
  };
  if (hidden) for (const k of NUMBERS) out[k] = null;
  return out;
}

/** The site's reach, fidelity score and practice shares, from the gated fidelity block (null without one). */
function implementation(r: Results): Pick<Bundle, 'schools' | 'reach' | 'fidelity'> {
  const f = r.fidelity;
  if (!f) return { schools: null, reach: null, fidelity: null };
  const program = f.schools.filter((s) => s.program_school);
  return {
    schools: f.schools.length,
    reach: {
      share: f.site.reach,
      threshold: f.settings.reach_threshold,
      schools_at_threshold: program.filter((s) => s.at_threshold === true).length,
      program_schools: program.length,
    },
    fidelity: {
      score: f.site.score,
      practice_shares: f.site.shares.map((s) => ({ measure: s.measure, recorded: s.recorded, share: s.share })),
    },
  };
}

/** The cost summary: total, per visited student, currency and price year (null without a cost block). */
function costSummary(r: Results): Bundle['cost'] {
  const c = r.cost;
  if (!c) return null;
  return { source: c.source, total: c.total, per_visited_student: c.per_visited_student, currency: c.currency.toUpperCase(), price_year: c.price_year };
}

/**
 * Build a site's network bundle from its gated results only: estimates per outcome × method (a suppressed one
 * with every number null), definitions, reach, fidelity and cost summaries, provenance hashes; no subgroup,
 * school or free-text field. A run of `hve compare`, or one without an outcome year, is refused.
 */
export function buildBundle(p: Publishable<Results>): Bundle {
  if (!Publishable.isSealed(p)) throw new Error('buildBundle takes results that came through the privacy gate');
  const r = p.data;
  if (r.definitions.source !== 'pipeline' || r.definitions.comparison_group == null) {
    throw new InputError(`A bundle is made from an \`hve run\` folder; ${r.site} comes from \`hve compare\` (an analytic file), whose outcomes and definitions a network cannot pool.`);
  }
  if (r.outcome_year == null) throw new InputError(`The results of ${r.site} name no outcome year, and a bundle needs one.`);
  if (r.state != null && !STATE_NAME.test(r.state)) {
    throw new InputError(`The state of ${r.site} ("${r.state}") is not a state code or name (letters, spaces, dots and hyphens only); set state: in the pipeline file and rerun.`);
  }
  const { chronic_threshold, min_days_enrolled, proficient_level } = r.definitions;
  if (chronic_threshold == null || min_days_enrolled == null || proficient_level == null) {
    throw new InputError(`The results of ${r.site} lack a definition (chronic threshold, minimum days or proficiency cut), and a bundle needs all three.`);
  }
  const known = new Set(OUTCOMES.map((o) => o.outcome));
  const outcomes: BundleOutcome[] = r.outcomes
    .filter((o) => known.has(o.outcome) && o.unit !== 'value')
    .map((o) => ({
      outcome: o.outcome,
      type: o.type,
      unit: o.unit as BundleOutcome['unit'],
      lower_is_better: o.lower_is_better,
      estimates: o.estimates.map(bundleEstimate),
    }));
  const extracts = new Set<string>(BUNDLE_EXTRACTS);
  return {
    bundle_version: BUNDLE_VERSION,
    site: r.site,
    state: r.state,
    outcome_year: r.outcome_year,
    ...implementation(r),
    provenance: {
      software: 'home-visit-eval',
      software_version: r.provenance.software_version,
      results_schema_version: r.schema_version,
      pipeline_sha256: r.provenance.pipeline_sha256,
      inputs: r.provenance.inputs.filter((i) => extracts.has(i.extract)).map((i) => ({ extract: i.extract as (typeof BUNDLE_EXTRACTS)[number], sha256: i.sha256 })),
    },
    definitions: { chronic_threshold, min_days_enrolled, proficient_level, comparison_group: r.definitions.comparison_group },
    min_cell: p.minCell,
    outcomes,
    cost: costSummary(r),
  };
}
