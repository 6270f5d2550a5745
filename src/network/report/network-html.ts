/** network.html: the self-contained network report (inline CSS and SVG, no scripts). */
import { esc } from '../../report/format.js';
import { REPORT_CSS } from '../../report/html/report-css.js';
import type { NetworkResults } from '../network-schema.js';
import { summarySection } from './section-summary.js';
import { pooledSections, cellsByOutcome, type ForestFigure } from './section-pooled.js';
import { metaRegressionSection, sitesSection, statesSection } from './section-network-tables.js';
import { methodsSection, privacySection } from './section-network-methods.js';

const EXTRA_CSS = `
section.outcome figure { margin: .8rem 0; overflow-x: auto; }
section.outcome figure svg { max-width: 100%; height: auto; }
ul.notes { font-size: .9rem; color: var(--muted); }
dl dt { font-weight: 600; margin-top: .5rem; }
dl dd { margin-left: 1rem; }
p.warn { border-left: 4px solid #D55E00; padding-left: .6rem; }
`;

/** The title of a network report. */
function title(r: NetworkResults): string {
  return r.source === 'bundles' ? 'Home-visit network: pooled site results' : 'Pooled effects (hve pool)';
}

/** Build network.html from pooled results and their rendered forest plots (keyed by figure id). */
export function networkHtml(r: NetworkResults, figures: Map<string, ForestFigure>): string {
  const sites = new Set(r.sites.map((s) => s.site)).size;
  const nav = [
    ['summary', 'Summary'],
    ...cellsByOutcome(r).map((cells, i) => [`outcome-${i}`, cells[0]!.label] as const),
    ['states', 'By state'],
    ['sites', 'Sites'],
    ['meta-regression', 'Meta-regression'],
    ['methods', 'Methods'],
    ['privacy', 'Privacy'],
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title(r))}</title>
<style>${REPORT_CSS}${EXTRA_CSS}</style>
</head>
<body>
<header class="top"><h1>${esc(title(r))}</h1><p>${esc(`${sites} site${sites === 1 ? '' : 's'}, ${r.sites.length} site-year${r.sites.length === 1 ? '' : 's'}; cells under ${r.min_cell} students suppressed`)}</p></header>
<nav class="toc" aria-label="Sections">${nav.map(([id, t]) => `<a href="#${id}">${esc(t!)}</a>`).join('')}</nav>
<main>
${summarySection(r)}
${pooledSections(r, figures)}
${statesSection(r)}
${sitesSection(r)}
${metaRegressionSection(r)}
${methodsSection(r)}
${privacySection(r)}
</main>
</body>
</html>
`;
}
