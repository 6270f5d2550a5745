import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBundle } from '../../src/network/build-bundle.js';
import { writeBundle, checkBundle } from '../../src/network/write-bundle.js';
import { studentCountFields, type Bundle } from '../../src/network/bundle-schema.js';
import { isInputError } from '../../src/util/input-error.js';
import { estimateFixture, gatedFixture, resultsFixture } from '../helpers/results-fixture.js';
import type { Results } from '../../src/results/results-schema.js';
import { bundleEstimate, bundleFixture } from './bundle-fixture.js';

const STUDENT_ID = 'STU0004711';

/** Results with a student id planted in every free-text field a bundle could copy, and one estimate on 3 visited students. */
function plantedResults(): Results {
  const r = resultsFixture([
    {
      outcome: 'chronic_absence', label: `Chronically absent ${STUDENT_ID}`, domain: 'attendance', type: 'binary', lower_is_better: true, unit: 'percent',
      estimates: [
        estimateFixture({ method: 'regression' }),
        estimateFixture({ method: 'unadjusted', estimand: 'difference_in_proportions', n_treated: 3, n_comparison: 300, estimate: -0.2, se: 0.1, ci_low: -0.4, ci_high: 0, p_value: 0.05 }),
      ],
    },
  ]);
  r.name = `District of ${STUDENT_ID}`;
  r.provenance.pipeline_file = `/data/${STUDENT_ID}/pipeline.yaml`;
  r.provenance.inputs = [{ extract: 'students', path: `/data/${STUDENT_ID}.csv`, files: 1, sha256: 'c'.repeat(64), rows_read: 400, rows_accepted: 400, rows_rejected: 0, rejected_by_reason: {} }];
  r.definitions.comparison = `students like ${STUDENT_ID}`;
  r.definitions.comparison_group = 'program_schools';
  r.state = 'CA';
  return r;
}

describe('buildBundle', () => {
  it('copies no free text (a planted student id is absent) and no value the site gate hid', () => {
    const b = buildBundle(gatedFixture(plantedResults()));
    const json = JSON.stringify(b);
    expect(json).not.toContain(STUDENT_ID);
    const [regression, unadjusted] = b.outcomes[0]!.estimates;
    expect(regression).toMatchObject({ method: 'regression', estimate: -0.05, se: 0.02, n_treated: 100, n_comparison: 300, suppressed: false });
    // the estimate on 3 visited students: the gate hid it, so every number of it is null in the bundle
    expect(unadjusted).toMatchObject({ method: 'unadjusted', suppressed: true, estimate: null, se: null, ci_low: null, n_treated: null, n_comparison: null, effect_size: null });
    expect(studentCountFields(b).filter((c) => c.value != null && c.value > 0 && c.value < 10)).toEqual([]);
    expect(b.provenance.inputs).toEqual([{ extract: 'students', sha256: 'c'.repeat(64) }]);
  });

  it('computes the Cox index SE from the gated proportions and n', () => {
    const b = buildBundle(gatedFixture(plantedResults()));
    // √(1/(100·.15) + 1/(100·.85) + 1/(300·.2) + 1/(300·.8)) / 1.65
    const expected = Math.sqrt(1 / 15 + 1 / 85 + 1 / 60 + 1 / 240) / 1.65;
    expect(b.outcomes[0]!.estimates[0]!.effect_size_se).toBeCloseTo(expected, 12);
  });

  it('refuses a state that carries digits (such as a planted id) and a run of hve compare', () => {
    const r = plantedResults();
    r.state = STUDENT_ID;
    expect(() => buildBundle(gatedFixture(r))).toThrowError(/is not a state code or name/);
    const c = plantedResults();
    c.definitions.source = 'analytic_file';
    let err: unknown;
    try {
      buildBundle(gatedFixture(c));
    } catch (e) {
      err = e;
    }
    expect(isInputError(err)).toBe(true);
  });

  it('takes only results that came through the gate', () => {
    const raw = plantedResults();
    expect(() => buildBundle({ data: raw, minCell: 10 } as never)).toThrowError(/privacy gate/);
  });
});

describe('writeBundle (the second gate)', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'hve-bundle-'));

  it('refuses a bundle with a student count between 1 and min_cell − 1, and writes nothing', () => {
    const file = join(dir(), 'bundle.json');
    const b = bundleFixture({}, [bundleEstimate({ n_treated: 4 })]);
    expect(() => writeBundle(b, file)).toThrowError(/1 student count\(s\) between 1 and 9 \(\/outcomes\/0\/estimates\/0\/n_treated\)/);
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a free-text field outside the schema', () => {
    const b = { ...bundleFixture(), note: `visited ${STUDENT_ID}` } as unknown as Bundle;
    expect(() => checkBundle(b)).toThrowError(/does not match its schema/);
    const badState = bundleFixture({ state: STUDENT_ID });
    expect(() => checkBundle(badState)).toThrowError(/state/);
  });

  it('writes a valid bundle atomically (no temporary file left)', () => {
    const d = dir();
    const file = join(d, 'out', 'bundle.json');
    writeBundle(bundleFixture(), file);
    expect(existsSync(file)).toBe(true);
    expect(checkBundle(JSON.parse(readFileSync(file, 'utf8')))).toEqual(bundleFixture());
  });
});
