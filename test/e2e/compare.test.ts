/**
 * `hve compare` on a CSV the pipeline did not produce: a hand-built table with a known treatment effect
 * (y = 1 + 0.8·pretest + 0.30·treated + school effect + noise, treatment more likely for a high pretest), so
 * the unadjusted difference is biased and the adjusted estimators must cover 0.30.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { writeFileSync, readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Prng } from '../../src/util/prng.js';
import { compareAnalyticFile } from '../../src/compare/compare-analytic-file.js';
import { ResultsSchema, type Results } from '../../src/results/results-schema.js';
import { runCli } from '../helpers/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-compare-'));
const csv = join(dir, 'my-analytic-file.csv');
let results: Results;

beforeAll(async () => {
  const rng = new Prng(2024);
  const lines = ['StudentKey,Campus,HomeVisit,Pretest,Lang,Score,Passed'];
  const schoolEffect = Array.from({ length: 25 }, () => 0.3 * rng.normal());
  for (let i = 0; i < 3000; i++) {
    const school = rng.int(0, 24);
    const pretest = rng.normal();
    const lang = rng.chance(0.3) ? 'Spanish' : 'English';
    const treated = rng.chance(1 / (1 + Math.exp(-(-0.8 + 0.9 * pretest)))) ? 1 : 0;
    const y = 1 + 0.8 * pretest + 0.3 * treated + schoolEffect[school]! + rng.normal();
    const passed = y > 1.2 ? 1 : 0;
    lines.push(`K${1000 + i},C${school},${treated},${pretest.toFixed(4)},${lang},${y.toFixed(4)},${passed}`);
  }
  writeFileSync(csv, lines.join('\n') + '\n');
  results = (
    await compareAnalyticFile({
      data: csv,
      treatment: 'HomeVisit',
      outcomes: ['Score', 'Passed'],
      covariates: ['Pretest', 'Lang'],
      baselines: { Score: 'Pretest' },
      fixedEffects: 'Campus',
      out: join(dir, 'out'),
    })
  ).results;
}, 120_000);

describe('hve compare on an evaluator’s own file', () => {
  it('writes a valid results.json and a report', () => {
    expect(ResultsSchema.safeParse(JSON.parse(readFileSync(join(dir, 'out', 'results.json'), 'utf8'))).success).toBe(true);
    expect(existsSync(join(dir, 'out', 'report.html'))).toBe(true);
    expect(results.sample_flow.at(-1)!.students).toBe(3000);
  });

  it('recovers the known effect 0.30 with every adjusted method, while the unadjusted difference is biased', () => {
    const score = results.outcomes.find((o) => o.outcome === 'Score')!;
    expect(score.type).toBe('continuous');
    const by = (m: string) => score.estimates.find((e) => e.method === m)!;
    expect(by('unadjusted').estimate!).toBeGreaterThan(0.6); // selection on the pretest (+0.9 log-odds per SD) inflates it
    for (const m of ['regression', 'matching', 'weighting']) {
      expect(by(m).ci_low!, m).toBeLessThan(0.3);
      expect(by(m).ci_high!, m).toBeGreaterThan(0.3);
    }
    expect(by('regression').clusters).toBe(25);
    expect(by('regression').se_type).toBe('cr2_satterthwaite'); // 25 clusters < cr2_below_clusters 40
    expect(by('regression').baseline!.measure).toBe('Pretest');
    expect(results.outcomes.find((o) => o.outcome === 'Passed')!.type).toBe('binary');
  });

  it('runs from the CLI with one method and says which column is missing', () => {
    const ok = runCli(['compare', '--data', csv, '--treatment', 'HomeVisit', '--outcome', 'Score', '--covariates', 'Pretest', '--method', 'regression', '--out', join(dir, 'cli'), '--quiet']);
    expect(ok.code, ok.stderr).toBe(0);
    const r = JSON.parse(readFileSync(join(dir, 'cli', 'results.json'), 'utf8')) as Results;
    expect(r.outcomes[0]!.estimates.map((e) => e.method)).toEqual(['unadjusted', 'regression']);
    const bad = runCli(['compare', '--data', csv, '--treatment', 'Visited', '--outcome', 'Score', '--out', join(dir, 'bad'), '--quiet']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/has no column "Visited"/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

/**
 * The report text of `hve compare` (issue 7, part 6) on a hand-made 400-row file with a known difference: 200
 * treated and 200 comparison rows; within each group `scale_score` runs 2400 + 20·treated + (−3, −1, 1, 3),
 * so the unadjusted difference is exactly 20 scale points, and `passed` is 1 for 3 of every 5 treated rows and
 * 2 of every 5 comparison rows (60% vs 40%: exactly 20 percentage points).
 */
describe('hve compare report text', () => {
  const hand = join(dir, 'hand-made.csv');
  const read = (folder: string) => ({
    r: JSON.parse(readFileSync(join(folder, 'results.json'), 'utf8')) as Results,
    html: readFileSync(join(folder, 'report.html'), 'utf8'),
  });
  /** The visible text of a section (tags, CSS and inline SVG removed). */
  const text = (html: string, id?: string) => {
    const part = id ? (new RegExp(`<section id="${id}">[\\s\\S]*?</section>`).exec(html)?.[0] ?? '') : html;
    return part.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
  };
  let plain: ReturnType<typeof read>;
  let flagged: ReturnType<typeof read>;

  beforeAll(() => {
    const lines = ['id,campus,treated,pre,scale_score,score_z,passed'];
    for (let i = 0; i < 400; i++) {
      const t = i % 2;
      const k = Math.floor(i / 2); // k-th row of its group
      const noise = [-3, -1, 1, 3][k % 4]!;
      const y = 2400 + 20 * t + noise;
      const passed = k % 5 < (t ? 3 : 2) ? 1 : 0;
      lines.push(`R${i},C${k % 4},${t},${((k % 7) - 3) / 3},${y},${(y - 2410) / 10},${passed}`);
    }
    writeFileSync(hand, lines.join('\n') + '\n');
    const base = ['compare', '--data', hand, '--treatment', 'treated', '--outcome', 'scale_score,score_z,passed', '--covariates', 'pre', '--fixed-effects', 'campus', '--quiet'];
    const a = runCli([...base, '--out', join(dir, 'plain')]);
    expect(a.code, a.stderr).toBe(0);
    const b = runCli([
      ...base, '--out', join(dir, 'flagged'), '--year', '2017', '--program', 'home-visits', '--title', 'Riverside pilot',
      '--units', 'scale_score=scale points', '--units', 'score_z=SD', '--domain', 'scale_score=achievement,passed=achievement', '--baseline', 'scale_score=pre',
    ]);
    expect(b.code, b.stderr).toBe(0);
    plain = read(join(dir, 'plain'));
    flagged = read(join(dir, 'flagged'));
  }, 120_000);

  it('recovers the hand-computed unadjusted differences (20 scale points, 20 percentage points)', () => {
    const un = (o: string) => plain.r.outcomes.find((x) => x.outcome === o)!.estimates.find((e) => e.method === 'unadjusted')!;
    expect(un('scale_score').estimate!).toBeCloseTo(20, 9);
    expect(un('passed').mean_treated!).toBeCloseTo(0.6, 9);
    expect(un('passed').mean_comparison!).toBeCloseTo(0.4, 9);
  });

  it('names no school year and no home visits without --year and --program', () => {
    expect(plain.r.outcome_year).toBeNull();
    // every text node, the charts' included
    const all = plain.html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(all).toContain('Treatment vs. comparison students, by outcome');
    expect(all).not.toMatch(/school year/i);
    expect(all).not.toMatch(/-1–/);
    expect(all).not.toMatch(/home[ -]visits?\b(?!-eval)/i);
    expect(all).not.toMatch(/\bvisited\b|\bfamil/i);
    expect(all).toMatch(/Treatment vs\. comparison students/);
    expect(plain.r.name).toBe('Comparison from an analytic file');
  });

  it('lists covariates as given, with the fixed effects by their column name and never the internal fe__', () => {
    expect(plain.r.covariates!.map((c) => [c.name, c.kind])).toEqual([['pre', 'numeric'], ['campus', 'fixed_effects']]);
    expect(readFileSync(join(dir, 'plain', 'results.json'), 'utf8')).not.toContain('fe__');
    expect(plain.html).not.toContain('fe__');
    expect(text(plain.html, 'summary')).toContain('Adjusted estimates account for pre and campus fixed effects.');
  });

  it('shows a raw score without a unit (never "SD") unless the user names one', () => {
    const score = plain.r.outcomes.find((o) => o.outcome === 'scale_score')!;
    expect([score.unit, score.unit_label]).toEqual(['value', undefined]);
    const summary = text(plain.html, 'summary');
    expect(summary).toMatch(/difference \+\d+\.\d\d, 95% CI/);
    expect(summary).not.toMatch(/\d SD\b/);
    const flaggedScore = flagged.r.outcomes.find((o) => o.outcome === 'scale_score')!;
    expect([flaggedScore.unit, flaggedScore.unit_label]).toEqual(['value', 'scale points']);
    expect(text(flagged.html, 'summary')).toMatch(/difference \+\d+\.\d\d scale points/);
    expect(flagged.r.outcomes.find((o) => o.outcome === 'score_z')!.unit).toBe('sd');
    expect(text(flagged.html, 'summary')).toMatch(/\d SD to [+−]\d+\.\d\d SD/);
  });

  it('makes each outcome its own Benjamini–Hochberg domain by default (adjusted p = p) and says so', () => {
    expect(plain.r.outcomes.map((o) => o.domain)).toEqual(['scale_score', 'score_z', 'passed']);
    for (const o of plain.r.outcomes) for (const e of o.estimates) expect(e.bh_p_value, `${o.outcome} ${e.method}`).toBeCloseTo(e.p_value!, 12);
    expect(text(plain.html)).toContain('Each outcome is its own domain for the Benjamini–Hochberg correction');
  });

  it('applies BH within the domains set with --domain: with two p-values, adjusted = (min(2·p1, p2), p2)', () => {
    expect(flagged.r.outcomes.map((o) => o.domain)).toEqual(['achievement', 'score_z', 'achievement']);
    const [a, , c] = flagged.r.outcomes;
    for (const m of ['unadjusted', 'regression', 'matching', 'weighting'] as const) {
      const pa = a!.estimates.find((e) => e.method === m)!;
      const pc = c!.estimates.find((e) => e.method === m)!;
      const [lo, hi] = pa.p_value! <= pc.p_value! ? [pa, pc] : [pc, pa];
      expect(hi.bh_p_value!, m).toBeCloseTo(hi.p_value!, 12);
      expect(lo.bh_p_value!, m).toBeCloseTo(Math.min(2 * lo.p_value!, hi.p_value!), 12);
    }
    expect(text(flagged.html)).toContain('Achievement (scale_score and passed)');
  });

  it('gives an outcome without a baseline measure the verdict "not assessed" and keeps it in the summary', () => {
    for (const o of plain.r.outcomes) for (const e of o.estimates) expect(e.baseline!.verdict, `${o.outcome} ${e.method}`).toBe('not_assessed');
    const summary = text(plain.html, 'summary');
    expect(summary).not.toMatch(/no estimate meets the baseline-equivalence standard/);
    expect(summary.match(/baseline equivalence not assessed/g)?.length).toBe(3);
    expect(summary).toContain('Every headline follows one rule');
    // with a pre-test named, that outcome is assessed
    const assessed = flagged.r.outcomes.find((o) => o.outcome === 'scale_score')!.estimates.map((e) => e.baseline!.verdict);
    expect(assessed).not.toContain('not_assessed');
  });

  it('uses --year, --title and --program home-visits when given', () => {
    expect(flagged.r.outcome_year).toBe(2017);
    expect(flagged.r.name).toBe('Riverside pilot');
    expect(flagged.html).toContain('<h1>Riverside pilot</h1>');
    expect(text(flagged.html)).toContain('school year 2016–17');
    expect(text(flagged.html, 'summary')).toContain('students whose families received a home visit (rows with treated = 1)');
  });

  it('names the flag as typed in every option error, in one sentence', () => {
    const base = ['compare', '--data', hand, '--treatment', 'treated', '--outcome', 'scale_score,passed', '--out', join(dir, 'bad'), '--quiet'];
    for (const [args, msg] of [
      [['--units', 'scale_score'], /^hve: --units expects outcome=unit pairs, got "scale_score"\.$/],
      [['--domain', 'nope=x'], /^hve: --domain names "nope", which is not one of the --outcome columns \(scale_score, passed\)\.$/],
      [['--year', '17'], /^hve: --year expects a four-digit year/],
      [['--program', 'visits'], /^hve: --program expects home-visits or generic, got "visits"\.$/],
      [['--units', 'passed=points'], /^hve: --units gives "passed" the unit "points", but it is a 0\/1 outcome/],
    ] as const) {
      const r = runCli([...base, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim(), args.join(' ')).toMatch(msg);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
