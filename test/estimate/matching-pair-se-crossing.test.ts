/**
 * The matched-pair SE (cr1_pairs) when the school fixed effects are not nested in the clusters (hve compare
 * --fixed-effects school --cluster region): the school-clustered CR2 fit falls back to dummy columns, and the
 * pair-clustered SE must not reuse that fit with the absorbed design (it once threw and was silently dropped).
 * fixtures/fe-crossing-clusters.csv: 698 rows, 24 schools spread over 6 regions (141 school × region cells),
 * made by a reviewer. Expected SEs: the dummy-variable implementation before fixed effects were absorbed
 * (commit c08dabe) wrote alternative_se.se = 0.089006448985531 (score), 0.044516048318909436 (passed) and
 * 0.08954094567885781 (absences) for `hve compare --data fixtures/fe-crossing-clusters.csv --treatment treat
 * --outcome score,passed,absences --counts absences --covariates pretest,female --fixed-effects school
 * --cluster region --method matching`; CR1 with absorbed fixed effects equals the dummy fit, so the same
 * numbers must come back (to 1e-9).
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { compareAnalyticFile } from '../../src/compare/compare-analytic-file.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('matching: pair-clustered SE with fixed effects crossing the clusters', () => {
  it('is published for every outcome, equal to the dummy-variable fit', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'hve-pairs-')), 'out');
    const { results } = await compareAnalyticFile({
      data: join(here, 'fixtures/fe-crossing-clusters.csv'),
      treatment: 'treat',
      outcomes: ['score', 'passed', 'absences'],
      counts: ['absences'],
      covariates: ['pretest', 'female'],
      fixedEffects: 'school',
      cluster: 'region',
      methods: ['matching'],
      out,
    });
    const expected: Record<string, number> = { score: 0.089006448985531, passed: 0.044516048318909436, absences: 0.08954094567885781 };
    for (const [outcome, se] of Object.entries(expected)) {
      const m = results.outcomes.find((o) => o.outcome === outcome)!.estimates.find((e) => e.method === 'matching')!;
      expect(m.alternative_se?.se_type, outcome).toBe('cr1_pairs');
      expect(m.alternative_se!.se!, outcome).toBeCloseTo(se, 9);
    }
  }, 120_000);
});
