import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { loadPipeline } from '../config/load-pipeline.js';
import { openDb } from '../util/duckdb.js';
import { writeFolderAtomically } from '../util/atomic-dir.js';
import { ingestPipeline } from './ingest-pipeline.js';
import type { IngestResult } from '../ingest/ingest-all.js';

/** What `hve validate` found. */
export interface ValidationResult {
  ingest: IngestResult;
  folder: string;
}

/** Read and check every extract of a pipeline; write rejects and the row accounting to `outDir` (default: `<output>-validation`). */
export async function validatePipeline(pipelinePath: string, outDir?: string, onStage?: (m: string) => void): Promise<ValidationResult> {
  const p = loadPipeline(pipelinePath);
  const folder = outDir ?? `${p.outputDir}-validation`;
  const ingest = await writeFolderAtomically(folder, async (tmp) => {
    const db = await openDb();
    try {
      const result = await ingestPipeline(db, p, join(tmp, 'rejects'), onStage);
      writeFileSync(join(tmp, 'row_accounting.json'), JSON.stringify(result.extracts.map(({ columns: _c, ...e }) => e), null, 2) + '\n');
      return result;
    } finally {
      db.close();
    }
  });
  return { ingest, folder };
}
