import type { CommandModule } from 'yargs';
import { compareAnalyticFile } from '../compare/compare-analytic-file.js';
import { stageLogger } from './stage-logger.js';
import { InputError } from '../util/input-error.js';

interface Args {
  data: string;
  treatment: string;
  outcome: string;
  covariates?: string;
  'fixed-effects'?: string;
  cluster?: string;
  method: string;
  counts?: string;
  baseline?: string;
  'lower-is-better'?: string;
  out: string;
  'min-cell': number;
  seed: number;
  name?: string;
  quiet: boolean;
}

const list = (s?: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

/** `hve compare`: the estimators, privacy gate and report on an evaluator's own analytic file. */
export const compareCommand: CommandModule<object, Args> = {
  command: 'compare',
  describe: 'Run the estimators and report on your own student-level analytic file (no visit log needed)',
  builder: (y) =>
    y
      .option('data', { type: 'string', demandOption: true, describe: 'CSV or Parquet, one row per student' })
      .option('treatment', { type: 'string', demandOption: true, describe: '0/1 column (1 = visited)' })
      .option('outcome', { type: 'string', demandOption: true, describe: 'outcome column(s), comma-separated' })
      .option('covariates', { type: 'string', describe: 'baseline covariates, comma-separated (text columns become dummies)' })
      .option('fixed-effects', { type: 'string', describe: 'a column entered as fixed effects (e.g. school)' })
      .option('cluster', { type: 'string', describe: 'cluster column for robust SEs (default: the fixed-effects column)' })
      .option('method', { type: 'string', default: 'all', describe: 'regression|matching|weighting|all (unadjusted always runs)' })
      .option('counts', { type: 'string', describe: 'outcomes to model as counts (Poisson), comma-separated' })
      .option('baseline', { type: 'string', describe: 'outcome=pretest pairs for baseline equivalence, comma-separated' })
      .option('lower-is-better', { type: 'string', describe: 'outcomes where lower is better, comma-separated' })
      .option('out', { type: 'string', demandOption: true, describe: 'output folder (replaced atomically)' })
      .option('min-cell', { type: 'number', default: 10 })
      .option('seed', { type: 'number', default: 1 })
      .option('name', { type: 'string', describe: 'report title' })
      .option('quiet', { type: 'boolean', default: false }) as never,
  handler: async (a) => {
    const methods = a.method === 'all' ? ['unadjusted', 'regression', 'matching', 'weighting'] : ['unadjusted', ...list(a.method)];
    const baselines: Record<string, string> = {};
    for (const pair of list(a.baseline)) {
      const [k, v] = pair.split('=');
      if (!k || !v) throw new InputError(`--baseline expects outcome=column pairs, got "${pair}".`);
      baselines[k] = v;
    }
    const r = await compareAnalyticFile(
      {
        data: a.data,
        treatment: a.treatment,
        outcomes: list(a.outcome),
        covariates: list(a.covariates),
        counts: list(a.counts),
        baselines,
        lowerIsBetter: list(a['lower-is-better']),
        ...(a['fixed-effects'] ? { fixedEffects: a['fixed-effects'] } : {}),
        ...(a.cluster ? { cluster: a.cluster } : {}),
        methods,
        out: a.out,
        minCell: a['min-cell'],
        seed: a.seed,
        ...(a.name ? { name: a.name } : {}),
      },
      { onStage: stageLogger(a.quiet) },
    );
    process.stdout.write(`Wrote ${r.folder}/report.html and results.json.\n`);
  },
};
