import { describe, expect, it } from 'vitest';
import { networkHtml } from '../../../src/network/report/network-html.js';
import { networkFixture, TAG_SITE } from './network-fixture.js';

/** The text of every table row (tags stripped, cells joined by " | "). */
function rows(html: string): string[] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]!
      .split(/<\/t[dh]>/)
      .map((c) => c.replace(/<[^>]+>/g, '').trim())
      .filter((c) => c !== '')
      .join(' | '),
  );
}

/** The one row holding every given text. */
function row(html: string, ...texts: string[]): string {
  const found = rows(html).filter((r) => texts.every((t) => r.includes(t)));
  expect(found, texts.join(' + ')).toHaveLength(1);
  return found[0]!;
}

describe('networkHtml', () => {
  const html = networkHtml(networkFixture(), new Map());

  it('puts each estimator and CI label next to its own numbers (pp for rates; τ² in pp²)', () => {
    expect(row(html, 'Fixed effect (FE)', 'Wald (normal)')).toBe('Fixed effect (FE) | Wald (normal) | −4.0 pp | [−6.0, −2.0] | 1.00 | normal | < .001 | 0 (assumed) | — | —');
    expect(row(html, 'DerSimonian–Laird τ² (DL)', 'Wald (normal)')).toContain('−4.2 pp | [−6.6, −1.8]');
    expect(row(html, 'DerSimonian–Laird τ² (DL)', 'HKSJ')).toContain('[−10.7, 2.3] | 1.50 | 2 | .110 | 1.0000 | 30.0% | [−7.3, −1.1]');
    // REML with HKSJ: −0.045 → −4.5 pp; τ² 0.00025 → 2.5 pp²; I² 0.4 → 40.0%; PI [−0.085, −0.005] → [−8.5, −0.5]
    expect(row(html, 'Random effects, REML τ² (REML)', 'Hartung–Knapp–Sidik–Jonkman (HKSJ, t)')).toBe(
      'Random effects, REML τ² (REML) | Hartung–Knapp–Sidik–Jonkman (HKSJ, t) | −4.5 pp | [−8.0, −1.0] | 0.81 | 2 | .031 | 2.5000 | 40.0% | [−8.5, −0.5]',
    );
    expect(row(html, 'Robust variance estimation, clustered by site (RVE)', 'CR2, Satterthwaite df')).toContain('+0.061 | [−0.030, 0.152] | 0.0200 | 1.8 | .090');
  });

  it('prints τ², I² and Q (p) under each pooled outcome and says why a cell is not shown', () => {
    expect(html).toContain('REML τ² = 2.5000 pp² (τ = 1.58 pp), I² = 40.0%, Q = 3.50 (df 2), p = .174');
    expect(row(html, 'Suppressed: the pooled studies rest on fewer than 10 students.')).not.toMatch(/\d pp/);
    expect(html).toContain("(4 studies, 3 sites, 1,600 students; left out because the site's bundle hid it: siteD (2017))");
  });

  it('lists the bundle left out with its reason', () => {
    expect(html).toMatch(/<code>old\.json<\/code> \(siteX, 2017\): its definitions differ/);
  });

  it('shows a single-site state as that site, labelled so', () => {
    expect(row(html, 'OR', 'Single site')).toBe('OR | Single site: siteC (2017), shown as that site, not as a state (its own estimate, Wald CI) | −8.0 pp | [−15.8, −0.2] | — | 400');
    expect(row(html, 'CA', '2 sites')).toContain('REML, HKSJ CI | −3.5 pp | [−22.5, 15.5]');
  });

  it('prints the meta-regression slope with its Knapp–Hartung df, τ²_res and R², and the low-power sentence with k < 10', () => {
    // R² = (0.00025 − 0.0001) / 0.00025 = 60%; slope −0.09 per unit of fidelity → −9.0 pp
    expect(row(html, 'fidelity score (0–1)')).toBe(
      'fidelity score (0–1) | 3 (3) | REML, Knapp–Hartung t | −9.0 pp | 4.00 | 1 | [−59.8, 41.8] | .266 | 1.0000 | 60.0% | With fewer than 10 sites the test has little power.',
    );
    expect(html).toContain('<strong>With fewer than 10 sites the test has little power.</strong>');
  });

  it('leaves the low-power sentence out when every regression has 10 or more sites', () => {
    const r = networkFixture();
    r.meta_regression = r.meta_regression.map((m) => ({ ...m, sites: 12, k: 12, low_power: false, notes: [] }));
    expect(networkHtml(r, new Map())).not.toContain('the test has little power.');
  });

  it('shows the sites with reach, fidelity score and n', () => {
    expect(row(html, 'siteC', 'c.json')).toBe('siteC | OR | 2017 | 4 | 30.0% | 4 of 4 | 0.90 | 400 | 95 USD (2017) | c.json');
  });

  it('escapes site names and holds no script or external resource', () => {
    expect(html).not.toContain(TAG_SITE);
    expect(html).toContain('a&lt;b&gt;&amp;co');
    expect(html).toContain('=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;)');
    expect(html).not.toMatch(/<script|src="http|href="http/);
  });

  it('cites the estimators and CI methods', () => {
    for (const cite of ['DerSimonian &amp; Laird 1986', 'Viechtbauer 2005', 'Hartung &amp; Knapp 2001', 'Sidik &amp; Jonkman 2002', 'Higgins &amp; Thompson 2002', 'Tipton 2015', 'Pustejovsky &amp; Tipton 2018']) expect(html).toContain(cite);
  });
});
