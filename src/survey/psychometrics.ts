/** Reliability of every scale per respondent type and wave, from the keyed answers and the SQL scale scores. */
import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '../util/duckdb.js';
import { cronbachAlpha } from '../stats/cronbach-alpha.js';
import { feldtInterval } from '../stats/feldt-interval.js';
import { summarize } from '../stats/summary.js';
import type { ScaleStat } from '../results/survey-results-schema.js';
import type { ResolvedScale } from './instrument-schema.js';

/** Alpha below this is flagged. */
export const LOW_ALPHA = 0.7;

const fin = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Cells (scale, respondent type, wave) in the order waves, then scales, then types. */
interface Cell {
  ix: number;
  type: 'teacher' | 'parent';
  wave: string;
}

/**
 * Per scale × respondent type × wave: n with a score, mean, SD and % favourable of the scores; Cronbach's alpha on the
 * complete cases with Feldt's 95% interval (flagged below 0.70); per item n, mean (keyed), item–rest r, alpha if
 * dropped and the share of each raw response value among those who answered it.
 */
export async function scalePsychometrics(conn: DuckDBConnection, scales: ResolvedScale[], waves: string[]): Promise<ScaleStat[]> {
  const answers = await queryRows<{ ix: number; type: 'teacher' | 'parent'; wave: string; rid: string; item: string; response: number; keyed: number }>(
    conn,
    'SELECT scale_ix AS ix, respondent_type AS type, wave, respondent_id AS rid, item, response, keyed FROM survey_keyed',
  );
  const scores = await queryRows<{ ix: number; type: 'teacher' | 'parent'; wave: string; score: number; favourable: boolean }>(
    conn,
    'SELECT scale_ix AS ix, respondent_type AS type, wave, score, favourable FROM survey_scores',
  );
  const key = (c: Cell) => `${c.ix}\u0001${c.type}\u0001${c.wave}`;
  const cells = new Map<string, Cell>();
  const byCell = new Map<string, Map<string, Map<string, { response: number; keyed: number }>>>();
  for (const a of answers) {
    const k = key(a);
    if (!cells.has(k)) cells.set(k, { ix: a.ix, type: a.type, wave: a.wave });
    const resp = byCell.get(k) ?? new Map();
    byCell.set(k, resp);
    const items = resp.get(a.rid) ?? new Map();
    resp.set(a.rid, items);
    items.set(a.item, { response: a.response, keyed: a.keyed });
  }
  const scoreByCell = new Map<string, { score: number; favourable: boolean }[]>();
  for (const s of scores) {
    const list = scoreByCell.get(key(s)) ?? [];
    scoreByCell.set(key(s), list);
    list.push(s);
  }
  const ordered = [...cells.values()].sort((a, b) => waves.indexOf(a.wave) - waves.indexOf(b.wave) || a.ix - b.ix || a.type.localeCompare(b.type));
  return ordered.map((c) => {
    const s = scales[c.ix]!;
    const resp = [...byCell.get(key(c))!.values()];
    const cols = s.items.map((i) => Float64Array.from(resp, (r) => r.get(i.item)?.keyed ?? NaN));
    const a = cronbachAlpha(cols);
    const ci = feldtInterval(a.alpha, a.n, a.k);
    const sc = scoreByCell.get(key(c)) ?? [];
    const sum = summarize(sc.map((x) => x.score));
    const points = Array.from({ length: s.range[1] - s.range[0] + 1 }, (_, j) => s.range[0] + j);
    return {
      instrument: s.instrument,
      scale: s.scale,
      label: s.label,
      respondent_type: c.type,
      wave: c.wave,
      range: s.range,
      n: sc.length,
      n_complete: a.n,
      items: s.items.length,
      alpha: fin(a.alpha),
      alpha_ci_low: fin(ci.low),
      alpha_ci_high: fin(ci.high),
      low_alpha: Number.isFinite(a.alpha) ? a.alpha < LOW_ALPHA : null,
      mean: fin(sum.mean),
      sd: fin(sum.sd),
      favourable: sc.length ? sc.filter((x) => x.favourable).length / sc.length : null,
      favourable_threshold: s.favourable,
      higher_is_better: s.higherIsBetter,
      item_stats: s.items.map((i, j) => {
        const answered = resp.map((r) => r.get(i.item)).filter((x) => x !== undefined);
        const n = answered.length;
        return {
          item: i.item,
          reversed: i.reversed,
          text: i.text,
          n,
          mean: n ? answered.reduce((t, x) => t + x.keyed, 0) / n : null,
          item_rest_r: fin(a.items[j]?.item_rest_r ?? NaN),
          alpha_if_dropped: fin(a.items[j]?.alpha_if_dropped ?? NaN),
          response_shares: points.map((value) => ({ value, share: n ? answered.filter((x) => x.response === value).length / n : null })),
        };
      }),
    };
  });
}
