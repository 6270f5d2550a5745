/**
 * The ingredients method (Levin & Belfield 2015): cost = Σ quantity × unit price over the priced
 * ingredients, with the totals per completed visit, per visited student and per visited family.
 * A quantity the visit log does not record (no duration_min, no educator count) makes that
 * ingredient's cost null with a reason, never 0, and the total is then null too (the partial sum
 * of the priced ingredients stays in `known_total`).
 */
import type { CostBasis, Costs, Ingredient } from './cost-schema.js';

/** The quantities of year Y that the bases refer to (completed visits only). */
export interface CostQuantities {
  completed_visits: number;
  /** Σ duration_min / 60 over completed visits; null when durations are not recorded. */
  visit_hours: number | null;
  /** Σ duration_min / 60 × visiting educators over completed visits; null when either is not recorded. */
  educator_visit_hours: number | null;
  /** Distinct educators with at least one completed visit; null when educator_ids is not recorded. */
  visiting_educators: number | null;
  /** Schools with at least one completed visit. */
  program_schools: number;
  visited_students: number;
  /** Distinct families visited; null without family_id. */
  visited_families: number | null;
}

/** Why a cost row has no cost. */
export type CostRowReason = 'visit_hours_not_recorded' | 'educator_visit_hours_not_recorded' | 'visiting_educators_not_recorded' | 'stipends_not_recorded';

/** One line of the ingredients table. */
export interface CostRow {
  name: string;
  /** The quantity basis, or as_logged for the stipend total taken from the visit log. */
  basis: CostBasis | 'as_logged';
  quantity: number | null;
  unit_price: number | null;
  cost: number | null;
  payer: string | null;
  note: string | null;
  reason: CostRowReason | null;
}

/** Cost borne by one payer (null when one of its ingredients has no cost). */
export interface PayerCost {
  payer: string;
  cost: number | null;
}

/** Total cost and cost per unit of reach. */
export interface CostTotals {
  /** Σ cost over all ingredients; null when any ingredient's cost is null. */
  total: number | null;
  /** Σ cost over the ingredients that have one. */
  known_total: number;
  /** Names of the ingredients whose cost is null. */
  missing: string[];
  per_completed_visit: number | null;
  per_visited_student: number | null;
  per_visited_family: number | null;
}

/** The ingredients table with its totals and the assumptions it rests on. */
export interface CostTable {
  /** ingredients: from the pipeline's costs block; logged_stipends: Σ stipend_amount of the visit log. */
  source: 'ingredients' | 'logged_stipends';
  /** Price year of the unit prices; null for logged stipends (nominal amounts as paid). */
  price_year: number | null;
  currency: string;
  ingredients: CostRow[];
  by_payer: PayerCost[];
  totals: CostTotals;
}

/** Name of the single ingredient used when the pipeline has no costs block. */
export const LOGGED_STIPENDS = 'stipends as logged';

/** The ingredients table and totals for a pipeline's costs block and the year's quantities. */
export function ingredientsCost(costs: Costs, q: CostQuantities): CostTable {
  checkQuantities(q);
  const rows = costs.ingredients.map((ing) => costRow(ing, q));
  return table('ingredients', costs.price_year, costs.currency, rows, q);
}

/** The fallback without a costs block: one ingredient, the stipend_amount total of completed visits (null when not recorded). */
export function loggedStipendCost(stipendTotal: number | null, q: CostQuantities, currency = 'USD'): CostTable {
  checkQuantities(q);
  if (stipendTotal !== null && !(Number.isFinite(stipendTotal) && stipendTotal >= 0)) {
    throw new RangeError(`loggedStipendCost: the stipend total must be a finite number ≥ 0 or null, got ${stipendTotal}`);
  }
  const row: CostRow = {
    name: LOGGED_STIPENDS,
    basis: 'as_logged',
    quantity: null,
    unit_price: null,
    cost: stipendTotal,
    payer: null,
    note: null,
    reason: stipendTotal === null ? 'stipends_not_recorded' : null,
  };
  return table('logged_stipends', null, currency, [row], q);
}

function basisQuantity(basis: CostBasis, q: CostQuantities): { quantity: number | null; reason: CostRowReason | null } {
  switch (basis) {
    case 'per_visit':
      return { quantity: q.completed_visits, reason: null };
    case 'per_visit_hour':
      return q.visit_hours === null ? { quantity: null, reason: 'visit_hours_not_recorded' } : { quantity: q.visit_hours, reason: null };
    case 'per_educator_visit_hour':
      return q.educator_visit_hours === null
        ? { quantity: null, reason: 'educator_visit_hours_not_recorded' }
        : { quantity: q.educator_visit_hours, reason: null };
    case 'per_visiting_educator':
      return q.visiting_educators === null ? { quantity: null, reason: 'visiting_educators_not_recorded' } : { quantity: q.visiting_educators, reason: null };
    case 'per_school':
      return { quantity: q.program_schools, reason: null };
    case 'per_site':
      return { quantity: 1, reason: null };
  }
}

function costRow(ing: Ingredient, q: CostQuantities): CostRow {
  const { quantity, reason } = basisQuantity(ing.basis, q);
  return {
    name: ing.name,
    basis: ing.basis,
    quantity,
    unit_price: ing.unit_price,
    cost: quantity === null ? null : quantity * ing.unit_price,
    payer: ing.payer,
    note: ing.note ?? null,
    reason,
  };
}

function perUnit(total: number | null, units: number | null): number | null {
  return total === null || units === null || units === 0 ? null : total / units;
}

function table(
  source: CostTable['source'],
  priceYear: number | null,
  currency: string,
  rows: CostRow[],
  q: CostQuantities,
): CostTable {
  const missing = rows.filter((r) => r.cost === null).map((r) => r.name);
  const known_total = rows.reduce((s, r) => s + (r.cost ?? 0), 0);
  const total = missing.length > 0 ? null : known_total;
  const payers = new Map<string, number | null>();
  for (const r of rows) {
    if (r.payer === null) continue;
    const prev = payers.has(r.payer) ? payers.get(r.payer)! : 0;
    payers.set(r.payer, prev === null || r.cost === null ? null : prev + r.cost);
  }
  return {
    source,
    price_year: priceYear,
    currency,
    ingredients: rows,
    by_payer: [...payers].map(([payer, cost]) => ({ payer, cost })),
    totals: {
      total,
      known_total,
      missing,
      per_completed_visit: perUnit(total, q.completed_visits),
      per_visited_student: perUnit(total, q.visited_students),
      per_visited_family: perUnit(total, q.visited_families),
    },
  };
}

function checkQuantities(q: CostQuantities): void {
  for (const [name, v] of Object.entries(q)) {
    if (v === null && (name === 'visit_hours' || name === 'educator_visit_hours' || name === 'visiting_educators' || name === 'visited_families')) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
      throw new RangeError(`cost quantities: ${name} must be a finite number ≥ 0, got ${v}`);
    }
  }
}
