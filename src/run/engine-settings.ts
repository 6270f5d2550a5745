import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Pipeline } from '../config/pipeline-schema.js';
import type { DbSettings } from '../util/duckdb.js';
import { InputError } from '../util/input-error.js';

/** The DuckDB settings of a pipeline's `engine:` block (auto = DuckDB's or openDb's default); temp_directory is relative to the pipeline file and must exist. */
export function engineDbSettings(engine: Pipeline['engine'], pipelineDir: string): DbSettings {
  const s: DbSettings = {};
  if (engine.memory_limit !== 'auto') s.memoryLimit = engine.memory_limit.replace(/\s+/g, '');
  if (engine.threads !== 'auto') s.threads = engine.threads;
  if (engine.temp_directory !== 'auto') {
    const dir = resolve(pipelineDir, engine.temp_directory);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new InputError(`engine.temp_directory ${engine.temp_directory} is not a folder (${dir}); make it, or leave the key out to spill under the OS temp folder.`);
    }
    s.tempDirectory = dir;
  }
  return s;
}
