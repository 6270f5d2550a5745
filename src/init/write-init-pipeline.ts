import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { parsePipeline } from '../config/load-pipeline.js';
import { InputError } from '../util/input-error.js';
import { openDb } from '../util/duckdb.js';
import { buildInitPlan, type InitPlan } from './init-plan.js';
import { CHECK, renderInitYaml } from './init-yaml.js';

/** Options of `hve init`. */
export interface InitOptions {
  folder: string;
  /** the pipeline file to write (default `<folder>/pipeline.yaml`) */
  out?: string;
  site?: string;
  year?: number;
}

/** What `hve init` wrote. */
export interface InitResult {
  path: string;
  plan: InitPlan;
  /** lines marked `# check` */
  guesses: number;
}

/**
 * Guess a pipeline for a folder of extracts and write it as commented YAML (never over an existing file).
 * The text is checked against the pipeline schema before it is written.
 */
export async function writeInitPipeline(opts: InitOptions): Promise<InitResult> {
  const folder = resolve(opts.folder);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError(`${opts.folder} is not a folder.`, { file: opts.folder });
  const path = resolve(opts.out ?? join(folder, 'pipeline.yaml'));
  if (existsSync(path)) throw new InputError(`${path} already exists; move it away or name another file with --out.`, { file: path });
  const db = await openDb(':memory:');
  let plan: InitPlan;
  try {
    plan = await buildInitPlan(db.conn, folder, { site: opts.site, year: opts.year });
  } finally {
    db.close();
  }
  const text = renderInitYaml(plan, path);
  parsePipeline(parse(text), path);
  try {
    writeFileSync(path, text, { flag: 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new InputError(`${path} already exists; move it away or name another file with --out.`, { file: path });
    if (code === 'ENOENT') throw new InputError(`Cannot write ${path}: its folder does not exist.`, { file: path });
    throw e;
  }
  const guesses = text.split('\n').filter((l) => new RegExp(`# ${CHECK}\\b`).test(l)).length;
  return { path, plan, guesses };
}
