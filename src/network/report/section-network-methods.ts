/** The methods and privacy sections of network.html. */
import { esc } from '../../report/format.js';
import type { NetworkResults } from '../network-schema.js';

/** What each estimator and CI method is, with the published sources. */
export function methodsSection(r: NetworkResults): string {
  const level = Math.round(100 * r.rules.level);
  return `<section id="methods"><h2>Methods</h2>
<p>Each study is one site-year: the estimate and standard error its bundle (or the effects table) gave, on its outcome's scale (a proportion for yes/no outcomes, shown in percentage points), and its effect size (Hedges' g for continuous outcomes, the Cox index for yes/no outcomes) with that effect size's SE. Every pooled number names the estimator and the CI method that produced it.</p>
<dl>
<dt>Fixed effect (FE)</dt><dd>The inverse-variance weighted mean, weights 1/v<sub>i</sub>; it assumes every site estimates the same effect. Wald CI. Cochran's Q about this mean, with k − 1 df and its χ² p-value, tests whether the sites differ by more than chance.</dd>
<dt>Random effects, DerSimonian–Laird τ² (DL)</dt><dd>Sites' true effects vary around a mean with between-site variance τ², estimated by the method of moments from Q (DerSimonian &amp; Laird 1986); weights 1/(v<sub>i</sub> + τ²).</dd>
<dt>Random effects, REML τ² (REML)</dt><dd>The same model with τ² by restricted maximum likelihood, metafor's default (Viechtbauer 2005). The forest plots draw this fit.</dd>
<dt>Wald CI</dt><dd>Estimate ± z × SE, with SE² = 1/Σw. Too narrow when there are few sites.</dd>
<dt>Hartung–Knapp–Sidik–Jonkman (HKSJ) CI</dt><dd>The SE rescaled by the weighted spread of the site estimates around the mean, with a t reference on k − 1 df (Hartung &amp; Knapp 2001; Sidik &amp; Jonkman 2002). Preferred with few sites; the forest-plot diamond spans it.</dd>
<dt>I²</dt><dd>The share of the variability in the estimates due to between-site differences rather than sampling error, τ²/(τ² + s̃²) (Higgins &amp; Thompson 2002; as metafor reports it).</dd>
<dt>Prediction interval</dt><dd>Where a new site's true effect is expected to fall, as metafor's <code>predict()</code>: beside a Wald (or CR2) CI μ ± z √(τ² + SE²); beside an HKSJ CI μ ± t<sub>k − 1</sub> √(τ² + SE²<sub>HKSJ</sub>), marked (t) in the table (Higgins, Thompson &amp; Spiegelhalter 2009 suggest t with k − 2 df, which is wider).</dd>
<dt>Several years from one site: robust variance estimation (RVE)</dt><dd>Years of the same site are not independent, so when any site gives several years the cell is pooled only with robust variance estimation clustered by site, with the CR2 small-sample correction and Satterthwaite df (Tipton 2015; Pustejovsky &amp; Tipton 2018), never with FE, DL or REML over the dependent rows. The forest plot draws every study (site-year) with its RVE weight and the RVE diamond over its CR2 CI; beside it the table gives FE, DL and REML over one row per site (its latest year, a stated rule, with their own k and n), and Q, I² and the REML τ² of the heterogeneity line are computed over the same latest-year rows, labelled so.</dd>
<dt>Studies left out as not credible</dt><dd>A site estimate whose uncertainty is not credible is never pooled: one with fewer than 3 df (a CR2 SE from two or three schools can be near zero and take over the pool), or an SE that is not finite and positive or is below 10<sup>−8</sup>·|estimate| + 10<sup>−12</sup>. Each is named with its reason under its outcome.</dd>
<dt>Meta-regression</dt><dd>REML with Knapp–Hartung t tests on k − p df (metafor <code>rma(yi, vi, mods = ~ x, test = "knha")</code>), or RVE by site; one moderator (reach or the fidelity score) at a time. With fewer than ${r.rules.low_power_sites} sites such a test has little power.</dd>
<dt>By state</dt><dd>REML with the HKSJ CI within each state (RVE when a site gives several years); a state with one site is shown as that site.</dd>
</dl>
<p>All intervals are ${level}%. Study CIs in the forest plots are Wald intervals (estimate ± z × SE) from each study's own SE. τ² is shown on the square of the shown scale (pp² for rates); the CSVs in <code>tables/</code> hold every number unrounded, on the stored scale (proportions for rates).</p>
<p class="muted">DerSimonian R, Laird N (1986), Meta-analysis in clinical trials, Controlled Clinical Trials 7:177–188. Viechtbauer W (2005), Bias and efficiency of meta-analytic variance estimators in the random-effects model, J Educ Behav Stat 30:261–293. Hartung J, Knapp G (2001), On tests of the overall treatment effect in meta-analysis with normally distributed responses, Stat Med 20:1771–1782. Sidik K, Jonkman JN (2002), A simple confidence interval for meta-analysis, Stat Med 21:3153–3159. Higgins JPT, Thompson SG (2002), Quantifying heterogeneity in a meta-analysis, Stat Med 21:1539–1558. Tipton E (2015), Small sample adjustments for robust variance estimation with meta-regression, Psychol Methods 20:375–393. Pustejovsky JE, Tipton E (2018), Small-sample methods for cluster-robust variance estimation and hypothesis testing in fixed effects models, J Bus Econ Stat 36:672–683.</p>
</section>`;
}

/** The privacy note: pooled cells under min_cell students are suppressed, and nothing is shown that a bundle did not show. */
export function privacySection(r: NetworkResults): string {
  const suppressed = r.pooled.filter((c) => c.suppression_reason === 'pooled_n_below_min_cell').length;
  const leftOut = r.pooled.reduce((a, c) => a + c.left_out.suppressed, 0);
  return `<section id="privacy"><h2>Privacy</h2>
<p>This report is built from aggregates only: no student record left any site. ${r.source === 'bundles' ? 'Each bundle was made from its site’s privacy-gated results and checked again when written. ' : ''}A pooled cell resting on fewer than ${r.min_cell} students is suppressed (${suppressed === 1 ? '1 cell' : `${suppressed} cells`} here). An estimate a site's gate hid is left out of the pool, never filled in (${leftOut === 1 ? '1 study' : `${leftOut} studies`} left out over all cells), and a state with one site is shown as that site. The report shows no number that a bundle did not show, except the pooled numbers computed from them.</p>
<p class="muted">${esc(`Generated ${r.generated_at} by home-visit-eval ${r.software_version} (network.json version ${r.network_version}).`)}</p>
</section>`;
}
