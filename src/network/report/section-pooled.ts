/** Per outcome of network.html: the forest plots and the pooled table with every estimator and CI method labelled. */
import { esc, fixed, formatP } from '../../report/format.js';
import { htmlTable, groupRow, type TableRow } from '../../report/html/table.js';
import type { NetworkResults, PooledCell } from '../network-schema.js';
import { CI_LABEL, ESTIMATOR_LABEL, SITE_METHOD_LABEL, formatCi, formatShare, formatSe, formatTau2, formatValue, heterogeneityText, scaleLabel } from './network-labels.js';
import { suppressionText, plural } from './network-text.js';
import { forestId } from './forest-chart.js';

/** A rendered forest plot to inline. */
export interface ForestFigure {
  id: string;
  svg: string;
  alt: string;
}

/** The rows of one cell in the pooled table: one per estimator × CI method, or one saying why it was not pooled. */
function cellRows(c: PooledCell, minCell: number): TableRow[] {
  const head = `${esc(SITE_METHOD_LABEL[c.method])}, ${esc(scaleLabel(c))}`;
  const left = c.left_out.suppressed ? `; left out because the site's bundle hid it: ${c.left_out.sites.map(esc).join(', ')}` : '';
  const who = `${plural(c.k, 'study', 'studies')}, ${plural(c.sites, 'site')}${c.n_total === null ? '' : `, ${c.n_total.toLocaleString('en-US')} students`}${left}`;
  const rows: TableRow[] = [groupRow(`${head} <span class="muted">(${who})</span>`)];
  if (c.fits.length === 0) {
    rows.push([`<em>${esc(suppressionText(c.suppression_reason, minCell))}</em>`, '', '', '', '', '', '', '', '', '']);
    return rows;
  }
  for (const f of c.fits) {
    for (const ci of f.cis) {
      rows.push([
        esc(ESTIMATOR_LABEL[f.estimator]) + (f.rows === 'latest_year_per_site' ? ` <span class="muted">(latest year per site only: k = ${f.k ?? '—'}${f.n_total == null ? '' : `, ${f.n_total.toLocaleString('en-US')} students`})</span>` : f.estimator === 'RVE' ? ` <span class="muted">(every year: k = ${c.k}; the headline)</span>` : ''),
        esc(CI_LABEL[ci.ci_method]),
        formatValue(c, f.estimate),
        formatCi(c, ci.ci_low, ci.ci_high),
        formatSe(c, ci.se),
        ci.df === null ? 'normal' : fixed(ci.df, ci.ci_method === 'hksj' ? 0 : 1),
        formatP(ci.p_value),
        f.estimator === 'FE' ? '0 (assumed)' : formatTau2(c, f.tau2),
        f.i2 === null ? '—' : formatShare(f.i2),
        predictionText(c, ci.prediction === undefined ? f.prediction : ci.prediction),
      ]);
    }
  }
  return rows;
}

/** A prediction interval, saying when it uses t(k − 1) (beside HKSJ, as metafor's predict()). */
function predictionText(c: PooledCell, p: PooledCell['fits'][number]['prediction'] | null): string {
  if (!p) return '—';
  return formatCi(c, p.low, p.high) + (p.method === 't_k_minus_1' ? ' <span class="muted">(t)</span>' : '');
}

/** Notes under one outcome: heterogeneity, left-out studies, several years pooled by RVE. */
function cellNotes(c: PooledCell): string[] {
  const shown = c.fits.length ? [`${esc(SITE_METHOD_LABEL[c.method])}, ${esc(scaleLabel(c))}: ${esc(heterogeneityText(c))}.`] : [];
  return [...shown, ...c.notes.map((n) => `${esc(SITE_METHOD_LABEL[c.method])}, ${esc(scaleLabel(c))}: ${esc(n)}`)];
}

/** One outcome's section: its forest plots (difference scale, or as reported), then the pooled table of every method and scale. */
function outcomeSection(cells: PooledCell[], r: NetworkResults, figures: Map<string, ForestFigure>, index: number): string {
  const c0 = cells[0]!;
  const forests = cells
    .filter((c) => c.scale !== 'effect_size')
    .map((c) => figures.get(forestId(c)))
    .filter((f): f is ForestFigure => f !== undefined)
    .map((f) => `<figure id="fig-${esc(f.id)}" role="img" aria-label="${esc(f.alt)}">${f.svg}<figcaption>${esc(f.alt)} (<code>figures/${esc(f.id)}.svg</code>, <code>.png</code>)</figcaption></figure>`);
  const esForests = cells.filter((c) => c.scale === 'effect_size' && figures.has(forestId(c))).map((c) => `<code>figures/${esc(forestId(c))}.svg</code>`);
  const head = ['Estimator', 'CI method', 'Pooled estimate', '95% CI', 'SE', 'df', 'p', 'τ²', 'I²', '95% prediction interval'];
  const numeric = [false, false, true, true, true, true, true, true, true, true];
  const notes = cells.flatMap(cellNotes);
  return `<section id="outcome-${index}" class="outcome"><h2>${esc(c0.label)}</h2>
${forests.join('\n')}
${esForests.length ? `<p class="muted">Forest plots on the effect-size scale: ${esForests.join(', ')}.</p>` : ''}
${htmlTable(head, cells.flatMap((c) => cellRows(c, r.min_cell)), numeric, { caption: `Pooled ${esc(c0.label.toLowerCase())}: every site method and scale, each row naming its estimator and CI method.` })}
${notes.length ? `<ul class="notes">${notes.map((n) => `<li>${n}</li>`).join('')}</ul>` : ''}
</section>`;
}

/** The outcomes of the pool in first-seen order, each with its cells. */
export function cellsByOutcome(r: NetworkResults): PooledCell[][] {
  const by = new Map<string, PooledCell[]>();
  for (const c of r.pooled) by.set(c.outcome, [...(by.get(c.outcome) ?? []), c]);
  return [...by.values()];
}

/** Every outcome's section. */
export function pooledSections(r: NetworkResults, figures: Map<string, ForestFigure>): string {
  return cellsByOutcome(r)
    .map((cells, i) => outcomeSection(cells, r, figures, i))
    .join('\n');
}
