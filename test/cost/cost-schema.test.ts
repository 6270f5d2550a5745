import { describe, expect, it } from 'vitest';
import { CostsSchema } from '../../src/cost/cost-schema.js';
import { parsePipeline } from '../../src/config/load-pipeline.js';
import { InputError } from '../../src/util/input-error.js';

const ingredient = { name: 'stipends', basis: 'per_educator_visit_hour', unit_price: 35, payer: 'district' };

describe('CostsSchema', () => {
  it('defaults the currency to USD and keeps the ingredients', () => {
    const c = CostsSchema.parse({ price_year: 2017, ingredients: [ingredient] });
    expect(c.currency).toBe('USD');
    expect(c.ingredients).toEqual([ingredient]);
  });

  it('refuses an unknown basis, a negative price, duplicate names, unknown keys and an empty list', () => {
    expect(CostsSchema.safeParse({ price_year: 2017, ingredients: [{ ...ingredient, basis: 'per_hour' }] }).success).toBe(false);
    expect(CostsSchema.safeParse({ price_year: 2017, ingredients: [{ ...ingredient, unit_price: -1 }] }).success).toBe(false);
    expect(CostsSchema.safeParse({ price_year: 2017, ingredients: [ingredient, ingredient] }).success).toBe(false);
    expect(CostsSchema.safeParse({ price_year: 2017, ingredients: [{ ...ingredient, price: 3 }] }).success).toBe(false);
    expect(CostsSchema.safeParse({ price_year: 2017, ingredients: [] }).success).toBe(false);
    expect(CostsSchema.safeParse({ ingredients: [ingredient] }).success).toBe(false);
  });
});

describe('the pipeline costs block', () => {
  const base = {
    name: 'X',
    site: 'x',
    outcome_year: 2017,
    sources: { students: { path: 's.csv' }, visits: { path: 'v.csv' }, attendance: { path: 'a.csv' } },
    output: 'out',
  };

  it('is optional and parsed when given', () => {
    expect(parsePipeline(base, 'p.yaml').costs).toBeUndefined();
    const p = parsePipeline({ ...base, costs: { price_year: 2017, ingredients: [ingredient] } }, 'p.yaml');
    expect(p.costs?.ingredients[0]?.unit_price).toBe(35);
  });

  it('turns a mistake into one InputError sentence', () => {
    const bad = { ...base, costs: { price_year: 2017, ingredients: [{ ...ingredient, basis: 'per_hour' }] } };
    expect(() => parsePipeline(bad, 'p.yaml')).toThrow(InputError);
    expect(() => parsePipeline(bad, 'p.yaml')).toThrow(/"costs.ingredients\[0\].basis" must be one of per_visit, .*\(got "per_hour"\)/);
    expect(() => parsePipeline({ ...base, costs: { price_yr: 2017, ingredients: [ingredient] } }, 'p.yaml')).toThrow(
      /unknown key "price_yr"; did you mean "price_year"\?/,
    );
  });
});
