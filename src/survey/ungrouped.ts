/** Respondents without a group (a teacher without educator_id, a parent without student_id or family_id, a blank --group value). */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../util/duckdb.js';

/** Scored respondents without a group in one scale, respondent type and wave, and whether they were left out. */
export interface UngroupedCell {
  ix: number;
  type: 'teacher' | 'parent';
  wave: string;
  n: number;
  excluded: boolean;
}

/**
 * The scale statistics count every scored respondent, the comparisons only those with a group: the scale's n·mean
 * minus both groups' sums is the sum of the respondents without a group. Where they are 1 to minCell − 1 in a
 * scale, type and wave, their answers and scores of that cell are deleted from `survey_keyed` and `survey_scores`
 * (before the psychometrics); where they are minCell or more, they stay (the difference is a mean of minCell or more).
 */
export async function excludeSmallUngrouped(conn: DuckDBConnection, minCell: number): Promise<UngroupedCell[]> {
  await conn.run(`CREATE OR REPLACE TABLE survey_ungrouped AS
    SELECT s.scale_ix, s.respondent_type, s.wave, s.respondent_id FROM survey_scores s JOIN survey_groups g USING (respondent_id, wave) WHERE g.grp IS NULL`);
  const cells = await queryRows<{ ix: number; type: 'teacher' | 'parent'; wave: string; n: number }>(
    conn,
    'SELECT scale_ix AS ix, respondent_type AS type, wave, count(*)::INTEGER AS n FROM survey_ungrouped GROUP BY ALL',
  );
  const out = cells.map((c) => ({ ...c, excluded: c.n < minCell }));
  if (out.some((c) => c.excluded)) {
    await conn.run(`CREATE OR REPLACE TABLE survey_ungrouped_out AS
      SELECT u.* FROM survey_ungrouped u JOIN (SELECT scale_ix, respondent_type, wave FROM survey_ungrouped GROUP BY ALL HAVING count(*) < ${minCell}) USING (scale_ix, respondent_type, wave)`);
    for (const t of ['survey_keyed', 'survey_scores']) {
      await conn.run(`DELETE FROM ${t} x USING survey_ungrouped_out u WHERE x.scale_ix = u.scale_ix AND x.respondent_type = u.respondent_type AND x.wave = u.wave AND x.respondent_id = u.respondent_id`);
    }
  }
  return out;
}
