import type { NetworkResults, SiteRow } from './network-schema.js';
import type { LoadedNetwork } from './load-bundles.js';
import { bundleCells } from './bundle-cells.js';
import { poolNetwork } from './pool-network.js';
import type { Bundle } from './bundle-schema.js';

/** A bundle's row of the sites table. */
function siteRow(shown: string, b: Bundle): SiteRow {
  const ns = b.outcomes.flatMap((o) => o.estimates).map((e) => (e.n_treated != null && e.n_comparison != null ? e.n_treated + e.n_comparison : null)).filter((n): n is number => n != null);
  return {
    site: b.site,
    state: b.state,
    year: b.outcome_year,
    file: shown,
    schools: b.schools,
    reach: b.reach?.share ?? null,
    schools_at_threshold: b.reach?.schools_at_threshold ?? null,
    program_schools: b.reach?.program_schools ?? null,
    fidelity_score: b.fidelity?.score ?? null,
    n: ns.length ? Math.max(...ns) : null,
    cost_per_visited_student: b.cost?.per_visited_student ?? null,
    currency: b.cost?.currency ?? null,
    price_year: b.cost?.price_year ?? null,
  };
}

/** Pool loaded bundles: the cells of every outcome × method × scale, the sites table, and the strictest min_cell of the bundles. */
export function poolBundles(net: LoadedNetwork, opts: { generatedAt?: string } = {}): NetworkResults {
  const bundles = net.bundles.map((l) => l.bundle);
  const first = bundles[0]!.definitions;
  return poolNetwork({
    source: 'bundles',
    cells: bundleCells(bundles),
    sites: net.bundles.map((l) => siteRow(l.shown, l.bundle)).sort((a, b) => a.site.localeCompare(b.site) || (a.year ?? 0) - (b.year ?? 0)),
    minCell: Math.max(...bundles.map((b) => b.min_cell)),
    definitions: net.mixed ? null : { ...first },
    excluded: net.excluded.map((e) => ({ file: e.file, site: e.site, year: e.year, reason: e.reason })),
    mixed: net.mixed,
    notes: net.notes,
    ...opts,
  });
}
