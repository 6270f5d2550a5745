/** The "Cost" section: the ingredients table, total and unit costs with their price basis, what could not be priced, and cost-effectiveness with Fieller and bootstrap intervals. */
import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import type { CostResults } from '../../results/fidelity-results-schema.js';
import { esc, fixed } from '../format.js';
import { htmlTable, type TableRow } from './table.js';
import { costBasisLabel, joinAnd, payerLabel } from '../labels.js';
import { COST_REASON_TEXT, EFFECTIVENESS_LABEL, bootstrapText, effectivenessMethod, fiellerText, gainText, money, priceBasisText, ratioText } from '../cost-text.js';
import { costStatement } from '../statements/implementation-statements.js';
import { shown } from '../fidelity-text.js';

const quantity = (v: number | null) => (v === null ? 'not recorded' : Number.isInteger(v) ? v.toLocaleString('en-US') : fixed(v, 1));

function ingredientsTable(c: CostResults): string {
  const body: TableRow[] = c.ingredients.map((i) => [
    esc(i.name) + (i.note ? `<div class="muted">${esc(i.note)}</div>` : ''),
    esc(costBasisLabel(i.basis)),
    i.basis === 'as_logged' ? '—' : esc(quantity(i.quantity)),
    i.unit_price === null ? '—' : esc(money(i.unit_price, c.currency, true)),
    i.cost === null ? `not priced${i.reason ? `<div class="muted">${esc(COST_REASON_TEXT[i.reason])}</div>` : ''}` : esc(money(i.cost, c.currency)),
    esc(payerLabel(i.payer)),
  ]);
  const m = (field: 'total' | 'known_total', v: number | null) => esc(shown(c, field, v, (x) => money(x, c.currency)));
  body.push([`<strong>Total</strong>`, '', '', '', `<strong>${c.total === null && !c.display?.total ? `not known (priced ingredients: ${m('known_total', c.known_total)})` : m('total', c.total)}</strong>`, '']);
  return htmlTable(['Ingredient', 'Quantity basis', 'Quantity', 'Unit price', 'Cost', 'Payer'], body, [false, false, true, true, true, false]);
}

function unitCosts(c: CostResults): string {
  const u = (field: 'per_completed_visit' | 'per_visited_student' | 'per_visited_family', v: number | null) => esc(shown(c, field, v, (x) => money(x, c.currency)));
  const q = c.quantities as CostResults['quantities'] & { display?: Record<string, string> };
  const n = (field: 'completed_visits' | 'visited_students' | 'visited_families', what: string) => {
    const v = q[field];
    const d = q.display?.[field];
    if (d !== undefined) return `${d} ${what}`;
    return v === null ? `${what}: not recorded` : `${v.toLocaleString('en-US')} ${what}`;
  };
  return htmlTable(
    ['Cost per', 'Amount', 'Over'],
    [
      ['completed visit', u('per_completed_visit', c.per_completed_visit), esc(n('completed_visits', 'completed visits'))],
      ['visited student', u('per_visited_student', c.per_visited_student), esc(n('visited_students', 'visited students'))],
      ['visited family', u('per_visited_family', c.per_visited_family), esc(n('visited_families', 'visited families'))],
    ],
    [false, true, false],
  );
}

function payers(c: CostResults): string {
  if (c.by_payer.length < 2) return '';
  return htmlTable(['Payer', 'Cost'], c.by_payer.map((b) => [esc(b.payer), b.cost === null ? 'not known' : esc(money(b.cost, c.currency))]), [false, true], { caption: 'Cost by payer' });
}

function effectivenessTable(c: CostResults): string {
  if (!c.effectiveness.length) return '<p>No cost-effectiveness ratio was computed (no estimate of chronic absence or days absent).</p>';
  const body: TableRow[] = c.effectiveness.map((e) => [
    esc(EFFECTIVENESS_LABEL[e.unit]) + `<div class="muted">estimate: ${esc(effectivenessMethod(e))}</div>`,
    e.suppressed ? '' : esc(gainText(e)),
    esc(ratioText(e, c.currency)),
    esc(fiellerText(e, c.currency)),
    esc(bootstrapText(e, c.currency)),
  ]);
  return htmlTable(['Ratio', 'Gain per visited student', 'Cost per unit of gain', 'Fieller 95% interval', 'Bootstrap 95% interval'], body, [false, false, true, false, false]);
}

/** The "Cost" section from the gated cost block; empty when the results have none. */
export function costSection(p: Publishable<Results>): string {
  const c = p.data.cost;
  if (!c) return '';
  const statement = costStatement(p);
  const priced = c.ingredients.filter((i) => i.cost !== null).map((i) => i.name);
  const source =
    c.source === 'logged_stipends'
      ? 'The pipeline file has no <code>costs:</code> block, so the cost is the total of the stipends recorded in the visit log (amounts as paid, not adjusted to a price year); training, coordination and materials are not included.'
      : `Cost by the ingredients method (Levin &amp; Belfield 2015): each ingredient’s quantity in the outcome year times its unit price, all in ${esc(priceBasisText(c))}.`;
  return `<section id="cost"><h2>Cost</h2>
${statement ? `<p><strong>${esc(statement)}</strong></p>` : ''}
<p>${source} Assumptions: ${esc(priceBasisText(c))}; included: ${priced.length ? esc(joinAnd(priced)) : 'no priced ingredient'}.${c.missing.length ? ` Could not be priced: ${esc(joinAnd(c.missing))}, so the total is not known and the unit costs are not given.` : ''}</p>
${ingredientsTable(c)}
${unitCosts(c)}
${payers(c)}
<h3>Cost-effectiveness</h3>
<p>The cost per visited student divided by the gain per visited student of the reported estimate (visited − comparison): the cost per additional student not chronically absent, and the cost per day of absence avoided. The Fieller 95% interval treats the cost as fixed; beside it, a seeded bootstrap interval that resamples schools. When the effect’s confidence interval includes zero, no finite interval exists and the table says so in words. These ratios carry every caution of the estimate they rest on: the comparison is not randomised.</p>
${effectivenessTable(c)}
${c.effectiveness.some((e) => e.bootstrap_estimator !== null && e.method !== 'regression') ? '<p>The bootstrap refits the linear regression-adjusted difference; where a ratio rests on another estimate (' + esc(joinAnd([...new Set(c.effectiveness.filter((e) => e.method !== 'regression').map((e) => effectivenessMethod(e)))])) + '), its bootstrap interval describes a different estimator and can disagree with the Fieller interval: read the Fieller interval as the one that goes with the ratio, and the bootstrap as a check on its shape.</p>' : ''}
<p class="muted">Every row is in <code>tables/costs.csv</code>.</p>
</section>`;
}
