import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { PipelineSchema, type Pipeline } from './pipeline-schema.js';
import { InputError } from '../util/input-error.js';
import { sha256Text } from '../util/sha256.js';

/** A parsed pipeline with its location, hash and absolute paths. */
export interface LoadedPipeline {
  config: Pipeline;
  file: string;
  dir: string;
  sha256: string;
  outputDir: string;
}

/** Describe the first zod issue as one sentence naming the key. */
export function describeZodError(error: z.ZodError, file: string): string {
  const issue = error.issues[0]!;
  const key = issue.path.length ? issue.path.join('.') : '(top level)';
  return `${file}: "${key}" ${issue.message.replace(/^Invalid input: /, '')}.`;
}

/** Validate an already-parsed pipeline object. */
export function parsePipeline(raw: unknown, file: string): Pipeline {
  const result = PipelineSchema.safeParse(raw);
  if (!result.success) throw new InputError(describeZodError(result.error, file), { file });
  return result.data;
}

/** Read, parse and validate a pipeline YAML file. */
export function loadPipeline(path: string): LoadedPipeline {
  const file = resolve(path);
  if (!existsSync(file)) throw new InputError(`Pipeline file ${path} does not exist.`, { file: path });
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
