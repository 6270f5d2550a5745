import type { z } from 'zod';

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; valueType?: z.ZodType; element?: z.ZodType; items?: z.ZodType[] };

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The schema with optional, default, nullable and similar wrappers taken off. */
function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (;;) {
    const d = defOf(cur);
    if (d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else return cur;
  }
}

/** The sub-schema at a path of keys and list indexes, or undefined when the path leaves the schema. */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let cur: z.ZodType | undefined = schema;
  for (const seg of path) {
    if (!cur) return undefined;
    const d = defOf(unwrap(cur));
    if (d.type === 'object') cur = d.shape?.[String(seg)];
    else if (d.type === 'record') cur = d.valueType;
    else if (d.type === 'array') cur = d.element;
    else if (d.type === 'tuple') cur = d.items?.[Number(seg)];
    else return undefined;
  }
  return cur;
}

/** The keys an object schema at this path accepts, in schema order; [] when the path is not a fixed-key object. */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const s = schemaAt(schema, path);
  if (!s) return [];
  const d = defOf(unwrap(s));
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : [];
}

/** The keys of the object schema at this path that have no default and are not optional. */
export function requiredKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const s = schemaAt(schema, path);
  const d = s && defOf(unwrap(s));
  if (!d || d.type !== 'object' || !d.shape) return [];
  return Object.entries(d.shape)
    .filter(([, child]) => !child.safeParse(undefined).success)
    .map(([k]) => k);
}

/** Every path (below the root, up to `depth` objects deep) whose object accepts this key, e.g. "min_cell" → [["privacy"]]. */
export function pathsWithKey(schema: z.ZodType, key: string, depth = 3): string[][] {
  const out: string[][] = [];
  const walk = (s: z.ZodType, path: string[]) => {
    const d = defOf(unwrap(s));
    if (d.type !== 'object' || !d.shape || path.length > depth) return;
    if (path.length > 0 && key in d.shape) out.push(path);
    for (const [k, child] of Object.entries(d.shape)) walk(child, [...path, k]);
  };
  walk(schema, []);
  return out;
}
