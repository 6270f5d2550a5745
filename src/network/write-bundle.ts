import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BundleSchema, studentCountFields, type Bundle } from './bundle-schema.js';

/**
 * The second gate on a bundle, before it leaves the site: the schema (no field outside the fixed list, every
 * string but site and state a code), and every student count 0, null or at least min_cell. A failure is an
 * internal error: it means the site's privacy gate let a small cell through.
 */
export function checkBundle(bundle: unknown): Bundle {
  const parsed = BundleSchema.safeParse(bundle);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`the bundle does not match its schema at ${i.path.join('.') || '(root)'}: ${i.message}; it was not written`);
  }
  const b = parsed.data;
  const small = studentCountFields(b).filter((c) => c.value != null && c.value > 0 && c.value < b.min_cell);
  if (small.length) {
    throw new Error(`the bundle holds ${small.length} student count(s) between 1 and ${b.min_cell - 1} (${small.slice(0, 3).map((c) => c.path).join(', ')}): the site's privacy gate let a small cell through; it was not written`);
  }
  return b;
}

/** Write a bundle after the second gate, atomically (a temporary file beside it, renamed into place). */
export function writeBundle(bundle: Bundle, file: string): void {
  const b = checkBundle(bundle);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}-${Date.now()}`);
  try {
    writeFileSync(tmp, `${JSON.stringify(b, null, 2)}\n`);
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}
