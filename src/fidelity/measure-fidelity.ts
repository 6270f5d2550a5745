/** Run the fidelity SQL over the ingested tables and student_year, and return the measures (aggregates only). */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Pipeline } from '../config/pipeline-schema.js';
import { queryOne, queryRows } from '../util/duckdb.js';
import { FidelityMeasuresSchema, TARGETING_COVARIATES, type FidelityMeasures, type RecordedFields, type TargetingCovariate } from './fidelity-schema.js';
import {
  dropFidelityTablesSql,
  educatorAggregatesSql,
  fidelityVisitsSql,
  firstSchoolDaySql,
  presentCovariatesSql,
  reachAggregatesSql,
  recordedSql,
  schoolsSql,
  targetingMomentsSql,
  visitAggregatesSql,
  visitsByMonthSql,
  type FidelitySqlOptions,
} from './fidelity-sql.js';
import { assembleUnit, type EducatorRow, type ReachRow, type UnitRows, type VisitRow } from './assemble-unit.js';
import { covariateContrast, type GroupMoments } from './not-targeted.js';

/** What measureFidelity needs: the outcome year, its window, the fidelity settings and whether an educators roster was ingested. */
export interface FidelityOptions extends FidelitySqlOptions {
  reachThreshold: number;
  targetingSmd: number;
  hasEducators: boolean;
}

/** The fidelity options of a pipeline, given whether its educators extract was ingested. */
export function fidelityOptions(config: Pipeline, hasEducators: boolean): FidelityOptions {
  return {
    outcomeYear: config.outcome_year,
    yearStart: config.school_year_start,
    reflectionDays: config.fidelity.reflection_days,
    reachThreshold: config.fidelity.reach_threshold,
    targetingSmd: config.fidelity.targeting_smd,
    hasEducators,
  };
}

type Keyed<T> = T & { site: boolean; school_id: string | null };
type MomentRow = Keyed<{ visited: number } & Record<string, number | null>>;

/** Index rows by school id, the site row under null. */
function bySchool<T>(rows: Keyed<T>[]): Map<string | null, Keyed<T>> {
  return new Map(rows.map((r) => [r.site ? null : r.school_id, r]));
}

/** The visited-vs-not contrasts of one school (or the site) from its two moment rows. */
function contrastsOf(rows: MomentRow[], covariates: readonly TargetingCovariate[]) {
  const group = (visited: number, c: string): GroupMoments => {
    const r = rows.find((x) => x.visited === visited);
    return { n: r?.[`${c}_n`] ?? 0, mean: r?.[`${c}_mean`] ?? null, variance: r?.[`${c}_var`] ?? null };
  };
  return covariates.map((c) => covariateContrast(c, group(1, c), group(0, c)));
}

/**
 * The fidelity measures of the outcome year, per school and for the site: reach, the five practices, timing,
 * the fidelity score and the cost quantities. Needs the accepted `visits` and `students` tables, student_year
 * with its intermediate att_school_year (analyticSql), and `educators` when `hasEducators`. Rows stay in DuckDB.
 */
export async function measureFidelity(conn: DuckDBConnection, o: FidelityOptions): Promise<FidelityMeasures> {
  await conn.run(firstSchoolDaySql(o));
  await conn.run(fidelityVisitsSql(o));
  try {
    const rec = (await queryOne<Omit<RecordedFields, 'educators_extract'>>(conn, recordedSql(o)))!;
    const recorded: RecordedFields = { ...rec, educators_extract: o.hasEducators };
    const schools = await queryRows<{ school_id: string; first_day: string; first_day_source: 'attendance' | 'default'; program_school: boolean }>(conn, schoolsSql());
    const visits = bySchool(await queryRows<Keyed<VisitRow>>(conn, visitAggregatesSql(o)));
    const reach = bySchool(await queryRows<Keyed<ReachRow>>(conn, reachAggregatesSql(o)));
    const educators = bySchool(await queryRows<Keyed<EducatorRow>>(conn, educatorAggregatesSql(o, o.hasEducators)));
    const months = await queryRows<Keyed<{ month: string; visits: number }>>(conn, visitsByMonthSql());
    const present = (await queryOne<Record<TargetingCovariate, boolean>>(conn, presentCovariatesSql(TARGETING_COVARIATES)))!;
    const covariates = TARGETING_COVARIATES.filter((c) => present[c]);
    const moments = covariates.length ? await queryRows<MomentRow>(conn, targetingMomentsSql(covariates)) : [];

    const programSchools = schools.filter((s) => s.program_school).length;
    const ctx = { recorded, reachThreshold: o.reachThreshold, targetingSmd: o.targetingSmd };
    const unitRows = (id: string | null): Omit<UnitRows, 'school_id' | 'program_school' | 'program_schools' | 'first_day' | 'first_day_source'> => ({
      visits: visits.get(id),
      reach: reach.get(id),
      educators: educators.get(id),
      months: months.filter((m) => (id === null ? m.site : !m.site && m.school_id === id)).map((m) => ({ month: m.month, visits: m.visits })),
      contrasts: contrastsOf(
        moments.filter((m) => (id === null ? m.site : !m.site && m.school_id === id)),
        covariates,
      ),
    });
    const measures: FidelityMeasures = {
      outcome_year: o.outcomeYear,
      settings: { reach_threshold: o.reachThreshold, reflection_days: o.reflectionDays, targeting_smd: o.targetingSmd },
      recorded,
      site: assembleUnit(
        { school_id: null, program_school: programSchools > 0, program_schools: programSchools, first_day: null, first_day_source: null, ...unitRows(null) },
        ctx,
      ),
      schools: schools.map((s) =>
        assembleUnit(
          {
            school_id: s.school_id,
            program_school: s.program_school,
            program_schools: s.program_school ? 1 : 0,
            first_day: s.first_day,
            first_day_source: s.first_day_source,
            ...unitRows(s.school_id),
          },
          ctx,
        ),
      ),
    };
    return FidelityMeasuresSchema.parse(measures);
  } finally {
    await conn.run(dropFidelityTablesSql());
  }
}
