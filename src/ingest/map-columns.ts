import type { ExtractSpec } from '../contract/extract-specs.js';
import type { Source } from '../config/pipeline-schema.js';
import { InputError } from '../util/input-error.js';

/** canonical column → source header (null when the source lacks an optional column). */
export type ColumnMap = Record<string, string | null>;

/** Match each canonical column to a source header (mapped name first, else the same name, case-insensitive); a missing required column is a user error. */
export function mapColumns(spec: ExtractSpec, source: Source, headers: string[], fileLabel: string): ColumnMap {
  const byLower = new Map(headers.map((h) => [h.toLowerCase(), h]));
  const canonical = new Set(spec.columns.map((c) => c.name));
  for (const key of Object.keys(source.columns)) {
    if (!canonical.has(key)) {
      throw new InputError(
        `The ${spec.label} mapping names "${key}", which is not a canonical column (expected one of ${[...canonical].join(', ')}).`,
      );
    }
  }
  for (const key of Object.keys(source.values)) {
    const col = spec.columns.find((c) => c.name === key);
    if (!col || (col.type !== 'code' && col.type !== 'text')) {
      throw new InputError(`The ${spec.label} "values" mapping names "${key}", which is not a coded column of that extract.`);
    }
    if (col.codes) {
      for (const [from, to] of Object.entries(source.values[key]!)) {
        if (!col.codes.includes(String(to).toLowerCase())) {
          throw new InputError(
            `The ${spec.label} "values" mapping sends ${key} code "${from}" to "${to}", which is not one of ${col.codes.join(', ')}.`,
          );
        }
      }
    }
  }
  const map: ColumnMap = {};
  const missing: string[] = [];
  for (const col of spec.columns) {
    const wanted = source.columns[col.name] ?? col.name;
    const header = byLower.get(wanted.toLowerCase()) ?? null;
    if (!header && col.required) missing.push(source.columns[col.name] ? `"${wanted}" (mapped to ${col.name})` : `"${col.name}"`);
    map[col.name] = header;
  }
  if (missing.length) {
    const list = missing.join(', ');
    throw new InputError(
      `${fileLabel} has no column ${list}, which the ${spec.label} extract requires (its headers are: ${headers.join(', ')}).`,
      { file: fileLabel, column: missing[0] },
    );
  }
  return map;
}
