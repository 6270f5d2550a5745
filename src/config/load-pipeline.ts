import { readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { PipelineSchema, type Pipeline } from './pipeline-schema.js';
import { InputError } from '../util/input-error.js';
import { sha256Text } from '../util/sha256.js';
import { nearestName } from '../util/nearest-name.js';
import { issueRequirement, showValue } from '../util/issue-text.js';
import { keysAt, pathsWithKey, requiredKeysAt } from './schema-keys.js';

/** A parsed pipeline with its location, hash and absolute paths. */
export interface LoadedPipeline {
  config: Pipeline;
  file: string;
  dir: string;
  sha256: string;
  outputDir: string;
}

/** A key path as written in messages: `analysis.methods[0]`. */
const showPath = (path: readonly PropertyKey[]) => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${String(k)}` : String(k))).join('');

/** The sentence for one unrecognized-keys issue: each unknown key with the nearest valid key, else the valid keys. */
function describeUnknownKeys(issue: z.core.$ZodIssueUnrecognizedKeys, file: string, schema: z.ZodType): string {
  const valid = keysAt(schema, issue.path);
  const listValid = `the valid keys${issue.path.length ? ' there' : ''} are ${valid.join(', ')}`;
  const hint = (key: string): string | undefined => {
    const near = nearestName(key, valid);
    if (near) return `did you mean "${near}"?`;
    const elsewhere = pathsWithKey(schema, key).map((p) => `"${showPath(p)}"`);
    return elsewhere.length ? `it belongs under ${elsewhere.join(' or ')}.` : undefined;
  };
  const lead = issue.path.length ? `${file}: "${showPath(issue.path)}" has ` : `${file}: `;
  if (issue.keys.length === 1) {
    const key = issue.keys[0]!;
    return `${lead}${issue.path.length ? 'an unknown' : 'unknown'} key "${key}"; ${hint(key) ?? `${listValid}.`}`;
  }
  const named = issue.keys.map((k) => (hint(k) ? `"${k}" (${hint(k)!.replace(/\.$/, '')})` : `"${k}"`));
  return `${lead}unknown keys ${named.join(', ')}; ${listValid}.`;
}

/**
 * Describe a zod error of a pipeline file as one sentence naming the key. An unknown key is described first
 * (a mistyped required key also reports the correct one as missing) and comes with the nearest valid key.
 */
export function describeZodError(error: z.ZodError, file: string, schema: z.ZodType = PipelineSchema): string {
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0]!;
  if (issue.code === 'unrecognized_keys') return describeUnknownKeys(issue, file, schema);
  if (issue.path.length === 0) {
    const needs = `a pipeline needs ${requiredKeysAt(schema, []).join(', ')} (hve explain-config prints every key)`;
    if (issue.input === undefined || issue.input === null) return `${file} is empty; ${needs}.`;
    return `${file} must be a mapping of keys to values, not ${showValue(issue.input)}; ${needs}.`;
  }
  return `${file}: "${showPath(issue.path)}" ${issueRequirement(issue)}.`;
}

/** Validate an already-parsed pipeline object. */
export function parsePipeline(raw: unknown, file: string): Pipeline {
  const result = PipelineSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw new InputError(describeZodError(result.error, file), { file });
  return result.data;
}

/** Read, parse and validate a pipeline YAML file. */
export function loadPipeline(path: string): LoadedPipeline {
  const file = resolve(path);
  if (!existsSync(file)) throw new InputError(`Pipeline file ${path} does not exist.`, { file: path });
  if (statSync(file).isDirectory()) {
    const hint = existsSync(join(file, 'pipeline.yaml')) ? `; did you mean ${join(path, 'pipeline.yaml')}?` : '; name the pipeline YAML file (hve init <folder> writes one).';
    throw new InputError(`${path} is a folder, not a pipeline file${hint}`, { file: path });
  }
  const text = readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new InputError(`${path} is not valid YAML: ${(e as Error).message.split('\n')[0]}`, { file: path });
  }
  const config = parsePipeline(raw, path);
  const dir = dirname(file);
  return { config, file, dir, sha256: sha256Text(text), outputDir: resolve(dir, config.output) };
}
