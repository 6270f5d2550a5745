/** Group comparisons of scale scores per wave, paired pre/post change with the difference-in-differences, and school means. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../util/duckdb.js';
import { summarize, hedgesG, bhAdjust, wwcBand } from '../stats/index.js';
import { note, type Note } from '../results/vocabulary.js';
import type { RespondentType, SurveyChange, SurveyComparison, SurveyResults } from '../results/survey-results-schema.js';
import type { ResolvedScale } from './instrument-schema.js';
import { groupDifference, pairedChange, type DifferenceRule } from './group-difference.js';

interface Row {
  ix: number;
  type: RespondentType;
  wave: string;
  rid: string;
  score: number;
  favourable: boolean;
  grp: number;
  cluster: string;
  school: string;
}

/** Group names of a respondent type: the column's values, or visiting/visited teachers and parents. */
export type GroupNames = (type: RespondentType) => { level: string; reference: string };

/** The program's group names: visiting teachers and visited families. */
export const PROGRAM_GROUPS: GroupNames = (type) => (type === 'teacher' ? { level: 'visiting', reference: 'not_visiting' } : { level: 'visited', reference: 'not_visited' });

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);
const share = (xs: Row[]): number | null => (xs.length ? xs.filter((x) => x.favourable).length / xs.length : null);

/** Notes of a two-group row: an empty group, or a group too small for an SD. */
function groupNotes(n1: number, n0: number): Note[] {
  const out: Note[] = [];
  if (n1 === 0) out.push(note('group_empty', { field: 'level' }));
  if (n0 === 0) out.push(note('group_empty', { field: 'reference' }));
  if ((n1 === 1 || n0 === 1) && n1 && n0) out.push(note('sd_needs_two'));
  if (n1 < 2 || n0 < 2) out.push(note('no_test'));
  return out;
}

/**
 * For the privacy gate's panel rule: of a group, respondents at the first wave outside its panel (answered only the
 * first wave, or moved to the other group), at the later wave outside it, and panel members who were not in the group
 * at the first wave (moved in). A respondent who changed group is placed in their later wave's group.
 */
function unpairedCounts(first: Row[], later: Row[], panel: Row[]): number[] {
  const p = new Set(panel.map((x) => x.rid));
  const f = new Set(first.map((x) => x.rid));
  return [first.filter((x) => !p.has(x.rid)).length, later.filter((x) => !p.has(x.rid)).length, panel.filter((x) => !f.has(x.rid)).length];
}

/** Rows by a key. */
function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const l = m.get(k) ?? [];
    m.set(k, l);
    l.push(x);
  }
  return m;
}

/**
 * From `survey_scores` and `survey_groups`: for each scale, respondent type and wave, level vs reference means,
 * % favourable, difference with CI (groupDifference), Hedges' g and, after the first wave, the WWC baseline check on
 * the first wave's scores; for each later wave, the paired change of respondents scored in both waves per group (CI
 * cluster-robust by the rule, as the differences) and the difference-in-differences; BH over the comparisons after
 * the first wave (with several waves the first is the baseline) and the changes; per school, the group means (descriptive).
 */
export async function compareGroups(
  conn: DuckDBConnection,
  scales: ResolvedScale[],
  waves: string[],
  names: GroupNames,
  rule: DifferenceRule,
): Promise<Pick<SurveyResults, 'comparisons' | 'changes' | 'by_school'>> {
  const rows = await queryRows<Row>(
    conn,
    `SELECT s.scale_ix AS ix, s.respondent_type AS type, s.wave, s.respondent_id AS rid, s.score, s.favourable, g.grp, g.cluster::VARCHAR AS cluster, s.school_id AS school
     FROM survey_scores s JOIN survey_groups g USING (respondent_id, wave) WHERE g.grp IS NOT NULL ORDER BY s.respondent_id`,
  );
  const cells = groupBy(rows, (r) => `${r.ix}\u0001${r.type}\u0001${r.wave}`);
  const ordered = [...cells.values()].sort((a, b) => waves.indexOf(a[0]!.wave) - waves.indexOf(b[0]!.wave) || a[0]!.ix - b[0]!.ix || a[0]!.type.localeCompare(b[0]!.type));
  const pre = waves[0];
  const preScores = new Map(rows.filter((r) => r.wave === pre).map((r) => [`${r.ix}\u0001${r.type}\u0001${r.rid}`, r.score]));
  const comparisons: SurveyComparison[] = ordered.map((xs) => {
    const { ix, type, wave } = xs[0]!;
    const s = scales[ix]!;
    const l = xs.filter((x) => x.grp === 1);
    const r = xs.filter((x) => x.grp === 0);
    const [t, c] = [summarize(l.map((x) => x.score)), summarize(r.map((x) => x.score))];
    const d = groupDifference(l.map((x) => ({ y: x.score, cluster: x.cluster })), r.map((x) => ({ y: x.score, cluster: x.cluster })), rule);
    let baseline: SurveyComparison['baseline'] = null;
    if (wave !== pre) {
      const prior = (g: Row[]) => g.map((x) => preScores.get(`${ix}\u0001${type}\u0001${x.rid}`)).filter((v): v is number => v !== undefined);
      const [pl, pr] = [summarize(prior(l)), summarize(prior(r))];
      const es = pl.n >= 2 && pr.n >= 2 ? fin(hedgesG(pl, pr)) : null;
      const band = wwcBand(es);
      baseline = { wave: pre ?? null, effect_size: es, band, verdict: band === 'undefined' ? 'not_assessed' : band === 'satisfied' ? 'meets_with_reservations' : 'does_not_meet', n_level: pl.n, n_reference: pr.n };
    }
    return {
      instrument: s.instrument,
      scale: s.scale,
      label: s.label,
      respondent_type: type,
      wave,
      group_level: names(type).level,
      group_reference: names(type).reference,
      higher_is_better: s.higherIsBetter,
      n_level: l.length,
      n_reference: r.length,
      mean_level: fin(t.mean),
      mean_reference: fin(c.mean),
      sd_level: fin(t.sd),
      sd_reference: fin(c.sd),
      favourable_level: share(l),
      favourable_reference: share(r),
      ...d,
      effect_size: t.n >= 2 && c.n >= 2 ? fin(hedgesG(t, c)) : null,
      bh_p_value: null,
      bh_significant: null,
      baseline,
      suppressed: false,
      // the first of several waves is the baseline: a baseline-equivalence check, not an outcome (kept out of BH)
      notes: [...groupNotes(l.length, r.length), ...(waves.length > 1 && wave === pre ? [note('baseline_wave')] : [])],
    };
  });
  const changes: SurveyChange[] = [];
  for (const xs of ordered) {
    const { ix, type, wave } = xs[0]!;
    if (wave === pre) continue;
    const s = scales[ix]!;
    const paired = xs.flatMap((x) => {
      const before = preScores.get(`${ix}\u0001${type}\u0001${x.rid}`);
      return before === undefined ? [] : [{ ...x, d: x.score - before }];
    });
    const l = paired.filter((x) => x.grp === 1);
    const r = paired.filter((x) => x.grp === 0);
    const first = cells.get(`${ix}\u0001${type}\u0001${pre}`) ?? [];
    const unpaired = {
      level: unpairedCounts(first.filter((x) => x.grp === 1), xs.filter((x) => x.grp === 1), l),
      reference: unpairedCounts(first.filter((x) => x.grp === 0), xs.filter((x) => x.grp === 0), r),
      all: unpairedCounts(first, xs, paired).slice(0, 2),
    };
    const [cl, cr] = [pairedChange(l.map((x) => ({ y: x.d, cluster: x.cluster })), rule), pairedChange(r.map((x) => ({ y: x.d, cluster: x.cluster })), rule)];
    const did = groupDifference(l.map((x) => ({ y: x.d, cluster: x.cluster })), r.map((x) => ({ y: x.d, cluster: x.cluster })), rule);
    changes.push({
      instrument: s.instrument,
      scale: s.scale,
      label: s.label,
      respondent_type: type,
      wave_pre: pre!,
      wave_post: wave,
      group_level: names(type).level,
      group_reference: names(type).reference,
      higher_is_better: s.higherIsBetter,
      n_level: l.length,
      n_reference: r.length,
      change_level: cl.mean,
      change_level_ci_low: cl.ci_low,
      change_level_ci_high: cl.ci_high,
      change_reference: cr.mean,
      change_reference_ci_low: cr.ci_low,
      change_reference_ci_high: cr.ci_high,
      change_level_se_type: cl.se_type,
      change_level_clusters: cl.clusters,
      change_reference_se_type: cr.se_type,
      change_reference_clusters: cr.clusters,
      ...did,
      bh_p_value: null,
      bh_significant: null,
      suppressed: false,
      unpaired,
      notes: groupNotes(l.length, r.length),
    });
  }
  applySurveyBh(waves.length > 1 ? comparisons.filter((c) => c.wave !== pre) : comparisons, changes);
  const by_school = [...groupBy(rows, (r) => `${r.school}\u0001${r.ix}\u0001${r.type}\u0001${r.wave}`).values()]
    .sort((a, b) => a[0]!.school.localeCompare(b[0]!.school) || waves.indexOf(a[0]!.wave) - waves.indexOf(b[0]!.wave) || a[0]!.ix - b[0]!.ix || a[0]!.type.localeCompare(b[0]!.type))
    .map((xs) => {
      const { school, ix, type, wave } = xs[0]!;
      const [t, c] = [summarize(xs.filter((x) => x.grp === 1).map((x) => x.score)), summarize(xs.filter((x) => x.grp === 0).map((x) => x.score))];
      return { school_id: school, instrument: scales[ix]!.instrument, scale: scales[ix]!.scale, respondent_type: type, wave, n_level: t.n, n_reference: c.n, mean_level: fin(t.mean), mean_reference: fin(c.mean), estimate: fin(t.mean - c.mean) };
    });
  return { comparisons, changes, by_school };
}

/**
 * Benjamini–Hochberg over the survey domain's outcomes (the comparisons given and the changes together); a row without
 * p has none. The caller leaves out the baseline wave's comparisons, whose bh fields stay null.
 */
export function applySurveyBh(comparisons: { p_value: number | null; bh_p_value: number | null; bh_significant: boolean | null }[], changes: typeof comparisons): void {
  const all = [...comparisons, ...changes];
  const adj = bhAdjust(all.map((x) => x.p_value ?? NaN));
  all.forEach((x, i) => {
    x.bh_p_value = Number.isFinite(adj[i]!) ? adj[i]! : null;
    x.bh_significant = x.bh_p_value === null ? null : x.bh_p_value <= 0.05;
  });
}
