import { basename } from 'node:path';
import type { NetworkResults, SiteRow } from './network-schema.js';
import type { PoolCellInput } from './pool-input.js';
import type { PoolCsv } from './read-pool-csv.js';
import { poolNetwork } from './pool-network.js';

/** The cells of a pool CSV: one per outcome (default "effect"), method and scale `reported`. */
export function csvCells(csv: PoolCsv): PoolCellInput[] {
  const cells = new Map<string, PoolCellInput>();
  for (const r of csv.rows) {
    let cell = cells.get(r.outcome);
    if (!cell) {
      cell = { outcome: r.outcome, label: r.outcome, outcome_type: 'reported', unit: 'reported', lower_is_better: null, method: 'reported', scale: 'reported', effect_size_type: null, studies: [], left_out: [] };
      cells.set(r.outcome, cell);
    }
    cell.studies.push({ site: r.site, state: r.state, year: r.year, yi: r.estimate, se: r.se, df: null, n_treated: null, n_comparison: null, n: r.n, reach: r.reach, fidelity_score: r.fidelity });
  }
  return [...cells.values()];
}

/** The sites table of a pool CSV: one row per site-year, with the largest n of its rows. */
function csvSites(csv: PoolCsv, file: string): SiteRow[] {
  const sites = new Map<string, SiteRow>();
  for (const r of csv.rows) {
    const key = `${r.site}\u0000${r.year ?? ''}`;
    const s = sites.get(key);
    if (s) {
      if (r.n != null) s.n = Math.max(s.n ?? 0, r.n);
      continue;
    }
    sites.set(key, {
      site: r.site, state: r.state, year: r.year, file: basename(file), schools: null, reach: r.reach, schools_at_threshold: null, program_schools: null,
      fidelity_score: r.fidelity, n: r.n, cost_per_visited_student: null, currency: null, price_year: null,
    });
  }
  return [...sites.values()].sort((a, b) => a.site.localeCompare(b.site) || (a.year ?? 0) - (b.year ?? 0));
}

/** Pool a read pool CSV with the same pooling, meta-regressions and state roll-up as bundles. */
export function poolCsv(csv: PoolCsv, file: string, opts: { minCell?: number; generatedAt?: string } = {}): NetworkResults {
  const noN = csv.rows.some((r) => r.n == null);
  return poolNetwork({
    source: 'pool_csv',
    cells: csvCells(csv),
    sites: csvSites(csv, file),
    minCell: opts.minCell ?? 10,
    definitions: null,
    notes: noN ? ['Some rows give no n, so the pooled cells they are in cannot be checked against min_cell (their n_total is null).'] : [],
    inputRows: { file: basename(file), read: csv.read, accepted: csv.accepted, rejected: csv.rejected, rejected_by_reason: { ...csv.rejectedByReason } as Record<string, number> },
    ...(opts.generatedAt ? { generatedAt: opts.generatedAt } : {}),
  });
}
