import { existsSync } from 'node:fs';
import { resolve, basename } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Source } from '../config/pipeline-schema.js';
import { InputError } from '../util/input-error.js';
import { queryRows } from '../util/duckdb.js';
import { lit } from '../util/sql.js';
import { blankFileMessage, isBlankFile } from '../util/empty-file.js';
import { isUtf16File, utf16FileMessage } from '../util/utf16-file.js';

/** A source with its files found and its format decided. */
export interface ResolvedSource {
  pattern: string;
  files: string[];
  format: 'csv' | 'parquet';
}

const GLOB = /[*?[\]{}]/;

/** Find a source's files (a path or a glob, relative to the pipeline folder); a missing file is a user error. */
export async function resolveSource(
  conn: DuckDBConnection,
  extract: string,
  source: Source,
  baseDir: string,
): Promise<ResolvedSource> {
  const pattern = resolve(baseDir, source.path);
  let files: string[];
  if (GLOB.test(source.path)) {
    const rows = await queryRows<{ file: string }>(conn, `SELECT file FROM glob(${lit(pattern)}) ORDER BY file`);
    files = rows.map((r) => r.file);
    if (files.length === 0) {
      throw new InputError(`The ${extract} extract matches no file: ${source.path} (looked in ${baseDir}).`, { file: source.path });
    }
  } else {
    if (!existsSync(pattern)) {
      throw new InputError(`The ${extract} extract ${source.path} does not exist (looked for ${pattern}).`, { file: source.path });
    }
    files = [pattern];
  }
  let format: 'csv' | 'parquet';
  if (source.format !== 'auto') format = source.format;
  else format = files.every((f) => /\.parquet$/i.test(f)) ? 'parquet' : 'csv';
  if (format === 'csv' && files.some((f) => /\.parquet$/i.test(f))) {
    throw new InputError(`The ${extract} extract mixes CSV and Parquet files (${files.map((f) => basename(f)).join(', ')}); give one format.`);
  }
  // an empty CSV has no header: say so, rather than naming every required column as missing from "column0";
  // a UTF-16 one would be read as text with a NUL between letters
  const blank = format === 'csv' ? files.find(isBlankFile) : undefined;
  if (blank) throw new InputError(blankFileMessage(`The ${extract} extract ${blank}`), { file: blank });
  const utf16 = format === 'csv' ? files.find(isUtf16File) : undefined;
  if (utf16) throw new InputError(utf16FileMessage(`The ${extract} extract ${utf16}`), { file: utf16 });
  return { pattern, files, format };
}
