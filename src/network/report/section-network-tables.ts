/** The by-state roll-up, sites and meta-regression sections of network.html. */
import { esc, fixed, formatP } from '../../report/format.js';
import { htmlTable, groupRow, type TableRow } from '../../report/html/table.js';
import type { NetworkResults, PooledCell } from '../network-schema.js';
import { CI_SHORT, SITE_METHOD_LABEL, formatCi, formatSe, formatShare, formatTau2, formatValue, scaleLabel } from './network-labels.js';
import { suppressionText } from './network-text.js';
import { metaRegressionR2 } from './meta-regression-r2.js';
import { LOW_POWER_SENTENCE } from '../meta-regressions.js';

const shownScale = (c: { scale: PooledCell['scale'] }) => c.scale !== 'effect_size';

/** The cell (for its unit and label) of a state or meta-regression row. */
function cellOf(r: NetworkResults, x: { outcome: string; method: string; scale: string }): PooledCell | undefined {
  return r.pooled.find((c) => c.outcome === x.outcome && c.method === x.method && c.scale === x.scale);
}

/** The by-state roll-up (difference scale; every scale in states.csv): a state with one site is shown as that site, labelled so. */
export function statesSection(r: NetworkResults): string {
  const rows: TableRow[] = [];
  let group = '';
  for (const s of r.states.filter(shownScale)) {
    const c = cellOf(r, s);
    if (!c) continue;
    const g = `${esc(c.label)}: ${esc(SITE_METHOD_LABEL[s.method])}, ${esc(scaleLabel(c))}`;
    if (g !== group) rows.push(groupRow((group = g)));
    const shownAs =
      s.kind === 'single_site'
        ? `Single site: <strong>${esc(s.site ?? '')}</strong>${s.year === null ? '' : ` (${s.year})`}, shown as that site, not as a state (its own estimate, Wald CI)`
        : `${s.sites} sites, ${s.k} studies: ${s.estimator ?? ''}, ${CI_SHORT[s.ci_method]} CI`;
    rows.push(
      s.suppressed
        ? [esc(s.state), shownAs, `<em>${esc(suppressionText(s.suppression_reason, r.min_cell))}</em>`, '', '', '']
        : [esc(s.state), shownAs, formatValue(c, s.estimate), formatCi(c, s.ci_low, s.ci_high), s.kind === 'single_site' ? '—' : formatTau2(c, s.tau2), s.n_total === null ? '—' : s.n_total.toLocaleString('en-US')],
    );
  }
  const body = rows.length
    ? htmlTable(['State', 'Shown as', 'Estimate', '95% CI', 'τ²', 'Students'], rows, [false, false, true, true, true, true])
    : '<p>No study names its state, so there is no roll-up.</p>';
  return `<section id="states"><h2>By state</h2>
<p>Within each state the studies are pooled with the REML τ² and the Hartung–Knapp–Sidik–Jonkman CI (RVE clustered by site when a site gives several years). A state with a single site is not a state estimate: it is shown as that site, with the site's own estimate and Wald CI. Effect-size rows are in <code>tables/states.csv</code>.</p>
${body}
</section>`;
}

/** The sites table: each site-year with its reach, fidelity score and n, as its bundle gave them. */
export function sitesSection(r: NetworkResults): string {
  const rows = r.sites.map((s) => [
    esc(s.site),
    esc(s.state ?? '—'),
    s.year === null ? '—' : String(s.year),
    s.schools === null ? '—' : String(s.schools),
    formatShare(s.reach),
    s.schools_at_threshold === null || s.program_schools === null ? '—' : `${s.schools_at_threshold} of ${s.program_schools}`,
    s.fidelity_score === null ? '—' : fixed(s.fidelity_score, 2),
    s.n === null ? '—' : s.n.toLocaleString('en-US'),
    s.cost_per_visited_student === null ? '—' : `${fixed(s.cost_per_visited_student, 0)} ${esc(s.currency ?? '')}${s.price_year === null ? '' : ` (${s.price_year})`}`,
    `<code>${esc(s.file)}</code>`,
  ]);
  return `<section id="sites"><h2>Sites</h2>
<p>Reach is the share of a site's students visited; the fidelity score summarises the five core practices (0 to 1); n is the largest number of students (visited + comparison) behind one of the site's estimates.</p>
${htmlTable(['Site', 'State', 'Year', 'Schools', 'Reach', 'Schools at reach threshold', 'Fidelity score', 'n', 'Cost per visited student', 'File'], rows, [false, false, true, true, true, true, true, true, true, false])}
</section>`;
}

const MODERATOR_LABEL = { reach: 'reach (share visited, 0–1)', fidelity_score: 'fidelity score (0–1)' } as const;

/** The meta-regression tables: the slope of site effects on reach and on the fidelity score, with its test, df, τ²_res and R². */
export function metaRegressionSection(r: NetworkResults): string {
  const rows: TableRow[] = [];
  let group = '';
  const shown = r.meta_regression.filter(shownScale);
  for (const m of shown) {
    const c = cellOf(r, m);
    if (!c) continue;
    const g = `${esc(c.label)}: ${esc(SITE_METHOD_LABEL[m.method])}, ${esc(scaleLabel(c))}`;
    if (g !== group) rows.push(groupRow((group = g)));
    const test = m.test === 'knha' ? `${m.estimator}, Knapp–Hartung t` : `${m.estimator}, CR2 Satterthwaite t`;
    const slope = m.coefficients.find((x) => x.term !== 'intercept');
    const power = m.low_power ? `<span class="muted">${esc(LOW_POWER_SENTENCE)}</span>` : '';
    if (m.suppressed || !slope) {
      rows.push([esc(MODERATOR_LABEL[m.moderator]), `${m.k} (${m.sites})`, esc(test), `<em>${esc(mrSuppressionText(m.suppression_reason, r.min_cell))}</em>`, '', '', '', '', '', '', power]);
      continue;
    }
    const r2 = metaRegressionR2(m, r);
    rows.push([
      esc(MODERATOR_LABEL[m.moderator]),
      `${m.k} (${m.sites})`,
      esc(test),
      formatValue(c, slope.estimate),
      formatSe(c, slope.se),
      slope.df === null ? '—' : fixed(slope.df, m.test === 'knha' ? 0 : 1),
      formatCi(c, slope.ci_low, slope.ci_high),
      formatP(slope.p_value),
      formatTau2(c, m.tau2_residual),
      r2 === null ? '—' : formatShare(r2),
      power,
    ]);
  }
  const lowPower = shown.some((m) => m.low_power) ? `<p><strong>${esc(LOW_POWER_SENTENCE)}</strong> A slope that is not distinguishable from zero here is not evidence that reach or fidelity do not matter.</p>` : '';
  const body = rows.length
    ? htmlTable(['Moderator', 'k (sites)', 'Model and test', 'Slope', 'SE', 'df', '95% CI', 'p', 'τ²_res', 'R²', 'Note'], rows, [false, true, false, true, true, true, true, true, true, true, false])
    : '<p>No site gave its reach or fidelity score, so there is no meta-regression.</p>';
  return `<section id="meta-regression"><h2>Meta-regression on reach and fidelity</h2>
<p>Site effects regressed on one site-level moderator at a time: REML τ² with Knapp–Hartung t tests (t with k − 2 df), or robust variance estimation clustered by site (CR2, Satterthwaite df) when a site gives several years. The slope is the change in the site effect per unit of the moderator (from 0 to 1), in the outcome's shown unit; R² is the share of τ² the moderator explains (metafor's definition; — when the pooled τ² is 0 or the regression used fewer studies). Descriptive: sites were not assigned their reach or fidelity. Intercepts and effect-size rows are in <code>tables/meta_regression.csv</code>.</p>
${lowPower}
${body}
</section>`;
}

function mrSuppressionText(reason: NetworkResults['meta_regression'][number]['suppression_reason'], minCell: number): string {
  switch (reason) {
    case 'pooled_n_below_min_cell':
      return `Suppressed: fewer than ${minCell} students.`;
    case 'too_few_studies':
      return 'Not estimated: fewer than 3 sites have this moderator.';
    case 'moderator_constant':
      return 'Not estimated: the moderator is the same at every site.';
    default:
      return '';
  }
}
