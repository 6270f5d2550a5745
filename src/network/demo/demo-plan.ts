/**
 * The network demo's sites: sizes, states, seeds, true effects drawn around a mean with a chosen τ, and which sites
 * run the program with low fidelity. Pure (no I/O); `runNetworkDemo` generates and runs them.
 */
import { z } from 'zod';
import { Prng } from '../../util/prng.js';
import { isProgramSchool, schoolId } from '../../generate/district-model.js';
import type { BreakName, Breaks } from '../../generate/practice-breaks.js';

/** The practices every program school of a low-fidelity site breaks (not `targeted`, which would change who is visited). */
export const LOW_FIDELITY_BREAKS: BreakName[] = ['solo', 'no_reflection', 'not_prearranged', 'academic_first'];

/** What the demo varies; the defaults are `npm run demo:network`. */
export const NetworkDemoSettingsSchema = z
  .object({
    seed: z.number().int().default(11),
    sites: z.number().int().min(3).max(200).default(12),
    states: z.array(z.string().regex(/^[A-Z]{2}$/)).min(1).default(['CA', 'CO', 'MO', 'NY']),
    min_students: z.number().int().min(200).default(800),
    max_students: z.number().int().min(200).default(5000),
    min_schools: z.number().int().min(2).default(4),
    max_schools: z.number().int().min(2).default(12),
    first_year: z.number().int().default(2017),
    mean_logit: z.number().default(-0.3).describe("mean of the sites' true shift of the daily absence log-odds (before the low-fidelity rule)"),
    tau_logit: z.number().nonnegative().default(0.1).describe('SD of the true shifts across sites, on the same log-odds scale'),
    low_fidelity_sites: z.number().int().nonnegative().default(4),
    low_fidelity_factor: z.number().min(0).max(1).default(0.3).describe("a low-fidelity site's true shift is its drawn shift times this"),
    two_year_site: z.boolean().default(true).describe('the first site is also run for first_year + 1 (a separate generation), so the pool has dependent years'),
    methods: z.array(z.enum(['unadjusted', 'regression', 'matching', 'weighting'])).min(1).default(['unadjusted', 'regression', 'matching', 'weighting']),
    subgroups: z.boolean().default(false).describe('site subgroup estimates (bundles do not carry them, so the demo skips them)'),
  })
  .strict();
export type NetworkDemoSettings = z.infer<typeof NetworkDemoSettingsSchema>;

/** One site-year of the demo: what the generator and the pipeline file get. */
export interface DemoSiteYear {
  site: string;
  state: string;
  year: number;
  students: number;
  schools: number;
  seed: number;
  /** the drawn shift of the daily absence log-odds before the low-fidelity rule */
  drawn_logit: number;
  /** the generator's `effects.absence_logit` for this site */
  absence_logit: number;
  low_fidelity: boolean;
  breaks: Breaks;
}

/** Which of `n` sites run with low fidelity: `count` of them spread evenly over the list (so over states and sizes). */
export function lowFidelityIndices(n: number, count: number): Set<number> {
  const out = new Set<number>();
  for (let j = 0; j < Math.min(count, n); j++) out.add(Math.floor(((j + 0.5) * n) / Math.min(count, n)));
  return out;
}

/** Every program school of a district of `schools` schools, breaking the low-fidelity practices. */
export function lowFidelityBreaks(schools: number): Breaks {
  const out: Breaks = {};
  for (let s = 0; s < schools; s++) if (isProgramSchool(s, schools)) out[schoolId(s)] = [...LOW_FIDELITY_BREAKS];
  return out;
}

/**
 * The demo's site-years, deterministic for a seed: site i is in state i mod #states; sizes are evenly spaced from
 * min to max students in a seeded order, with schools scaled to the size; the true log-odds shift of site i is
 * mean_logit + tau_logit·z_i (z_i standard normal), times low_fidelity_factor for the low-fidelity sites.
 */
export function networkDemoPlan(input: Partial<NetworkDemoSettings> = {}): DemoSiteYear[] {
  const s = NetworkDemoSettingsSchema.parse(input);
  const rng = new Prng(s.seed, 42);
  const order = Array.from({ length: s.sites }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const low = lowFidelityIndices(s.sites, s.low_fidelity_sites);
  const perState = new Map<string, number>();
  const out: DemoSiteYear[] = [];
  for (let i = 0; i < s.sites; i++) {
    const frac = s.sites === 1 ? 0 : order[i]! / (s.sites - 1);
    const students = Math.round(s.min_students + frac * (s.max_students - s.min_students));
    const schools = Math.round(s.min_schools + frac * (s.max_schools - s.min_schools));
    const state = s.states[i % s.states.length]!;
    const k = (perState.get(state) ?? 0) + 1;
    perState.set(state, k);
    const drawn = s.mean_logit + s.tau_logit * rng.normal();
    const isLow = low.has(i);
    const site: DemoSiteYear = {
      site: `${state.toLowerCase()}-${String(k).padStart(2, '0')}`,
      state,
      year: s.first_year,
      students,
      schools,
      seed: s.seed * 1000 + i + 1,
      drawn_logit: drawn,
      absence_logit: isLow ? drawn * s.low_fidelity_factor : drawn,
      low_fidelity: isLow,
      breaks: isLow ? lowFidelityBreaks(schools) : {},
    };
    out.push(site);
    if (i === 0 && s.two_year_site) out.push({ ...site, year: s.first_year + 1, seed: site.seed + 500 });
  }
  return out;
}
