/** The data-quality section reads the rejected visit records that name a roster student from the quality block, and computes nothing. */
import { describe, it, expect } from 'vitest';
import { dataQualitySection } from '../../../src/report/html/section-data-quality.js';
import type { GateResult } from '../../../src/quality/quality-schema.js';
import type { Results } from '../../../src/results/results-schema.js';
import { resultsFixture, gatedFixture } from '../../helpers/results-fixture.js';

const matchGate = (x: Partial<GateResult>): GateResult => ({
  gate: 'visit_match', extract: 'visits', column: 'student_id', code: null, rows: 998, of: 1011, share: 998 / 1011, setting: 'min_visit_match', threshold: 0.9, status: 'passed', ...x,
});

function withGate(g: GateResult): Results {
  const r = resultsFixture();
  // accepted visits 900: the old renderer arithmetic (998 − 900 = 98) would disagree with the quality block's 51
  const visits = { extract: 'visits', path: 'v.csv', files: 1, sha256: 'b'.repeat(64), rows_read: 1011, rows_accepted: 900, rows_rejected: 111, rejected_by_reason: {} };
  return { ...r, provenance: { ...r.provenance, inputs: [visits] }, quality: { settings: { max_reject_share: 0.2, unknown_codes: 'stop', min_visit_match: 0.9 }, gates: [g], missing: [] } };
}

describe('dataQualitySection: rejected visit records', () => {
  it('shows the count the quality block carries', () => {
    const html = dataQualitySection(gatedFixture(withGate(matchGate({ rejected_naming_roster: 51 }))));
    expect(html).toContain('<strong>Rejected visit records.</strong> 51 rejected visit records name a student of the roster');
    expect(html).not.toContain('98 rejected');
  });

  it('shows no note when none was rejected, or when the block does not say', () => {
    expect(dataQualitySection(gatedFixture(withGate(matchGate({ rejected_naming_roster: 0 }))))).not.toContain('Rejected visit records');
    expect(dataQualitySection(gatedFixture(withGate(matchGate({}))))).not.toContain('Rejected visit records');
  });
});
