/** The completed visits of the visiting teachers who answered each wave, as counts by visit-count band and a median. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../util/duckdb.js';
import { VISIT_BANDS, type TeacherVisits } from '../results/survey-results-schema.js';

/** The median of numbers (mean of the two middle ones for an even count); null for none. */
function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Per wave (in order), the visiting teachers with their number of visits, by band 1–2, 3–5, 6+, and the median (ungated). */
export function visitBands(rows: { wave: string; visits: number }[], waves: readonly string[]): TeacherVisits[] {
  return waves
    .map((wave) => rows.filter((r) => r.wave === wave).map((r) => r.visits))
    .map((v, i) => ({
      wave: waves[i]!,
      teachers: v.length,
      bands: VISIT_BANDS.map((b) => ({ band: b.band, min: b.min, max: b.max, n: v.filter((x) => x >= b.min && (b.max === null || x <= b.max)).length })),
      median_visits: median(v),
    }))
    .filter((w) => w.teachers > 0);
}

/** From `survey_groups` (program membership): the visiting teachers who answered each wave, by completed visits in Y. */
export async function teacherVisits(conn: DuckDBConnection, waves: readonly string[]): Promise<TeacherVisits[]> {
  const rows = await queryRows<{ wave: string; visits: number }>(
    conn,
    `SELECT r.wave, g.visits::INTEGER AS visits FROM survey_resp r JOIN survey_groups g USING (respondent_id, wave) WHERE r.respondent_type = 'teacher' AND g.grp = 1`,
  );
  return visitBands(rows, waves);
}
