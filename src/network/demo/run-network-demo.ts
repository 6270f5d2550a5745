import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { generateDistrict } from '../../generate/generate-district.js';
import type { Truth } from '../../generate/truth.js';
import { TrueEffectsSchema } from '../../generate/generator-options.js';
import { runPipeline } from '../../run/run-pipeline.js';
import { makeBundle } from '../make-bundle.js';
import { runNetwork } from '../run-network.js';
import type { NetworkResults } from '../network-schema.js';
import { NetworkDemoSettingsSchema, networkDemoPlan, type DemoSiteYear, type NetworkDemoSettings } from './demo-plan.js';
import { networkDemoTruth, type NetworkDemoTruth } from './demo-truth.js';
import { sitePipelineYaml } from './site-pipeline.js';

/** Where the demo writes: generated districts, site runs (with their bundles) and the pooled network. */
export interface NetworkDemoFolders {
  /** data/network: <site>/<year>/ holds the extracts, truth.json and pipeline.yaml */
  data: string;
  /** reports/network-sites: <site>/<year>/ holds the run and its bundle.json */
  sites: string;
  /** reports/network: network.json, the network report and truth.json */
  network: string;
}

/** What the demo produced. */
export interface NetworkDemoResult {
  plan: DemoSiteYear[];
  settings: NetworkDemoSettings;
  bundles: string[];
  results: NetworkResults;
  truth: NetworkDemoTruth;
  network: string;
  report: boolean;
  seconds: number;
}

/**
 * The network demo: generate each site-year of the plan (seeded), run its pipeline, bundle it (gated twice), pool
 * the bundles with `runNetwork`, and write the generator's truth for the pooled outcome to <network>/truth.json.
 */
export async function runNetworkDemo(folders: NetworkDemoFolders, input: Partial<NetworkDemoSettings> = {}, onStage?: (m: string) => void): Promise<NetworkDemoResult> {
  const started = Date.now();
  const log = onStage ?? (() => {});
  const settings = NetworkDemoSettingsSchema.parse(input);
  const plan = networkDemoPlan(settings);
  const truths: Truth[] = [];
  const bundles: string[] = [];
  for (const [i, s] of plan.entries()) {
    const data = resolve(folders.data, s.site, String(s.year));
    const run = resolve(folders.sites, s.site, String(s.year));
    log(`network demo: site ${i + 1} of ${plan.length}, ${s.site} ${s.year} (${s.state}, ${s.students} students, ${s.schools} schools${s.low_fidelity ? ', low fidelity' : ''})`);
    const gen = await generateDistrict({ out: data, students: s.students, schools: s.schools, seed: s.seed, outcome_year: s.year, effects: TrueEffectsSchema.parse({ absence_logit: s.absence_logit }), breaks: s.breaks });
    truths.push(gen.truth);
    const pipeline = join(data, 'pipeline.yaml');
    writeFileSync(pipeline, sitePipelineYaml(s, relative(data, run), { methods: settings.methods, subgroups: settings.subgroups }));
    await runPipeline(pipeline);
    bundles.push(makeBundle(run).file);
  }
  log(`network demo: pooling ${bundles.length} bundles into ${folders.network}`);
  const net = await runNetwork(bundles, folders.network);
  const truth = networkDemoTruth(plan, truths, settings);
  mkdirSync(net.folder, { recursive: true });
  writeFileSync(join(net.folder, 'truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  return { plan, settings, bundles, results: net.results, truth, network: net.folder, report: net.report, seconds: (Date.now() - started) / 1000 };
}
