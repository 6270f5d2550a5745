import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeNetworkReport } from '../../../src/network/report/index.js';
import { networkFixture } from './network-fixture.js';

describe('writeNetworkReport', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hve-network-report-'));
  beforeAll(async () => {
    await writeNetworkReport(dir, networkFixture());
  }, 60_000);

  const read = (f: string) => readFileSync(join(dir, f), 'utf8');
  const csv = (f: string) => read(join('tables', f)).trimEnd().split('\n');

  it('writes network.html, a forest plot per pooled cell (SVG, PNG, Vega-Lite) and the five tables', () => {
    expect(readdirSync(join(dir, 'figures')).sort()).toEqual(
      ['forest-chronic_absence-regression', 'forest-ela_z-regression'].flatMap((id) => [`${id}.png`, `${id}.svg`, `${id}.vl.json`]),
    );
    expect(readFileSync(join(dir, 'figures', 'forest-chronic_absence-regression.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(readdirSync(join(dir, 'tables')).sort()).toEqual(['meta_regression.csv', 'pooled.csv', 'sites.csv', 'states.csv', 'studies.csv']);
    const html = read('network.html');
    expect(html.match(/<svg/g)).toHaveLength(2);
    expect(html).toContain('I² = 40.0%, Q = 3.50 (df 2), p = .174');
  });

  it('neutralises a formula-looking site name in every CSV it appears in', () => {
    const cell = `"'=HYPERLINK(""http://evil.example"",""x"")"`;
    expect(csv('sites.csv')[2]!.startsWith(`${cell},CA,2017,b.json,6,0.15,4,6,0.55,400,,,`)).toBe(true);
    expect(csv('studies.csv').filter((l) => l.includes(cell))).toHaveLength(2);
    expect(read('tables/studies.csv')).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('writes one pooled row per estimator × CI method, unrounded, and one for a suppressed cell', () => {
    const rows = csv('pooled.csv');
    const head = rows[0]!.split(',');
    const col = (line: string, name: string) => line.split(',')[head.indexOf(name)];
    expect(rows).toHaveLength(1 + 7); // FE wald; DL wald, hksj; REML wald, hksj; RVE cr2; suppressed
    const reml = rows.find((l) => l.startsWith('chronic_absence,') && col(l, 'estimator') === 'REML' && col(l, 'ci_method') === 'hksj')!;
    expect([col(reml, 'estimate'), col(reml, 'ci_low'), col(reml, 'ci_high'), col(reml, 'df'), col(reml, 'tau2'), col(reml, 'q')]).toEqual(['-0.045', '-0.08', '-0.01', '2', '0.00025', '3.5']);
    const sup = rows.find((l) => l.startsWith('any_suspension,'))!;
    expect([col(sup, 'estimate'), col(sup, 'suppressed'), col(sup, 'suppression_reason')]).toEqual(['', 'true', 'pooled_n_below_min_cell']);
  });

  it('writes the meta-regression with R², the states with the single site named', () => {
    const mr = csv('meta_regression.csv');
    const head = mr[0]!.split(',');
    const slope = mr.find((l) => l.includes(',fidelity_score,-0.09,'))!.split(',');
    expect(Number(slope[head.indexOf('r2')])).toBeCloseTo(0.6, 12);
    expect(csv('states.csv')).toContain('OR,chronic_absence,regression,difference,single_site,siteC,2017,1,1,,wald,-0.08,-0.158,-0.002,,400,false,');
  });
});
