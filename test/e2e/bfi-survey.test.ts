/**
 * `hve survey` on a public survey dataset we did not make: psych::bfi (Revelle, SAPA project; 2,800 respondents, 25 Big
 * Five items on 1–6). Runs on data/bfi/bfi.csv when present, else exports it with `Rscript scripts/export-bfi.R` into a
 * temp folder when R and psych are installed, else skips. Reference numbers: psych 2.2.9, psych::alpha on the
 * complete cases of each scale (reverse keys as psych's bfi.keys) and psych::alpha.ci (Feldt), printed by that script.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { runCli } from '../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'hve-bfi-'));
function bfiFile(): string | null {
  const committed = join(ROOT, 'data', 'bfi', 'bfi.csv');
  if (existsSync(committed)) return committed;
  const out = join(tmp, 'bfi.csv');
  const r = spawnSync('Rscript', [join(ROOT, 'scripts', 'export-bfi.R'), out], { encoding: 'utf8' });
  return r.status === 0 && existsSync(out) ? out : null;
}
const file = bfiFile();

/** psych::alpha raw_alpha (complete cases), n complete, and psych::alpha.ci's Feldt 95% interval. */
const R = {
  agreeableness: { n: 2709, alpha: 0.703756, low: 0.685745, high: 0.721036 },
  conscientiousness: { n: 2707, alpha: 0.729277, low: 0.712811, high: 0.745074 },
  extraversion: { n: 2713, alpha: 0.760933, low: 0.746409, high: 0.774867 },
  neuroticism: { n: 2694, alpha: 0.813303, low: 0.80192, high: 0.824223 },
  openness: { n: 2726, alpha: 0.602546, low: 0.578459, high: 0.625659 },
} as const;

describe.skipIf(!file)('hve survey on psych::bfi', () => {
  it('reproduces psych::alpha and its Feldt interval for the five scales, flags openness below 0.70, and compares by gender', () => {
    const out = join(tmp, 'out');
    const r = runCli(['survey', file!, '--instrument', join(ROOT, 'pipelines', 'instruments', 'bfi.yaml'), '--group', 'gender', '--respondent-type', 'parent', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).surveys;
    expect(s.respondents).toMatchObject({ read: 2800, accepted: 2800, rejected: 0 });
    for (const [scale, want] of Object.entries(R)) {
      const row = s.scales.find((x: { scale: string }) => x.scale === scale);
      expect(row.n_complete, scale).toBe(want.n);
      expect(row.alpha, scale).toBeCloseTo(want.alpha, 5);
      expect(row.alpha_ci_low, scale).toBeCloseTo(want.low, 5);
      expect(row.alpha_ci_high, scale).toBeCloseTo(want.high, 5);
      expect(row.low_alpha, scale).toBe(want.alpha < 0.7);
    }
    // 2,800 = 919 men + 1,881 women; 918 and 1,879 answered at least 3 of the 5 agreeableness items (min_items default ⌈k/2⌉; R: table(gender[rowSums(!is.na(bfi[, 1:5])) >= 3]))
    const agree = s.comparisons.find((x: { scale: string }) => x.scale === 'agreeableness');
    expect([agree.group_level, agree.n_level, agree.group_reference, agree.n_reference]).toEqual(['male', 918, 'female', 1879]);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<section id="surveys"><h2>Teachers and families</h2>');
    expect(html).toContain('Big Five Inventory (psych::bfi)');
  }, 60_000);
});
