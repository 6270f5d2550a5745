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
  baseline?: string[];
  'lower-is-better'?: string;
  units?: string[];
  domain?: string[];
  out: string;
  'min-cell': number;
  seed: number;
  title?: string;
  year?: string;
  program?: string;
  quiet: boolean;
}

const METHODS = ['regression', 'matching', 'weighting'];

/** Comma-separated values of one or more occurrences of a flag. */
const list = (s?: string | string[]) => (s === undefined ? [] : [s].flat().flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean));

/** outcome=value pairs of a flag (repeatable or comma-separated), as a record; a malformed pair is an error naming the flag. */
function pairs(flag: string, what: string, s?: string | string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of list(s)) {
    const at = pair.indexOf('=');
    const k = pair.slice(0, at).trim();
    const v = pair.slice(at + 1).trim();
    if (at < 0 || !k || !v) throw new InputError(`${flag} expects outcome=${what} pairs, got "${pair}".`);
    out[k] = v;
  }
  return out;
}

/** `hve compare`: the estimators, privacy gate and report on an evaluator's own analytic file. */
export const compareCommand: CommandModule<object, Args> = {
  command: 'compare',
  describe: 'Run the estimators and report on your own student-level analytic file (no visit log needed)',
  builder: (y) =>
    y
      .option('data', { type: 'string', demandOption: true, describe: 'CSV or Parquet, one row per student' })
      .option('treatment', { type: 'string', demandOption: true, describe: '0/1 column (1 = treatment group)' })
      .option('outcome', { type: 'string', demandOption: true, describe: 'outcome column(s), comma-separated' })
      .option('covariates', { type: 'string', describe: 'baseline covariates, comma-separated (text columns become dummies)' })
      .option('fixed-effects', { type: 'string', describe: 'a column entered as fixed effects (e.g. school)' })
      .option('cluster', { type: 'string', describe: 'cluster column for robust SEs (default: the fixed-effects column)' })
      .option('method', { type: 'string', default: 'all', describe: 'regression|matching|weighting|all, comma-separated (unadjusted always runs)' })
      .option('counts', { type: 'string', describe: 'outcomes to model as counts (Poisson), comma-separated' })
      .option('baseline', { type: 'string', array: true, describe: 'outcome=pretest pairs for baseline equivalence (repeatable or comma-separated); an outcome without one gets the verdict "not assessed"' })
      .option('lower-is-better', { type: 'string', describe: 'outcomes where lower is better, comma-separated' })
      .option('units', { type: 'string', array: true, describe: 'outcome=unit pairs, e.g. scale_score="scale points"; use SD only for a z-score (repeatable or comma-separated; default: no unit)' })
      .option('domain', { type: 'string', array: true, describe: 'outcome=domain pairs: outcomes of one domain share a Benjamini–Hochberg correction (repeatable or comma-separated; default: each outcome is its own domain)' })
      .option('out', { type: 'string', demandOption: true, describe: 'output folder (replaced atomically)' })
      .option('min-cell', { type: 'number', default: 10, describe: 'privacy: suppress statistics resting on fewer students than this' })
      .option('seed', { type: 'number', default: 1, describe: 'seed of every random choice (matching ties)' })
      .option('title', { type: 'string', alias: 'name', describe: 'report title (default: "Comparison from an analytic file")' })
      .option('year', { type: 'string', describe: 'the school year ending in this year (e.g. 2017 for 2016–17); without it the report names no school year' })
      .option('program', { type: 'string', describe: 'home-visits: word the report for a parent–teacher home-visit program (visited students, families); default: treatment vs. comparison' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress lines on stderr' }) as never,
  handler: async (a) => {
    const chosen = list(a.method);
    const bad = chosen.find((m) => m !== 'all' && !METHODS.includes(m));
    if (bad !== undefined || !chosen.length) throw new InputError(`--method expects regression, matching, weighting or all (comma-separated), got "${bad ?? a.method}".`);
    const methods = chosen.includes('all') ? ['unadjusted', ...METHODS] : ['unadjusted', ...chosen];
    if (a.year !== undefined && !/^\d{4}$/.test(String(a.year).trim())) throw new InputError(`--year expects a four-digit year such as 2017 (the school year 2016–17), got "${a.year}".`);
    if (a.program !== undefined && a.program !== 'home-visits' && a.program !== 'generic') throw new InputError(`--program expects home-visits or generic, got "${a.program}".`);
    const r = await compareAnalyticFile(
      {
        data: a.data,
        treatment: a.treatment,
        outcomes: list(a.outcome),
        covariates: list(a.covariates),
        counts: list(a.counts),
        baselines: pairs('--baseline', 'column', a.baseline),
        lowerIsBetter: list(a['lower-is-better']),
        units: pairs('--units', 'unit', a.units),
        domains: pairs('--domain', 'domain', a.domain),
        ...(a['fixed-effects'] ? { fixedEffects: a['fixed-effects'] } : {}),
        ...(a.cluster ? { cluster: a.cluster } : {}),
        methods,
        out: a.out,
        minCell: a['min-cell'],
        seed: a.seed,
        ...(a.title ? { title: a.title } : {}),
        ...(a.year !== undefined ? { year: Number(a.year) } : {}),
        ...(a.program ? { program: a.program } : {}),
      },
      { onStage: stageLogger(a.quiet) },
    );
    process.stdout.write(`Wrote ${r.folder}/report.html and results.json.\n`);
  },
};
