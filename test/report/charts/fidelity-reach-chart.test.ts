/** The reach × fidelity chart places shown program schools only, draws the threshold rule, and says how many schools it leaves out. */
import { describe, it, expect } from 'vitest';
import { fidelityReachChart, fidelityReachPoints, fidelityReachCaption } from '../../../src/report/charts/fidelity-reach-chart.js';
import { vegaLiteToSvg } from '../../../src/report/render/index.js';
import { gatedFixture } from '../../helpers/results-fixture.js';
import { implementationResults } from '../implementation-fixture.js';

describe('fidelityReachChart', () => {
  const p = gatedFixture(implementationResults());

  it('plots reach in percent and the score, leaving out the hidden school and the partner whose reach the gate hid', () => {
    const pts = fidelityReachPoints(p);
    // SCH001 40/200 = 20%, score 0.915; SCH002 30/150 = 20%, score (0.9333 + 0.0667 + 0.8333 + 0.8 + 0) / 5 = 0.5267
    expect(pts.values.map((v) => [v.school, v.reach, Number(v.score.toFixed(4))])).toEqual([
      ['SCH001', 20, 0.915],
      ['SCH002', 20, 0.5267],
    ]);
    // SCH003 (a small group) and SCH005 (its reach hidden as a partner) are hidden; SCH004 has no visit
    expect([pts.hidden, pts.unscored]).toEqual([2, 1]);
    expect(fidelityReachCaption(p)).toContain('2 schools hidden by the privacy rule are left out.');
    expect(fidelityReachCaption(p)).toContain('1 school with no completed visit or no recorded practice has no point.');
  });

  it('renders to SVG with the school labels and a rule at the 10% threshold', async () => {
    const spec = fidelityReachChart(p) as unknown as { layer: { data?: { values: { x: number }[] } }[] };
    expect(spec.layer[0]!.data!.values).toEqual([{ x: 10 }]);
    const svg = await vegaLiteToSvg(fidelityReachChart(p));
    expect(svg).toContain('SCH001');
    expect(svg).toContain('SCH002');
    expect(svg).not.toContain('SCH003');
    expect(svg).toContain('Reach (% of students visited)');
  });
});
