import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb, queryRows, type Db } from '../../src/util/duckdb.js';
import { resolveInstrument } from '../../src/survey/load-instrument.js';
import { InstrumentSchema } from '../../src/survey/instrument-schema.js';
import { surveyStage } from '../../src/survey/survey-stage.js';

const instrument = resolveInstrument(
  InstrumentSchema.parse({ name: 'T', range: [1, 5], scales: { s: { label: 'S', items: ['a', 'b', '-c'] } } }),
  't.yaml',
  '0'.repeat(64),
);

const RULE = { clustered: false, minClustersPerArm: 5, cr2Below: 40 };

describe('reading and scoring a wide survey file', () => {
  let dir: string;
  let db: Db;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hve-survey-'));
    db = await openDb();
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects rows with reasons, balances the accounting, reverse keys and needs min_items', async () => {
    const csv = [
      'respondent_id,respondent_type,school_id,wave,a,b,c,comment',
      'R1,teacher,S1,pre,5,4,2,', // keyed 5, 4, 6 − 2 = 4: score 13/3
      'R2,Parent,S1,pre,1,,5,too long', // keyed 1, (missing), 1: 2 of 3 answered ≥ min_items 2: score 1; wrote a comment
      'R3,teacher,S1,pre,3,,,', // 1 of 3 answered < 2: no score
      'R4,teacher,S1,,3,3,3,', // missing_required (wave)
      'R5,student,S1,pre,3,3,3,', // bad_respondent_type
      'R6,teacher,S1,pre,x,3,3,', // bad_number
      'R7,teacher,S1,pre,6,3,3,', // out_of_range (6 > 5)
      'R8,teacher,S1,pre,2.5,3,3,', // out_of_range (not a point of the range)
      'R1,teacher,S1,pre,1,1,1,', // duplicate_respondent_wave (R1 pre again)
    ].join('\n');
    const file = join(dir, 's.csv');
    writeFileSync(file, csv + '\n');
    const r = await surveyStage(db.conn, { file, shownAs: 's.csv', layout: 'auto', columns: {}, fill: {}, instruments: [instrument], grouping: null, rule: RULE, waves: null, minCell: 10 });
    expect(r.respondents.format).toBe('wide');
    expect(r.respondents.read).toBe(9);
    expect(r.respondents.accepted).toBe(3);
    expect(r.respondents.rejected).toBe(6);
    expect(r.respondents.by_reason).toEqual({ missing_required: 1, bad_respondent_type: 1, bad_number: 1, out_of_range: 2, duplicate_respondent_wave: 1 });
    expect(r.free_text_respondents).toBe(1);
    const scores = await queryRows<{ rid: string; score: number }>(db.conn, 'SELECT respondent_id AS rid, score FROM survey_scores ORDER BY 1');
    expect(scores.map((s) => s.rid)).toEqual(['R1', 'R2']);
    expect(scores[0]!.score).toBeCloseTo(13 / 3, 12);
    expect(scores[1]!.score).toBe(1);
    // one scale row per respondent type of the wave; the teacher row has R1 only
    const teacher = r.scales.find((s) => s.respondent_type === 'teacher')!;
    expect(teacher.n).toBe(1);
    expect(teacher.item_stats[2]!.reversed).toBe(true);
    expect(teacher.item_stats[2]!.response_shares.find((x) => x.value === 2)!.share).toBe(1);
  });

  it('reads the long format with unknown items and duplicate answers rejected', async () => {
    const csv = [
      'respondent_id,respondent_type,school_id,wave,item,response',
      'R1,teacher,S1,pre,a,5',
      'R1,teacher,S1,pre,b,4',
      'R1,teacher,S1,pre,c,2',
      'R1,teacher,S1,pre,c,3', // duplicate answer to c
      'R1,teacher,S1,pre,zz,3', // unknown_item
      'R2,teacher,S1,pre,a,0', // out_of_range
    ].join('\n');
    const file = join(dir, 'l.csv');
    writeFileSync(file, csv + '\n');
    const r = await surveyStage(db.conn, { file, shownAs: 'l.csv', layout: 'auto', columns: {}, fill: {}, instruments: [instrument], grouping: null, rule: RULE, waves: null, minCell: 10 });
    expect(r.respondents.format).toBe('long');
    expect(r.respondents).toMatchObject({ read: 6, accepted: 3, rejected: 3, by_reason: { duplicate_respondent_wave: 1, unknown_item: 1, out_of_range: 1 } });
    const scores = await queryRows<{ score: number }>(db.conn, 'SELECT score FROM survey_scores');
    expect(scores).toHaveLength(1);
    expect(scores[0]!.score).toBeCloseTo(13 / 3, 12);
  });

  it('maps key codes (values:) and renamed headers (columns:)', async () => {
    const file = join(dir, 'm.csv');
    writeFileSync(file, 'RespID;Kind;school_id;wave;a;b;c\nR1;T;S1;pre;5;4;2\nR2;P;S1;pre;1;1;1\nR3;?;S1;pre;1;1;1\n');
    const r = await surveyStage(db.conn, { file, shownAs: 'm.csv', layout: 'wide', columns: { respondent_id: 'RespID', respondent_type: 'Kind' }, values: { respondent_type: { t: 'teacher', P: 'parent', '?': null } }, delimiter: ';', fill: {}, instruments: [instrument], grouping: null, rule: RULE, waves: null, minCell: 10 });
    expect(r.respondents).toMatchObject({ read: 3, accepted: 2, rejected: 1, by_reason: { missing_required: 1 } });
    expect(r.respondents.by_type.map((t) => t.respondent_type).sort()).toEqual(['parent', 'teacher']);
  });

  it('counts only the declared free-text columns, and names a column that is neither key, item nor free text', async () => {
    const file = join(dir, 'extra.csv');
    writeFileSync(file, 'respondent_id,respondent_type,school_id,wave,a,b,c,notes,visits,t_conn5\nR1,teacher,S1,pre,5,4,2,hi,3,4\nR2,teacher,S1,pre,1,1,1,,2,1\n');
    const run = (freeText: string[] | null) => surveyStage(db.conn, { file, shownAs: 'extra.csv', layout: 'auto', columns: {}, fill: {}, freeText, instruments: [instrument], grouping: null, rule: RULE, waves: null, minCell: 10 });
    await expect(run(null)).rejects.toThrow('extra.csv has columns that are neither a survey key, an item of the instruments nor declared free text: visits, t_conn5');
    // declared: notes and visits are free text (R1 and R2 wrote in visits), t_conn5 is still unknown
    await expect(run(['notes', 'visits'])).rejects.toThrow(/declared free text: t_conn5 \(/);
    const f2 = join(dir, 'extra2.csv');
    writeFileSync(f2, 'respondent_id,respondent_type,school_id,wave,a,b,c,notes,visits\nR1,teacher,S1,pre,5,4,2,hi,\nR2,teacher,S1,pre,1,1,1,,2\nR3,teacher,S1,pre,1,1,1,,\n');
    const r = await surveyStage(db.conn, { file: f2, shownAs: 'extra2.csv', layout: 'auto', columns: {}, fill: {}, freeText: ['notes'], instruments: [instrument], grouping: null, rule: RULE, waves: null, minCell: 10 }).catch((e: Error) => e);
    // visits is not declared: an error, not free text
    expect(String(r)).toContain('declared free text: visits');
    const ok = await surveyStage(db.conn, { file: f2, shownAs: 'extra2.csv', layout: 'auto', columns: {}, fill: {}, freeText: ['notes', 'visits'], instruments: [instrument], grouping: null, rule: RULE, waves: null, minCell: 10 });
    expect(ok.free_text_respondents).toBe(2); // R1 (notes), R2 (visits)
    const onlyNotes = join(dir, 'extra3.csv');
    writeFileSync(onlyNotes, 'respondent_id,respondent_type,school_id,wave,a,b,c,notes\nR1,teacher,S1,pre,5,4,2,hi\nR2,teacher,S1,pre,1,1,1,\n');
    const d = await surveyStage(db.conn, { file: onlyNotes, shownAs: 'extra3.csv', layout: 'auto', columns: {}, fill: {}, instruments: [instrument], grouping: null, rule: RULE, waves: null, minCell: 10 });
    expect(d.free_text_respondents).toBe(1); // the default: a column named notes
  });

  it('names an instrument item that the wide file lacks, and the file\'s columns', async () => {
    const file = join(dir, 'noc.csv');
    writeFileSync(file, 'respondent_id,respondent_type,school_id,wave,a,b,cA\nR1,teacher,S1,pre,5,4,2\n');
    await expect(surveyStage(db.conn, { file, shownAs: 'noc.csv', layout: 'auto', columns: {}, fill: {}, instruments: [instrument], grouping: null, rule: RULE, waves: null, minCell: 10 })).rejects.toThrow(
      'noc.csv has no column for the instrument item c; its columns are: respondent_id, respondent_type, school_id, wave, a, b, cA.',
    );
  });
});
