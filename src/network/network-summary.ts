import type { NetworkResults } from './network-schema.js';

/** The one line `hve network` and `hve pool` print: what was written, how many sites and cells, and what was left out. */
export function networkSummary(r: NetworkResults, folder: string, report: boolean): string {
  const shown = r.pooled.filter((p) => !p.suppressed).length;
  const files = report ? 'network.json and the network report' : 'network.json';
  const excluded = r.excluded.length ? `; ${r.excluded.length} bundle${r.excluded.length === 1 ? '' : 's'} left out (different definitions, versions or min_cell)` : '';
  return `Wrote ${files} to ${folder}: ${r.sites.length} site-year${r.sites.length === 1 ? '' : 's'}, ${shown} of ${r.pooled.length} pooled cells shown${excluded}.`;
}
