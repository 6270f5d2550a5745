/** tables/fidelity.csv and tables/costs.csv from the gated fidelity and cost blocks: hidden values as their display text, a practice that is not recorded as "not recorded". */
import { join } from 'node:path';
import type { FidelityResults, FidelityRow } from '../../results/fidelity-results-schema.js';
import type { CostResults } from '../../results/fidelity-results-schema.js';
import { SHARE_MEASURES } from '../../results/fidelity-results-schema.js';
import { TARGETING_COVARIATES } from '../../fidelity/fidelity-schema.js';
import { writeCsv } from '../../util/csv.js';
import { shownValue } from '../format.js';
import { shareCell } from '../fidelity-text.js';
import { COST_REASON_TEXT } from '../cost-text.js';

type Cell = string | number | boolean | null;

const ROW_FIELDS = ['program_school', 'suppressed', 'students', 'students_visited', 'reach', 'at_threshold', 'families', 'families_visited', 'visiting_educators', 'visits_completed', 'visits_attempted', 'visits_cancelled', 'visits_declined', 'median_lead_days', 'stipend_total', 'summer_visits', 'school_year_visits', 'first_school_day', 'median_days_to_first_visit', 'score'] as const;

/** The header of tables/fidelity.csv. */
export const FIDELITY_CSV_HEADER = [
  'school_id',
  ...ROW_FIELDS,
  ...SHARE_MEASURES.flatMap((m) => [`${m}_share`, `${m}_numerator`, `${m}_denominator`]),
  'targeting',
  'targeting_on',
  'self_selection',
  'self_selection_on',
  ...TARGETING_COVARIATES.map((c) => `smd_${c}`),
  'score_components',
];

function fidelityRow(row: FidelityRow, recordedFamilies: boolean): Cell[] {
  const shares = SHARE_MEASURES.flatMap((m): Cell[] => {
    const c = shareCell(row, m);
    if (!c || !c.recorded) return ['not recorded', null, null];
    return [shownValue(c, 'share'), shownValue(c, 'numerator'), shownValue(c, 'denominator')];
  });
  const t = row.targeting;
  const hiddenT = row.display?.targeting;
  const smd = TARGETING_COVARIATES.map((cov): Cell => {
    const c = t?.covariates.find((x) => x.covariate === cov);
    return c ? shownValue(c, 'smd') : null;
  });
  return [
    row.school_id ?? 'site',
    ...ROW_FIELDS.map((f): Cell => ((f === 'families' || f === 'families_visited') && !recordedFamilies ? 'not recorded' : shownValue(row, f))),
    ...shares,
    hiddenT ?? t?.targeting ?? null,
    hiddenT !== undefined ? null : (t?.targeting_on.join(';') ?? null),
    hiddenT !== undefined ? null : (t?.self_selection ?? null),
    hiddenT !== undefined ? null : (t?.self_selection_on.join(';') ?? null),
    ...smd,
    row.display?.score ?? (row.score_components.map((c) => `${c.practice}=${c.value}`).join(';') || null),
  ];
}

/** Write tables/fidelity.csv (one row per school, then the site) and tables/fidelity_by_month.csv. */
export function writeFidelityCsv(dir: string, f: FidelityResults): void {
  const families = f.recorded.family_id !== false;
  writeCsv(join(dir, 'tables', 'fidelity.csv'), FIDELITY_CSV_HEADER, [...f.schools, f.site].map((r) => fidelityRow(r, families)));
  writeCsv(join(dir, 'tables', 'fidelity_by_month.csv'), ['month', 'completed_visits'], f.months.map((m) => [m.month, shownValue(m, 'visits')]));
}

/** The header of tables/costs.csv. */
export const COSTS_CSV_HEADER = ['section', 'item', 'basis', 'quantity', 'unit_price', 'cost', 'payer', 'note', 'method', 'gain', 'status', 'ratio', 'fieller_low', 'fieller_high', 'bootstrap_status', 'bootstrap_low', 'bootstrap_high', 'bootstrap_reps', 'bootstrap_estimator'];

/** Write tables/costs.csv: the assumptions, the ingredients, payers, totals and unit costs, then the cost-effectiveness rows. */
export function writeCostsCsv(dir: string, c: CostResults): void {
  const pad = (cells: Cell[]) => [...cells, ...Array<Cell>(COSTS_CSV_HEADER.length - cells.length).fill(null)];
  const rows: Cell[][] = [
    pad(['assumption', 'source', null, null, null, null, null, c.source]),
    pad(['assumption', 'price_year', null, null, null, null, null, c.price_year === null ? 'nominal (as logged)' : c.price_year]),
    pad(['assumption', 'currency', null, null, null, null, null, c.currency]),
    ...c.ingredients.map((i) => pad(['ingredient', i.name, i.basis, i.quantity, i.unit_price, i.cost, i.payer, i.reason ? COST_REASON_TEXT[i.reason] : i.note])),
    ...c.by_payer.map((b) => pad(['payer', b.payer, null, null, null, b.cost, b.payer])),
    ...(['total', 'known_total', 'per_completed_visit', 'per_visited_student', 'per_visited_family'] as const).map((k) => pad(['total', k, null, null, null, shownValue(c, k)])),
    ...c.effectiveness.map((e) => {
      const v = (k: keyof typeof e & string): Cell => (e.suppressed ? (e.display?.[k] ?? null) : shownValue(e, k));
      return [
        'effectiveness',
        e.unit,
        null,
        null,
        null,
        null,
        null,
        e.outcome,
        e.method,
        v('gain'),
        e.suppressed ? 'suppressed' : e.status,
        v('ratio'),
        v('fieller_low'),
        v('fieller_high'),
        e.suppressed ? null : e.bootstrap_status,
        v('bootstrap_low'),
        v('bootstrap_high'),
        e.bootstrap_reps,
        e.bootstrap_estimator,
      ];
    }),
  ];
  writeCsv(join(dir, 'tables', 'costs.csv'), COSTS_CSV_HEADER, rows);
}
