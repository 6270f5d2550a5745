import type { Costs } from './cost-schema.js';
import { ingredientsCost, loggedStipendCost, type CostQuantities } from './ingredients-cost.js';
import { costEffectiveness, type CostEffectivenessOutcome } from './cost-effectiveness.js';
import type { FidelityUnit } from '../fidelity/fidelity-schema.js';
import type { OutcomeResult } from '../results/results-schema.js';
import type { CostEffectivenessResult, CostResults } from '../results/fidelity-results-schema.js';
import { headlineEstimate } from '../results/headline-estimate.js';

/** Bootstrap replicates of the cost-effectiveness interval (schools drawn with replacement, seeded by the pipeline's seed). */
export const BOOTSTRAP_REPS = 999;

/** The outcomes a cost per unit of gain is given for. */
export const COST_EFFECTIVENESS_OUTCOMES: readonly CostEffectivenessOutcome[] = ['chronic_absence', 'days_absent'];

/** The cost of one gain on one outcome, from the reported (headline) estimate; null when the outcome has no headline. */
function effectiveness(outcome: OutcomeResult | undefined, costPerStudent: number, draws: Float64Array | undefined): CostEffectivenessResult | null {
  if (!outcome) return null;
  const e = headlineEstimate(outcome)?.estimate;
  if (!e || e.estimate === null || e.se === null || e.ci_low === null || e.ci_high === null) return null;
  const ce = costEffectiveness({
    outcome: outcome.outcome as CostEffectivenessOutcome,
    cost_per_student: costPerStudent,
    effect: { estimate: e.estimate, se: e.se, df: e.df ?? null, ci_low: e.ci_low, ci_high: e.ci_high },
    draws: draws ?? null,
  });
  const b = ce.bootstrap;
  return {
    outcome: ce.outcome,
    unit: ce.unit,
    method: e.method,
    gain: ce.gain,
    status: ce.status,
    ratio: ce.ratio,
    fieller_low: ce.interval?.low ?? null,
    fieller_high: ce.interval?.high ?? null,
    bootstrap_status: b?.kind ?? null,
    bootstrap_low: b?.kind === 'bounded' ? b.low : null,
    bootstrap_high: b?.kind === 'bounded' ? b.high : null,
    bootstrap_reps: draws ? draws.length : null,
    bootstrap_estimator: draws ? 'regression_linear' : null,
    suppressed: false,
  };
}

/**
 * The cost block of the results (before the privacy gate): the ingredients of the pipeline's `costs:` block priced
 * with the site's quantities, or the stipends as logged when there is none; totals per completed visit, visited
 * student and family; and the cost per additional student not chronically absent and per absence avoided, from
 * each outcome's reported estimate, with Fieller's interval and the bootstrap one.
 */
export function costResults(costs: Costs | undefined, site: FidelityUnit, outcomes: readonly OutcomeResult[], draws: ReadonlyMap<string, Float64Array>): CostResults {
  const q: CostQuantities = { ...site.cost, visited_students: site.cost.visited_students };
  const table = costs ? ingredientsCost(costs, q) : loggedStipendCost(site.practices.stipend_total, q, 'USD');
  const perStudent = table.totals.per_visited_student;
  return {
    source: table.source,
    price_year: table.price_year,
    currency: table.currency,
    ingredients: table.ingredients.map((r) => ({ ...r, basis: r.basis })),
    by_payer: table.by_payer,
    total: table.totals.total,
    known_total: table.totals.known_total,
    missing: table.totals.missing,
    per_completed_visit: table.totals.per_completed_visit,
    per_visited_student: perStudent,
    per_visited_family: table.totals.per_visited_family,
    quantities: site.cost,
    effectiveness:
      perStudent === null
        ? []
        : COST_EFFECTIVENESS_OUTCOMES.flatMap((name) => {
            const r = effectiveness(outcomes.find((o) => o.outcome === name), perStudent, draws.get(name));
            return r ? [r] : [];
          }),
  };
}
