/** Sources as a district might configure them, for the SQL checks: renamed headers, values mappings (incl. null), date_format. */
import { SourceSchema, type Source } from '../../src/config/pipeline-schema.js';
import type { ColumnSpec, ExtractSpec } from '../../src/contract/extract-specs.js';
import type { CheckContext } from '../../src/ingest/check-sql.js';

/** A source header for a canonical column that needs quoting (spaces, capitals, a double quote). */
export const renamedHeader = (column: string): string => `Src ${column.toUpperCase()} "q"`;

/** A code, text or yes/no column's mapping: one source code to a canonical value, one to missing where missing is allowed. */
export function valuesFor(col: ColumnSpec): Record<string, string | null> | undefined {
  const nullable = !col.required && !col.default;
  if (col.type === 'code') return { 'Src Code': col.codes?.[0] ?? 'x', ...(nullable ? { Unknown: null } : {}) };
  if (col.type === 'text') return { 'N/A': 'none', ...(nullable ? { '--': null } : {}) };
  if (col.type === 'bool') return { Si: 'true', ...(nullable ? { Unknown: null } : {}) };
  return undefined;
}

/** A source as given, with defaults. */
export const plainSource = (path: string): Source => SourceSchema.parse({ path });

/** A source with every header renamed, a values mapping on every mappable column, and a US date_format. */
export function mappedSource(spec: ExtractSpec, path: string): Source {
  return SourceSchema.parse({
    path,
    columns: Object.fromEntries(spec.columns.map((c) => [c.name, renamedHeader(c.name)])),
    values: Object.fromEntries(spec.columns.flatMap((c) => (valuesFor(c) ? [[c.name, valuesFor(c)]] : []))),
    date_format: '%m/%d/%Y',
  });
}

/** The check context the ingest gives an extract: students and schools first, the others against known students and years. */
export function ingestContext(spec: ExtractSpec, yearStart = '07-01'): CheckContext {
  return spec.name === 'students' || spec.name === 'schools' ? { yearStart } : { knownStudents: 'known_students', years: [2016, 2017], yearStart };
}
