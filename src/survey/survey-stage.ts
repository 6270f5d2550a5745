/** The survey stage: read, score, psychometrics, membership and group comparisons, as the (not yet gated) `surveys` block. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, queryOne } from '../util/duckdb.js';
import type { SurveyResults } from '../results/survey-results-schema.js';
import type { Instrument } from './instrument-schema.js';
import { allScales } from './load-instrument.js';
import { readSurvey, type SurveyReadOptions } from './read-survey.js';
import { scoreSurvey } from './score-sql.js';
import { orderWaves } from './order-waves.js';
import { excludeSmallUngrouped, type UngroupedCell } from './ungrouped.js';
import { scalePsychometrics } from './psychometrics.js';
import { columnMembership, programMembership } from './membership-sql.js';
import { compareGroups, PROGRAM_GROUPS, type GroupNames } from './compare-groups.js';
import { teacherVisits } from './teacher-visits.js';
import type { DifferenceRule } from './group-difference.js';

/** Who is compared with whom: program membership in Y (hve run), a two-valued column (hve survey --group), or nobody. */
export type SurveyGrouping =
  | { kind: 'program'; outcomeYear: number; yearStart: string }
  | { kind: 'column'; column: string; cluster: string | null; /** the level value (--group-level); null: the second in sort order */ level?: string | null }
  | null;

/** The program groups in words (grouping.label). */
const PROGRAM_LABEL = 'visiting vs. non-visiting teachers; visited vs. non-visited families';

/** What the survey stage needs. */
export interface SurveyStageOptions extends Omit<SurveyReadOptions, 'scales' | 'keep'> {
  instruments: Instrument[];
  grouping: SurveyGrouping;
  rule: DifferenceRule;
  /** the order of the wave labels (first = pre); null: by date, or refused for two or more labels */
  waves: readonly string[] | null;
  /** the privacy gate's min_cell: respondents without a group fewer than this are left out of a scale's statistics */
  minCell: number;
}

/** Run the survey stage on one survey file in `conn` (which holds `visits` and `students` for program grouping). */
export async function surveyStage(conn: DuckDBConnection, o: SurveyStageOptions): Promise<SurveyResults> {
  const scales = allScales(o.instruments);
  const keep = o.grouping?.kind === 'column' ? [o.grouping.column, ...(o.grouping.cluster ? [o.grouping.cluster] : [])] : [];
  const read = await readSurvey(conn, { ...o, scales, keep: [...new Set(keep)] });
  const waves = await orderWaves(conn, o.waves, o.shownAs);
  await scoreSurvey(conn, scales);
  let grouping: SurveyResults['grouping'] = null;
  let names: GroupNames | null = null;
  if (o.grouping?.kind === 'program') {
    await programMembership(conn, o.grouping.outcomeYear, o.grouping.yearStart);
    grouping = { source: 'program', column: null, level: null, reference: null, label: PROGRAM_LABEL };
    names = PROGRAM_GROUPS;
  } else if (o.grouping?.kind === 'column') {
    const g = await columnMembership(conn, o.grouping.column, o.grouping.cluster, o.grouping.level ?? null);
    grouping = { source: 'column', column: o.grouping.column, level: g.level, reference: g.reference, label: `${o.grouping.column}: ${g.level} vs. ${g.reference}` };
    names = () => g;
  }
  // respondents without a group: left out of a scale's statistics where they are too few to publish (ungrouped.ts)
  const ungrouped: UngroupedCell[] = names ? await excludeSmallUngrouped(conn, o.minCell) : [];
  // respondents by type and wave, and distinct respondents: with groups, those in a group or in a scale's statistics, so
  // that a by-wave count minus a scale's n (or the groups' n) does not give back the few without a group left out above
  const counted = names
    ? `SELECT r.* FROM survey_resp r JOIN survey_groups g USING (respondent_id, wave)
       WHERE g.grp IS NOT NULL OR EXISTS (SELECT 1 FROM survey_scores s WHERE s.respondent_id = r.respondent_id AND s.wave = r.wave)`
    : 'SELECT * FROM survey_resp';
  const byType = await queryRows<{ respondent_type: 'teacher' | 'parent'; wave: string; n: number }>(
    conn,
    `SELECT respondent_type, r.wave, count(*)::INTEGER AS n FROM (${counted}) r JOIN survey_waves w USING (wave) GROUP BY ALL ORDER BY min(w.ord), respondent_type`,
  );
  const distinct = (await queryOne<{ n: number }>(conn, `SELECT count(DISTINCT respondent_id)::INTEGER AS n FROM (${counted})`))!.n;
  const scaleStats = await scalePsychometrics(conn, scales, waves);
  if (names) {
    for (const sc of scaleStats) {
      const u = ungrouped.find((c) => scales[c.ix]!.instrument === sc.instrument && scales[c.ix]!.scale === sc.scale && c.type === sc.respondent_type && c.wave === sc.wave);
      sc.n_without_group = u?.n ?? 0;
      sc.without_group_excluded = u?.excluded ?? false;
    }
  }
  const clustered = o.grouping?.kind === 'column' ? o.rule.clustered && o.grouping.cluster !== null : o.rule.clustered;
  let compared: Pick<SurveyResults, 'comparisons' | 'changes' | 'by_school'> = names
    ? await compareGroups(conn, scales, waves, names, { ...o.rule, clustered })
    : { comparisons: [], changes: [], by_school: [] };
  // one school (or none named): the by-school table would repeat the site
  if (new Set(compared.by_school.map((r) => r.school_id)).size < 2) compared.by_school = [];
  return {
    instruments: o.instruments.map((i) => ({
      name: i.name,
      file: i.file,
      file_sha256: i.sha256,
      licensed_warnings: i.scales.filter((s) => s.licensed).map((s) => ({ scale: s.scale, label: s.label, source: s.source ?? 'not named' })),
    })),
    respondents: { format: read.format, read: read.read, accepted: read.accepted, rejected: read.rejected, by_reason: read.byReason, respondents: distinct, by_type: byType },
    free_text_respondents: read.freeTextRespondents,
    grouping,
    waves,
    scales: scaleStats,
    ...compared,
    teacher_visits: o.grouping?.kind === 'program' ? await teacherVisits(conn, waves) : [],
  };
}
