import { basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Results } from '../results/results-schema.js';
import { queryOne } from '../util/duckdb.js';
import { sha256File, sha256Text } from '../util/sha256.js';
import { softwareVersion } from '../util/version.js';

/** The accounting of the one input file of a command without a pipeline file. */
export type FileInput = Omit<Results['provenance']['inputs'][number], 'path' | 'files' | 'sha256'>;

/**
 * The provenance of a command run on one file without a pipeline file (`hve compare`, `hve survey`): software and
 * DuckDB versions, the command in place of the pipeline file, the hash of its options, the seed, and the file's
 * name, hash and row accounting.
 */
export async function fileProvenance(conn: DuckDBConnection, command: string, options: unknown, seed: number, file: string, input: FileInput): Promise<Results['provenance']> {
  const duck = await queryOne<{ v: string }>(conn, 'SELECT version() AS v');
  return {
    software: 'home-visit-eval',
    software_version: softwareVersion(),
    duckdb_version: duck?.v ?? 'unknown',
    pipeline_file: `(${command})`,
    pipeline_sha256: sha256Text(JSON.stringify(options)),
    seed,
    inputs: [{ ...input, path: basename(file), files: 1, sha256: await sha256File(file) }],
  };
}

/** The definitions of a command run on one file without a pipeline file: no school-year or outcome rules, the groups in words. */
export function fileDefinitions(d: Pick<Results['definitions'], 'comparison' | 'visited' | 'program' | 'cluster'>): Results['definitions'] {
  return {
    source: 'analytic_file',
    school_year_window: null,
    chronic_threshold: null,
    min_days_enrolled: null,
    proficient_level: null,
    comparison: d.comparison,
    attendance_kind: null,
    program: d.program,
    cluster: d.cluster,
    visited: d.visited,
  };
}
