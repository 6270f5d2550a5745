/** Scale scores in SQL: reverse keying, the mean of answered items when enough are answered, and "% favourable". */
import type { DuckDBConnection } from '@duckdb/node-api';
import { lit } from '../util/sql.js';
import type { ResolvedScale } from './instrument-schema.js';

/**
 * Create `survey_items` (item → scale index, reversed, range) and `survey_scores` (one row per respondent, wave and
 * scale of their respondent type): score = mean of the answered items after reverse keying (min + max − x) when at
 * least min_items are answered; favourable = score ≥ the scale's favourable threshold. Answers of a respondent
 * without a score on that scale and wave are then dropped from `survey_keyed`, so that item statistics and response
 * shares rest on exactly the scale row's respondents (else item n·mean minus the others' would give an unscored
 * respondent's answer back).
 */
export async function scoreSurvey(conn: DuckDBConnection, scales: ResolvedScale[]): Promise<void> {
  const rows = scales.flatMap((s, ix) =>
    s.items.map((i) => `(${lit(i.item)}, ${ix}, ${i.reversed}, ${s.range[0]}, ${s.range[1]}, ${s.minItems}, ${s.favourable}, ${s.respondentType ? lit(s.respondentType) : 'NULL'})`),
  );
  await conn.run(`CREATE OR REPLACE TABLE survey_items AS SELECT * FROM (VALUES ${rows.join(', ') || "('', -1, false, 0, 0, 1, 0, NULL)"})
    t(item, scale_ix, reversed, lo, hi, min_items, favourable, respondent_type)`);
  await conn.run(`CREATE OR REPLACE TABLE survey_keyed AS
    SELECT a.respondent_id, a.wave, r.respondent_type, r.school_id, i.scale_ix, a.item, a.response,
      CASE WHEN i.reversed THEN i.lo + i.hi - a.response ELSE a.response END AS keyed, i.min_items, i.favourable
    FROM survey_answers a JOIN survey_resp r USING (respondent_id, wave) JOIN survey_items i USING (item)
    WHERE i.respondent_type IS NULL OR i.respondent_type = r.respondent_type`);
  await conn.run(`CREATE OR REPLACE TABLE survey_scores AS
    SELECT respondent_id, wave, respondent_type, any_value(school_id) AS school_id, scale_ix, avg(keyed) AS score, count(*)::INTEGER AS answered,
      avg(keyed) >= any_value(favourable) AS favourable
    FROM survey_keyed GROUP BY respondent_id, wave, respondent_type, scale_ix
    HAVING count(*) >= any_value(min_items)`);
  await conn.run(`DELETE FROM survey_keyed k WHERE NOT EXISTS (SELECT 1 FROM survey_scores s
    WHERE s.respondent_id = k.respondent_id AND s.wave = k.wave AND s.scale_ix = k.scale_ix AND s.respondent_type = k.respondent_type)`);
}

