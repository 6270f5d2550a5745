/** Cost by the ingredients method and cost-effectiveness ratios with Fieller and bootstrap intervals. */
export { COST_BASES, CostsSchema, IngredientSchema, type CostBasis, type Costs, type Ingredient } from './cost-schema.js';
export {
  ingredientsCost,
  loggedStipendCost,
  LOGGED_STIPENDS,
  type CostQuantities,
  type CostRow,
  type CostRowReason,
  type CostTable,
  type CostTotals,
  type PayerCost,
} from './ingredients-cost.js';
export {
  costEffectiveness,
  type BootstrapRatioInterval,
  type CostEffectiveness,
  type CostEffectivenessInput,
  type CostEffectivenessOutcome,
  type CostEffectivenessStatus,
  type EffectEstimate,
} from './cost-effectiveness.js';
export { costResults, BOOTSTRAP_REPS, COST_EFFECTIVENESS_OUTCOMES } from './cost-results.js';
