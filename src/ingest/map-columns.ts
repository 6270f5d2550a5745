import type { ColumnSpec, ExtractSpec } from '../contract/extract-specs.js';
import type { Source } from '../config/pipeline-schema.js';
import { InputError } from '../util/input-error.js';

/** canonical column → source header (null when the source lacks an optional column). */
export type ColumnMap = Record<string, string | null>;

const BOOL_TARGETS = ['true', 'false', 't', 'f', '1', '0', 'y', 'n', 'yes', 'no'];

/** Whether a `values:` mapping may name this column: coded, free-text and yes/no columns. */
function mappable(col: ColumnSpec): boolean {
  return col.type === 'code' || col.type === 'text' || col.type === 'bool';
}

/** Check one column's `values:` mapping: every target is a canonical value of the column, or null (missing) where missing is allowed. */
function checkValues(spec: ExtractSpec, col: ColumnSpec, mapping: Record<string, string | null>): void {
  for (const [from, to] of Object.entries(mapping)) {
    if (to === null) {
      if (col.required || col.default) {
        const why = col.required ? 'a required column' : `a column whose missing value means "${col.default}"`;
        throw new InputError(
          `The ${spec.label} "values" mapping sends ${col.name} code "${from}" to null (missing), but ${col.name} is ${why}; map it to one of ${(col.codes ?? []).join(', ') || 'its values'} instead.`,
        );
      }
      continue;
    }
    const target = String(to).toLowerCase();
    if (col.codes && !col.codes.includes(target)) {
      throw new InputError(
        `The ${spec.label} "values" mapping sends ${col.name} code "${from}" to "${to}", which is not one of ${col.codes.join(', ')} (or null for missing).`,
      );
    }
    if (col.type === 'bool' && !BOOL_TARGETS.includes(target)) {
      throw new InputError(`The ${spec.label} "values" mapping sends ${col.name} code "${from}" to "${to}", which is not true, false or null (missing).`);
    }
  }
}

/**
 * Match each canonical column to a source header (mapped name first, else the same name, case-insensitive).
 * A missing required column, a mapped header that the file does not have, and a `values:` mapping on a column
 * that is not coded are user errors.
 */
export function mapColumns(spec: ExtractSpec, source: Source, headers: string[], fileLabel: string): ColumnMap {
  const byLower = new Map(headers.map((h) => [h.toLowerCase(), h]));
  const canonical = new Set(spec.columns.map((c) => c.name));
  const headerList = headers.map((h) => `"${h}"`).join(', ');
  for (const key of Object.keys(source.columns)) {
    if (!canonical.has(key)) {
      throw new InputError(
        `The ${spec.label} mapping names "${key}", which is not a canonical column (expected one of ${[...canonical].join(', ')}).`,
      );
    }
  }
  for (const [key, mapping] of Object.entries(source.values)) {
    const col = spec.columns.find((c) => c.name === key);
    if (!col) {
      throw new InputError(`The ${spec.label} "values" mapping names "${key}", which is not a column of that extract (expected one of ${[...canonical].join(', ')}).`);
    }
    if (!mappable(col)) {
      throw new InputError(
        `The ${spec.label} "values" mapping names "${key}", which is not a coded column (it is ${col.type === 'id' ? 'an id' : `a ${col.type}`}); values: works on ${spec.columns.filter(mappable).map((c) => c.name).join(', ')}.`,
      );
    }
    checkValues(spec, col, mapping);
  }
  const map: ColumnMap = {};
  const missing: string[] = [];
  for (const col of spec.columns) {
    const mapped = source.columns[col.name];
    const header = byLower.get((mapped ?? col.name).toLowerCase()) ?? null;
    if (mapped !== undefined && !header) {
      throw new InputError(
        `${fileLabel} has no column "${mapped}", which the ${spec.label} mapping names for ${col.name} (its headers are: ${headerList}).`,
        { file: fileLabel, column: mapped },
      );
    }
    if (!header && col.required) missing.push(`"${col.name}"`);
    map[col.name] = header;
  }
  if (missing.length) {
    throw new InputError(
      `${fileLabel} has no column ${missing.join(', ')}, which the ${spec.label} extract requires (its headers are: ${headerList}); map it under columns:.`,
      { file: fileLabel, column: missing[0] },
    );
  }
  return map;
}
