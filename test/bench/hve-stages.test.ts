import { describe, expect, it } from 'vitest';
import { hveStages, ingestPlusStudentYear, ingestSeconds, stageOf } from '../../bench/hve-stages.js';
import type { StageMessage } from '../../bench/run-step.js';

/** Messages at the given times (seconds since the previous one worked out as the bench does). */
function messages(...at: [number, string, number][]): StageMessage[] {
  return at.map(([t, msg, max_rss_mb], i) => ({ t, msg, seconds: t - (i ? at[i - 1]![0] : 0), rss_mb: max_rss_mb, max_rss_mb }));
}

describe('hve stage grouping', () => {
  const m = messages(
    [1, 'ingest students: read 10, accepted 10, rejected 0', 200],
    [5, 'ingest attendance: read 3400, accepted 3400, rejected 0', 900],
    [5.5, 'quality: 11 gates passed', 900],
    [7, 'analytic: student_year built', 950],
    [10, 'estimate: regression, matching, weighting (93 schools; CR1 with G − 1 df)', 1200],
    [30, 'estimate: 1076 subgroup estimates', 1100],
    [31, 'estimate: 999 school-cluster bootstrap refits of chronic_absence, days_absent', 1300],
    [31.5, 'estimate: 10 outcomes; privacy gate: 12 suppressions', 1300],
    [33, 'render: report.html, results.json, tables/, figures/', 1400],
    [33.25, 'something new: a stage nobody told the bench about', 1400],
  );

  it('names each message by the stage it ends', () => {
    expect(m.map((x) => stageOf(x.msg))).toEqual([
      'ingest students',
      'ingest attendance',
      'quality gates + rejects',
      'student_year',
      'estimation',
      'subgroups',
      'school level, dose, bootstrap',
      'results + privacy gate',
      'analytic.duckdb + render',
      'something new',
    ]);
  });

  it('sums the gaps per stage, so the stages add up to the run', () => {
    const s = hveStages(m);
    expect(s.map((x) => [x.stage, x.seconds])).toEqual([
      ['ingest students', 1],
      ['ingest attendance', 4],
      ['quality gates + rejects', 0.5],
      ['student_year', 1.5],
      ['estimation', 3],
      ['subgroups', 20],
      ['school level, dose, bootstrap', 1],
      ['results + privacy gate', 0.5],
      ['analytic.duckdb + render', 1.5],
      ['something new', 0.25],
    ]);
    expect(s.reduce((a, x) => a + x.seconds, 0)).toBe(33.25);
    expect(s.find((x) => x.stage === 'subgroups')!.peak_rss_mb).toBe(1100);
  });

  it('reads ingest and ingest + student_year off the message times', () => {
    expect(ingestSeconds(m)).toBe(5);
    expect(ingestPlusStudentYear(m)).toBe(7);
    expect(ingestPlusStudentYear(m.slice(0, 3))).toBeNull();
  });
});
