import { softwareVersion } from '../util/version.js';
import { NETWORK_VERSION, NetworkResultsSchema, type NetworkResults } from './network-schema.js';
import type { PoolCellInput } from './pool-input.js';
import { poolCell } from './pool-cell.js';
import { moderatorRegression, LOW_POWER_SITES } from './meta-regressions.js';
import { stateRollup } from './state-rollup.js';
import { splitCredible } from './credible-studies.js';

/** What the pool is made of: its cells and sites, and how the inputs were read. */
export interface PoolNetworkInput {
  source: NetworkResults['source'];
  cells: PoolCellInput[];
  sites: NetworkResults['sites'];
  minCell: number;
  definitions: NetworkResults['definitions'];
  excluded?: NetworkResults['excluded'];
  mixed?: boolean;
  notes?: string[];
  /** hve pool: the CSV's row accounting */
  inputRows?: NetworkResults['input_rows'];
  level?: number;
  /** fixed time stamp (tests); default now */
  generatedAt?: string;
}

/**
 * Pool every cell (outcome × method × scale): FE, DL and REML with Wald and HKSJ CIs, or RVE by site for several
 * years; meta-regressions on reach and on the fidelity score; the by-state roll-up; the network privacy rule
 * (a pooled cell on fewer than min_cell students is suppressed). Validated against NetworkResultsSchema.
 */
export function poolNetwork(input: PoolNetworkInput): NetworkResults {
  const level = input.level ?? 0.95;
  const pooled = [];
  const meta_regression = [];
  const states = [];
  for (let cell of input.cells) {
    const p = poolCell(cell, input.minCell, level);
    // a study whose uncertainty is not credible is left out of the regressions and the roll-up too
    cell = { ...cell, studies: splitCredible(cell.studies).kept };
    pooled.push(p);
    if (p.suppression_reason === 'pooled_n_below_min_cell' || p.suppression_reason === 'no_study') continue;
    for (const moderator of ['reach', 'fidelity_score'] as const) {
      if (cell.studies.some((s) => s[moderator] != null)) meta_regression.push(moderatorRegression(cell, p, moderator, input.minCell, level));
    }
    states.push(...stateRollup(cell, input.minCell, level));
  }
  const results: NetworkResults = {
    network_version: NETWORK_VERSION,
    source: input.source,
    generated_at: input.generatedAt ?? new Date().toISOString(),
    software_version: softwareVersion(),
    min_cell: input.minCell,
    definitions: input.definitions,
    mixed: input.mixed ?? false,
    excluded: input.excluded ?? [],
    input_rows: input.inputRows ?? null,
    sites: input.sites,
    pooled,
    meta_regression,
    states,
    rules: { prediction_interval: 'z_wald_t_hksj', level, several_years: 'rve_cr2_by_site', state_rollup: 'REML_hksj', low_power_sites: LOW_POWER_SITES },
    notes: input.notes ?? [],
  };
  return NetworkResultsSchema.parse(results);
}
