import type { Db } from '../util/duckdb.js';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import { ingestAll, writeRejects, type IngestResult } from '../ingest/ingest-all.js';

/** Ingest a pipeline's extracts into an open database and write its rejects folder. */
export async function ingestPipeline(db: Db, p: LoadedPipeline, rejectsDir: string, onStage?: (m: string) => void): Promise<IngestResult> {
  const ingest = await ingestAll(db.conn, p, onStage);
  await writeRejects(db.conn, ingest, rejectsDir);
  return ingest;
}
