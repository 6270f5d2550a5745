import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Results, ContrastResult } from '../../results/results-schema.js';
import type { Publishable } from '../../privacy/publishable.js';
import { writeCsv } from '../../util/csv.js';
import { notesText, contrastNoteWords } from '../note-text.js';
import { groupTerms } from '../group-terms.js';
import { shownValue } from '../format.js';
import { writeFidelityCsv, writeCostsCsv } from './implementation-tables.js';
import { writeSurveyTables } from '../../survey/survey-tables.js';

/** Write the CSV tables of a run (tables/*.csv) from gated results: every hidden value as its display text, notes as sentences. */
export function writeTables(dir: string, p: Publishable<Results>): void {
  const r = p.data;
  const words = { treated: groupTerms(r).treated };
  const notes = (n: Parameters<typeof notesText>[0]) => notesText(n, words, p.fewerThan);
  mkdirSync(join(dir, 'tables'), { recursive: true });
  const t = (name: string) => join(dir, 'tables', name);
  writeSurveyTables(dir, p);

  const flowCols = ['students', 'visited', 'comparison', 'excluded'] as const;
  writeCsv(t('sample_flow.csv'), ['step', ...flowCols], r.sample_flow.map((s) => [s.step, ...flowCols.map((k) => shownValue(s, k))]));

  const estCols = ['method', 'estimand', 'se_type', 'n_treated', 'n_comparison', 'mean_treated', 'mean_comparison', 'estimate', 'se', 'df', 'ci_low', 'ci_high', 'p_value', 'effect_size', 'effect_size_type', 'improvement_index', 'ratio', 'ratio_type', 'ratio_ci_low', 'ratio_ci_high', 'bh_p_value', 'bh_significant', 'suppressed'] as const;
  writeCsv(
    t('outcomes.csv'),
    ['outcome', 'domain', 'type', 'lower_is_better', ...estCols, 'baseline_verdict', 'notes'],
    r.outcomes.flatMap((o) => o.estimates.map((e) => [o.outcome, o.domain, o.type, o.lower_is_better, ...estCols.map((k) => shownValue(e, k)), e.baseline?.verdict ?? null, notes(e.notes)])),
  );
  writeCsv(
    t('row_accounting.csv'),
    ['extract', 'path', 'sha256', 'rows_read', 'rows_accepted', 'rows_rejected', 'rejected_by_reason'],
    r.provenance.inputs.map((i) => [i.extract, i.path, i.sha256, i.rows_read, i.rows_accepted, i.rows_rejected, Object.entries(i.rejected_by_reason).map(([k, n]) => `${k}=${n}`).join(';')]),
  );
  const contrastCols = ['analysis', 'outcome', 'level', 'reference', 'n_level', 'n_reference', 'mean_level', 'mean_reference', 'estimate', 'se', 'ci_low', 'ci_high', 'p_value', 'interaction_p_value', 'ratio', 'ratio_ci_low', 'ratio_ci_high', 'model', 'se_type', 'clusters', 'descriptive', 'suppressed'] as const;
  for (const [name, table, rows] of [['subgroups', 'subgroups', r.subgroups], ['dose_timing', 'dose', r.dose], ['school_level', 'school_level', r.school_level]] as const) {
    if (!rows) continue;
    const schoolCols = name === 'school_level' ? ['n_schools_level', 'n_schools_reference', 'min_schools_per_arm'] : [];
    const schools = (c: ContrastResult) => (schoolCols.length ? [c.schools?.level ?? null, c.schools?.reference ?? null, c.schools?.min_per_arm ?? null] : []);
    writeCsv(t(`${name}.csv`), [...contrastCols, ...schoolCols, 'notes'], rows.map((c) => [...contrastCols.map((k) => shownValue(c, k)), ...schools(c), notesText(c.notes, contrastNoteWords(table, c.analysis, words.treated), p.fewerThan)]));
  }
  if (r.balance) {
    const balCols = ['n_treated', 'n_comparison', 'mean_treated', 'mean_comparison', 'effect_size', 'effect_size_type', 'band', 'variance_ratio', 'suppressed'] as const;
    writeCsv(
      t('balance.csv'),
      ['sample', 'covariate', 'binary', ...balCols],
      r.balance.flatMap((b) => b.rows.map((x) => [b.sample, x.name, x.binary, ...balCols.map((k) => shownValue(x, k))])),
    );
  }
  if (r.fidelity) writeFidelityCsv(dir, r.fidelity);
  if (r.cost) writeCostsCsv(dir, r.cost);
  writeCsv(t('suppression_log.csv'), ['table', 'cell', 'rule', 'reason', 'shown_as'], r.suppression_log.map((s) => [s.table, s.cell, s.rule, s.reason, s.display]));
}
