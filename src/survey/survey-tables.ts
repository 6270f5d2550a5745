/** The survey CSV tables (tables/survey_*.csv) from gated results: every hidden value as its display text. */
import { join } from 'node:path';
import type { Results } from '../results/results-schema.js';
import type { Publishable } from '../privacy/publishable.js';
import { writeCsv } from '../util/csv.js';
import { shownValue } from '../report/format.js';

/**
 * Write survey_scales.csv, survey_items.csv, survey_comparisons.csv, survey_changes.csv and survey_by_school.csv when
 * results have a surveys block, and survey_teacher_visits.csv when it has visiting teachers by visit count (hve run).
 */
export function writeSurveyTables(dir: string, p: Publishable<Results>): void {
  const s = p.data.surveys;
  if (!s) return;
  const t = (name: string) => join(dir, 'tables', name);
  const scaleCols = ['n', 'n_complete', 'items', 'alpha', 'alpha_ci_low', 'alpha_ci_high', 'low_alpha', 'mean', 'sd', 'favourable', 'favourable_threshold'] as const;
  writeCsv(t('survey_scales.csv'), ['instrument', 'scale', 'label', 'respondent_type', 'wave', ...scaleCols], s.scales.map((r) => [r.instrument, r.scale, r.label, r.respondent_type, r.wave, ...scaleCols.map((k) => shownValue(r, k))]));
  const itemCols = ['n', 'mean', 'item_rest_r', 'alpha_if_dropped'] as const;
  const points = [...new Set(s.scales.flatMap((r) => r.item_stats.flatMap((i) => i.response_shares.map((x) => x.value))))].sort((a, b) => a - b);
  writeCsv(
    t('survey_items.csv'),
    ['instrument', 'scale', 'respondent_type', 'wave', 'item', 'reversed', ...itemCols, ...points.map((v) => `share_${v}`)],
    s.scales.flatMap((r) =>
      r.item_stats.map((i) => [r.instrument, r.scale, r.respondent_type, r.wave, i.item, i.reversed, ...itemCols.map((k) => shownValue(i, k)), ...points.map((v) => {
        const x = i.response_shares.find((y) => y.value === v);
        return x ? shownValue(x, 'share') : null;
      })]),
    ),
  );
  const cmpCols = ['n_level', 'n_reference', 'mean_level', 'mean_reference', 'favourable_level', 'favourable_reference', 'estimate', 'se', 'df', 'ci_low', 'ci_high', 'p_value', 'effect_size', 'se_type', 'clusters', 'bh_p_value', 'bh_significant', 'suppressed'] as const;
  writeCsv(
    t('survey_comparisons.csv'),
    ['instrument', 'scale', 'respondent_type', 'wave', 'group_level', 'group_reference', ...cmpCols, 'baseline_verdict'],
    s.comparisons.map((r) => [r.instrument, r.scale, r.respondent_type, r.wave, r.group_level, r.group_reference, ...cmpCols.map((k) => shownValue(r, k)), r.baseline?.verdict ?? null]),
  );
  const chCols = ['n_level', 'n_reference', 'change_level', 'change_level_ci_low', 'change_level_ci_high', 'change_reference', 'change_reference_ci_low', 'change_reference_ci_high', 'change_level_se_type', 'change_reference_se_type', 'estimate', 'se', 'df', 'ci_low', 'ci_high', 'p_value', 'se_type', 'clusters', 'bh_p_value', 'bh_significant', 'suppressed'] as const;
  writeCsv(t('survey_changes.csv'), ['instrument', 'scale', 'respondent_type', 'wave_pre', 'wave_post', 'group_level', 'group_reference', ...chCols], s.changes.map((r) => [r.instrument, r.scale, r.respondent_type, r.wave_pre, r.wave_post, r.group_level, r.group_reference, ...chCols.map((k) => shownValue(r, k))]));
  const schCols = ['n_level', 'n_reference', 'mean_level', 'mean_reference', 'estimate'] as const;
  if (s.teacher_visits.length) {
    const bands = s.teacher_visits[0]!.bands.map((b) => b.band);
    writeCsv(
      t('survey_teacher_visits.csv'),
      ['wave', 'visiting_teachers', ...bands.map((b) => `visits_${b.replace('–', '_').replace('+', '_plus')}`), 'median_visits'],
      s.teacher_visits.map((w) => [w.wave, shownValue(w, 'teachers'), ...bands.map((b) => {
        const x = w.bands.find((y) => y.band === b);
        return x ? shownValue(x, 'n') : null;
      }), shownValue(w, 'median_visits')]),
    );
  }
  writeCsv(t('survey_by_school.csv'), ['school_id', 'instrument', 'scale', 'respondent_type', 'wave', ...schCols], s.by_school.map((r) => [r.school_id, r.instrument, r.scale, r.respondent_type, r.wave, ...schCols.map((k) => shownValue(r, k))]));
}
