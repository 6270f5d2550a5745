/** The order of the survey waves (`survey_waves`): by date, by the order given, or a refusal; never the file's order. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../util/duckdb.js';
import { InputError } from '../util/input-error.js';
import { lit } from '../util/sql.js';

/** More distinct dated waves than this are submission dates, not survey rounds. */
export const MAX_DATED_WAVES = 6;

const list = (xs: string[]) => `${xs.slice(0, 8).join(', ')}${xs.length > 8 ? `, … (${xs.length} in all)` : ''}`;

/**
 * Order the waves of `survey_resp` into `survey_waves` (wave, ord; the first is the pre wave): by the given order
 * when there is one (it must name every wave found, case-insensitively), else by date when every wave is a date
 * (refused above MAX_DATED_WAVES distinct dates), else one wave as it is; two or more labels without an order are refused.
 */
export async function orderWaves(conn: DuckDBConnection, given: readonly string[] | null | undefined, shownAs: string): Promise<string[]> {
  const found = await queryRows<{ wave: string; d: number | null }>(conn, 'SELECT wave, epoch(TRY_CAST(wave AS DATE)) AS d FROM survey_resp GROUP BY wave ORDER BY wave');
  const waves = found.map((w) => w.wave);
  let ordered: string[];
  if (given && given.length) {
    const at = new Map(given.map((w, i) => [w.toLowerCase(), i]));
    const extra = waves.filter((w) => !at.has(w.toLowerCase()));
    if (extra.length) throw new InputError(`${shownAs} has ${extra.length === 1 ? 'a wave' : 'waves'} (${list(extra)}) that the wave order given (${given.join(', ')}) does not name.`, { file: shownAs, column: 'wave' });
    ordered = [...waves].sort((a, b) => at.get(a.toLowerCase())! - at.get(b.toLowerCase())!);
  } else if (waves.length <= 1) {
    ordered = waves;
  } else if (found.every((w) => w.d !== null)) {
    if (waves.length > MAX_DATED_WAVES) {
      throw new InputError(
        `${shownAs} has ${waves.length} distinct dates as waves (${list(waves)}), which look like each respondent's submission date rather than survey rounds: add a wave label column (e.g. fall, spring) and map wave to it, or give the order of the waves with waves: under sources.surveys (hve survey: --waves).`,
        { file: shownAs, column: 'wave' },
      );
    }
    ordered = [...found].sort((a, b) => a.d! - b.d!).map((w) => w.wave);
  } else {
    throw new InputError(
      `${shownAs} has ${waves.length} waves that are not all dates (${list(waves)}), and no order was given, so which one is the pre wave is unknown: give the order with waves: [${waves.join(', ')}] under sources.surveys (hve survey: --waves ${waves.join(',')}).`,
      { file: shownAs, column: 'wave' },
    );
  }
  await conn.run(`CREATE OR REPLACE TABLE survey_waves AS SELECT * FROM (VALUES ${ordered.map((w, i) => `(${lit(w)}, ${i + 1})`).join(', ') || "('', 0)"}) t(wave, ord)${ordered.length ? '' : ' WHERE false'}`);
  return ordered;
}
