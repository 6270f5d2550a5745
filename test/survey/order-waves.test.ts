import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, type Db } from '../../src/util/duckdb.js';
import { resolveInstrument } from '../../src/survey/load-instrument.js';
import { InstrumentSchema } from '../../src/survey/instrument-schema.js';
import { surveyStage } from '../../src/survey/survey-stage.js';

const instrument = resolveInstrument(InstrumentSchema.parse({ name: 'T', range: [1, 5], scales: { s: { label: 'S', items: ['a', 'b'] } } }), 't.yaml', '0'.repeat(64));
const RULE = { clustered: false, minClustersPerArm: 5, cr2Below: 40 };

describe('the order of survey waves', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hve-survey-waves-'));
    db = await openDb();
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const file = (name: string, waves: string[]) => {
    const f = join(dir, name);
    // R1 scores 2 in the first-named wave and 4 in the second
    writeFileSync(f, ['respondent_id,respondent_type,school_id,wave,a,b', ...waves.map((w, i) => `R1,teacher,S1,${w},${2 + 2 * i},${2 + 2 * i}`)].join('\n') + '\n');
    return f;
  };
  const run = (f: string, waves: string[] | null) => surveyStage(db.conn, { file: f, shownAs: 's.csv', layout: 'auto', columns: {}, fill: {}, instruments: [instrument], grouping: null, rule: RULE, waves, minCell: 10 });

  it('refuses two labels without an order, naming the waves (file order is not an order)', async () => {
    await expect(run(file('post-first.csv', ['post', 'pre']), null)).rejects.toThrow(/has 2 waves that are not all dates \(post, pre\), and no order was given.*waves: \[post, pre\].*--waves post,pre/);
  });

  it('follows the order given, whatever the file order', async () => {
    const r = await run(file('post-first2.csv', ['post', 'pre']), ['pre', 'post']);
    expect(r.waves).toEqual(['pre', 'post']);
    expect(r.scales.map((s) => [s.wave, s.mean])).toEqual([['pre', 4], ['post', 2]]);
  });

  it('refuses a wave the order does not name', async () => {
    await expect(run(file('three.csv', ['fall', 'winter', 'spring']), ['fall', 'spring'])).rejects.toThrow('has a wave (winter) that the wave order given (fall, spring) does not name');
  });

  it('orders dates by date, not by the file', async () => {
    const r = await run(file('dates.csv', ['2017-04-05', '2016-10-01']), null);
    expect(r.waves).toEqual(['2016-10-01', '2017-04-05']);
  });

  it('refuses more than 6 distinct dates (submission dates, not waves)', async () => {
    const f = join(dir, 'many.csv');
    writeFileSync(f, ['respondent_id,respondent_type,school_id,wave,a,b', ...Array.from({ length: 7 }, (_, i) => `R${i},teacher,S1,2017-04-0${i + 1},3,3`)].join('\n') + '\n');
    await expect(run(f, null)).rejects.toThrow(/has 7 distinct dates as waves .*add a wave label column/);
  });
});
