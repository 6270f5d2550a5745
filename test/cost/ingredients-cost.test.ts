import { describe, expect, it } from 'vitest';
import { type CostQuantities, CostsSchema, ingredientsCost, loggedStipendCost } from '../../src/cost/index.js';

// 200 completed visits of 30 minutes (100 visit hours); 190 educator-visit hours (e.g. 180 visits in pairs
// of 30 min = 180 h, and 20 solo visits = 10 h); 40 visiting educators in 4 schools; 180 students of 150 families
const q: CostQuantities = {
  completed_visits: 200,
  visit_hours: 100,
  educator_visit_hours: 190,
  visiting_educators: 40,
  program_schools: 4,
  visited_students: 180,
  visited_families: 150,
};

const costs = CostsSchema.parse({
  price_year: 2017,
  ingredients: [
    { name: 'stipends', basis: 'per_educator_visit_hour', unit_price: 35, payer: 'district', note: 'Sacramento rate' },
    { name: 'training', basis: 'per_visiting_educator', unit_price: 120, payer: 'grant' },
    { name: 'coordinator', basis: 'per_school', unit_price: 2500, payer: 'district' },
    { name: 'materials', basis: 'per_visit', unit_price: 5, payer: 'school' },
    { name: 'network fee', basis: 'per_site', unit_price: 3000, payer: 'grant' },
    { name: 'mileage', basis: 'per_visit_hour', unit_price: 10, payer: 'school' },
  ],
});

describe('ingredientsCost', () => {
  it('multiplies each unit price by its basis and totals them (hand calculation)', () => {
    const t = ingredientsCost(costs, q);
    expect(t.source).toBe('ingredients');
    expect(t.price_year).toBe(2017);
    expect(t.currency).toBe('USD');
    // 35 × 190 = 6,650; 120 × 40 = 4,800; 2,500 × 4 = 10,000; 5 × 200 = 1,000; 3,000 × 1; 10 × 100 = 1,000
    expect(t.ingredients.map((r) => [r.name, r.quantity, r.cost])).toEqual([
      ['stipends', 190, 6650],
      ['training', 40, 4800],
      ['coordinator', 4, 10000],
      ['materials', 200, 1000],
      ['network fee', 1, 3000],
      ['mileage', 100, 1000],
    ]);
    expect(t.ingredients[0]).toMatchObject({ basis: 'per_educator_visit_hour', unit_price: 35, payer: 'district', note: 'Sacramento rate', reason: null });
    expect(t.ingredients[1]!.note).toBeNull();
    // total 26,450: per visit 26,450/200 = 132.25, per student /180 = 146.94…, per family /150 = 176.33…
    expect(t.totals).toEqual({
      total: 26450,
      known_total: 26450,
      missing: [],
      per_completed_visit: 132.25,
      per_visited_student: 26450 / 180,
      per_visited_family: 26450 / 150,
    });
    // district 6,650 + 10,000; grant 4,800 + 3,000; school 1,000 + 1,000
    expect(t.by_payer).toEqual([
      { payer: 'district', cost: 16650 },
      { payer: 'grant', cost: 7800 },
      { payer: 'school', cost: 2000 },
    ]);
  });

  it('makes an ingredient whose quantity is not recorded null with a reason, never 0, and the total null', () => {
    const t = ingredientsCost(costs, { ...q, visit_hours: null, educator_visit_hours: null, visited_families: null });
    const byName = Object.fromEntries(t.ingredients.map((r) => [r.name, r]));
    expect(byName.stipends).toMatchObject({ quantity: null, cost: null, reason: 'educator_visit_hours_not_recorded' });
    expect(byName.mileage).toMatchObject({ quantity: null, cost: null, reason: 'visit_hours_not_recorded' });
    expect(byName.training).toMatchObject({ cost: 4800, reason: null });
    // the priced rest: 4,800 + 10,000 + 1,000 + 3,000 = 18,800
    expect(t.totals).toEqual({
      total: null,
      known_total: 18800,
      missing: ['stipends', 'mileage'],
      per_completed_visit: null,
      per_visited_student: null,
      per_visited_family: null,
    });
    expect(t.by_payer).toEqual([
      { payer: 'district', cost: null },
      { payer: 'grant', cost: 7800 },
      { payer: 'school', cost: null },
    ]);
  });

  it('gives no cost per unit when there are no units', () => {
    const t = ingredientsCost(costs, { ...q, completed_visits: 0, visited_students: 0, visited_families: 0 });
    // per_visit costs 0 here (5 × 0), the rest stays: 26,450 − 1,000
    expect(t.totals.total).toBe(25450);
    expect(t.totals.per_completed_visit).toBeNull();
    expect(t.totals.per_visited_student).toBeNull();
    expect(t.totals.per_visited_family).toBeNull();
  });

  it('refuses quantities that are not counts', () => {
    expect(() => ingredientsCost(costs, { ...q, completed_visits: -1 })).toThrow(RangeError);
    expect(() => ingredientsCost(costs, { ...q, visited_students: NaN })).toThrow(RangeError);
  });
});

describe('loggedStipendCost', () => {
  it('uses the stipend total of the log as the one ingredient', () => {
    const t = loggedStipendCost(5400, q);
    expect(t.source).toBe('logged_stipends');
    expect(t.price_year).toBeNull();
    expect(t.ingredients).toEqual([
      { name: 'stipends as logged', basis: 'as_logged', quantity: null, unit_price: null, cost: 5400, payer: null, note: null, reason: null },
    ]);
    // 5,400 / 200 = 27, / 180 = 30, / 150 = 36
    expect(t.totals).toEqual({ total: 5400, known_total: 5400, missing: [], per_completed_visit: 27, per_visited_student: 30, per_visited_family: 36 });
    expect(t.by_payer).toEqual([]);
  });

  it('leaves a per-visiting-educator ingredient unpriced when educator ids are not recorded', () => {
    const t = ingredientsCost(costs, { ...q, visiting_educators: null });
    expect(t.ingredients.find((r) => r.name === 'training')).toMatchObject({ quantity: null, cost: null, reason: 'visiting_educators_not_recorded' });
    expect(t.totals.total).toBeNull();
  });

  it('says stipends are not recorded when the log has no stipend_amount', () => {
    const t = loggedStipendCost(null, q);
    expect(t.ingredients[0]).toMatchObject({ cost: null, reason: 'stipends_not_recorded' });
    expect(t.totals.total).toBeNull();
    expect(t.totals.per_visited_student).toBeNull();
    expect(() => loggedStipendCost(-5, q)).toThrow(RangeError);
  });
});
