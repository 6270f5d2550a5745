/** Plain-text wording of the gated fidelity measures (shares, targeting verdicts, the score, practices not met), shared by the report, the CSV tables and the statements. */
import type { FidelityResults, FidelityRow, ShareCell, ShareMeasure } from '../results/fidelity-results-schema.js';
import { count, fixed, signed } from './format.js';
import { PRACTICE_LABEL, TARGETING_BETTER, TARGETING_WORSE, joinAnd } from './labels.js';

/** The five practices that are shares, in the order the report lists them (not targeted is a verdict). */
export const PRACTICE_SHARES = ['prearranged', 'pairs', 'paid', 'relationship_first', 'reflection'] as const satisfies readonly ShareMeasure[];

/** A share as a whole percent, never rounded to 0% or 100% unless it is exactly that. */
export function percent(share: number): string {
  if (share > 0 && share < 0.005) return '< 1%';
  if (share < 1 && share > 0.995) return '> 99%';
  return `${Math.round(100 * share)}%`;
}

/** The share cell of a measure in a row, if the row has it. */
export function shareCell(row: FidelityRow, measure: ShareMeasure): ShareCell | undefined {
  return row.shares.find((c) => c.measure === measure);
}

/** A share as a reader sees it: "87% (131 of 150)", "not recorded", or what the privacy gate shows for a hidden one. */
export function shareText(c: ShareCell | undefined): string {
  if (!c || !c.recorded) return 'not recorded';
  const d = c.display ?? {};
  if (c.share === null) return d.share ?? d.numerator ?? d.denominator ?? 'suppressed';
  return `${percent(c.share)} (${d.numerator ?? count(c.numerator)} of ${d.denominator ?? count(c.denominator)})`;
}

/** A row's value as the gate shows it: its display text when hidden, else the value formatted, else '—'. */
export function shown(row: { display?: Record<string, string> | undefined }, field: string, value: number | null, format: (v: number) => string): string {
  const d = row.display?.[field];
  if (d !== undefined) return d;
  return value === null ? '—' : format(value);
}

/** The name of a fidelity row: its school id, or "All schools (site)". */
export function rowName(row: FidelityRow): string {
  return row.school_id ?? 'All schools (site)';
}

type Targeting = NonNullable<FidelityRow['targeting']>;

/** "lower prior-year attendance (g = −1.40)" for each flagged measure. */
function contrastPhrases(t: Targeting, on: readonly string[], words: Record<string, string>): string {
  return joinAnd(
    on.map((cov) => {
      const c = t.covariates.find((x) => x.covariate === cov);
      const es = c?.effect_size_type === 'cox_index' ? 'Cox index' : 'g';
      const v = c ? (c.display?.smd ?? (c.smd === null ? '—' : signed(c.smd, 2))) : '—';
      return `${words[cov] ?? cov} (${es} = ${v})`;
    }),
  );
}

/** The targeting verdict of a school: "targeting: visited students had …", "self-selection (baseline warning): …", "no", or why it was not assessed. */
export function targetingText(row: FidelityRow): string {
  const t = row.targeting;
  const hidden = row.display?.targeting;
  if (hidden !== undefined) return hidden;
  if (!t || t.targeting === null) return 'not assessed (no completed visit or no prior-year measure)';
  if (t.targeting) return `targeting: visited students had ${contrastPhrases(t, t.targeting_on, TARGETING_WORSE)}`;
  if (t.self_selection) return `self-selection (baseline warning): visited students had ${contrastPhrases(t, t.self_selection_on, TARGETING_BETTER)}`;
  const imprecise = t.targeting_imprecise_on ?? [];
  if (imprecise.length) return `no (visited students had ${contrastPhrases(t, imprecise, TARGETING_WORSE)}, not distinguishable from no difference)`;
  return 'no';
}

/** The score with its components beside it: "0.83 = mean of 6: prearranged 0.95, …, not targeted 1 (not flagged)". */
export function scoreText(row: FidelityRow): string {
  const hidden = row.display?.score;
  if (hidden !== undefined) return hidden;
  if (row.score === null) return '— (no practice recorded)';
  const parts = row.score_components.map((c) =>
    c.practice === 'not_targeted' ? `${PRACTICE_LABEL.not_targeted.toLowerCase()} ${c.value} (${c.value === 1 ? 'not flagged' : 'flagged'})` : `${PRACTICE_LABEL[c.practice].toLowerCase()} ${fixed(c.value, 2)}`,
  );
  return `${fixed(row.score, 2)} = mean of ${row.score_components.length}: ${parts.join(', ')}`;
}

/** A school that breaks one or more practices, with the practices in words. */
export interface PracticeBreach {
  school: string;
  practices: string[];
}

/** Program schools whose row lists practices not met (a recorded share below settings.practice_threshold, or targeting), as the results say; hidden rows list none. */
export function practicesNotMet(f: FidelityResults): PracticeBreach[] {
  return f.schools
    .filter((s) => s.school_id !== null && s.practices_not_met.length > 0)
    .map((s) => ({
      school: s.school_id!,
      practices: s.practices_not_met.map((m) => (m === 'not_targeted' ? `not targeted (${targetingText(s)})` : `${PRACTICE_LABEL[m].toLowerCase()} (${shareText(shareCell(s, m))})`)),
    }));
}
