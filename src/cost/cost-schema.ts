import { z } from 'zod';

/** Quantity bases of an ingredient: what its unit price is multiplied by (year Y, completed visits). */
export const COST_BASES = [
  'per_visit',
  'per_visit_hour',
  'per_educator_visit_hour',
  'per_visiting_educator',
  'per_school',
  'per_site',
] as const;
export type CostBasis = (typeof COST_BASES)[number];

/** One ingredient of the ingredients method (Levin & Belfield): a priced resource, its quantity basis and who pays. */
export const IngredientSchema = z
  .object({
    name: z.string().min(1).describe('what the resource is, e.g. "teacher stipends", "training", "coordinator time", "materials"'),
    basis: z
      .enum(COST_BASES)
      .describe(
        'quantity the unit price is multiplied by, over completed visits in Y: ' +
          'per_visit = number of completed visits; ' +
          'per_visit_hour = Σ duration_min / 60 (visit hours, e.g. a family-liaison or mileage rate per hour); ' +
          'per_educator_visit_hour = Σ duration_min / 60 × visiting educators of each visit (an hourly stipend paid to every educator on the visit, e.g. $35 an hour); ' +
          'per_visiting_educator = distinct educators with a completed visit (e.g. training per educator); ' +
          'per_school = program schools (schools with a completed visit, e.g. coordinator time per school); ' +
          'per_site = 1 (a fixed cost of the whole program, e.g. the network fee)',
      ),
    unit_price: z.number().min(0).describe('price of one unit of the basis, in the currency of the price year'),
    payer: z.string().min(1).describe('who bears the cost, e.g. district, school, Title I, foundation grant'),
    note: z.string().optional().describe('source or assumption behind the price, shown in the ingredients table'),
  })
  .strict();
export type Ingredient = z.infer<typeof IngredientSchema>;

/** The optional `costs:` block of a pipeline file: priced ingredients in one price year. */
export const CostsSchema = z
  .object({
    price_year: z.number().int().min(1990).max(2100).describe('the year whose prices every unit price is stated in'),
    currency: z.string().min(1).default('USD').describe('currency of every unit price'),
    ingredients: z
      .array(IngredientSchema)
      .min(1)
      .refine((list) => new Set(list.map((i) => i.name)).size === list.length, 'ingredient names must be unique')
      .describe('the priced resources (ingredients method, Levin & Belfield 2015)'),
  })
  .strict()
  .describe('cost by the ingredients method; without this block the cost is the stipend_amount total of the visit log');
export type Costs = z.infer<typeof CostsSchema>;
