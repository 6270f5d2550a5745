import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IngestResult } from '../ingest/ingest-all.js';
import { writeCsv } from '../util/csv.js';
import type { QualityAssessment } from './assess-quality.js';

/**
 * Write a validation folder's summaries beside its rejects/: `row_accounting.json`, `reject_summary.csv`
 * (rejected rows by extract, reason, column and code, with an example value where it is no identifier) and
 * `quality.json` (the gates and missing values). Restricted, like the rejects: examples are source values.
 */
export function writeValidationFiles(dir: string, ingest: IngestResult, q: QualityAssessment, more: readonly object[] = []): void {
  // `more`: row accounting of sources read outside the ingest (the survey file), appended as they are
  writeFileSync(join(dir, 'row_accounting.json'), JSON.stringify([...ingest.extracts.map(({ columns: _c, spec: _s, grouped: _g, ...e }) => e), ...more], null, 2) + '\n');
  writeCsv(
    join(dir, 'reject_summary.csv'),
    ['extract', 'reason', 'column', 'code', 'rows', 'example'],
    q.rejects.map((g) => [g.extract, g.reason, g.column, g.code, g.rows, g.example]),
  );
  writeFileSync(join(dir, 'quality.json'), JSON.stringify({ ...q.quality, failures: q.failures }, null, 2) + '\n');
}
