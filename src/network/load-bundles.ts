import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../util/input-error.js';
import { BundleSchema, READABLE_BUNDLE_VERSIONS, type Bundle, type BundleDefinitions } from './bundle-schema.js';

/** A bundle and the file it came from. */
export interface LoadedBundle {
  file: string;
  bundle: Bundle;
}

/** A bundle left out of the pool because its definitions or versions differ from the rest. */
export interface LeftOutBundle {
  file: string;
  site: string;
  year: number;
  reason: 'mixed_definitions' | 'mixed_version';
}

export interface LoadedNetwork {
  bundles: LoadedBundle[];
  excluded: LeftOutBundle[];
  /** bundles with different definitions or versions were pooled (--allow-mixed) */
  mixed: boolean;
  notes: string[];
}

/** The *.json files of a folder and of its direct subfolders. */
function jsonFilesIn(folder: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(folder, e.name);
    if (e.isFile() && e.name.endsWith('.json')) out.push(p);
    else if (e.isDirectory() && !e.name.startsWith('.')) {
      for (const f of readdirSync(p).sort()) if (f.endsWith('.json') && statSync(join(p, f)).isFile()) out.push(join(p, f));
    }
  }
  return out;
}

/** Read one file as a bundle: null when it is (in a folder) a JSON file that is no bundle; an InputError naming the file and field when it fails its schema. */
function readBundle(file: string, explicit: boolean): Bundle | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    if (!explicit) return null;
    throw new InputError(`${file} is not valid JSON (${(e as Error).message}).`, { file });
  }
  const version = (json as { bundle_version?: unknown } | null)?.bundle_version;
  if (version === undefined) {
    if (!explicit) return null;
    throw new InputError(`${file} is not a bundle (it has no bundle_version); make one with \`hve bundle <run folder>\`.`, { file });
  }
  if (!(READABLE_BUNDLE_VERSIONS as readonly unknown[]).includes(version)) {
    throw new InputError(`${file} is bundle version ${String(version)}, and this version reads ${READABLE_BUNDLE_VERSIONS.join(', ')}; rebuild it with \`hve bundle\`.`, { file });
  }
  const parsed = BundleSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new InputError(`${file} does not match the bundle schema at ${i.path.join('.') || '(root)'}: ${i.message}.`, { file });
  }
  return parsed.data;
}

const DEFINITION_LABEL: Record<keyof BundleDefinitions, string> = {
  chronic_threshold: 'chronic threshold',
  min_days_enrolled: 'minimum days enrolled',
  proficient_level: 'proficiency cut',
  comparison_group: 'comparison group',
};

/** What makes two bundles poolable together: the same definitions and the same results schema version. */
function signature(b: Bundle): string {
  const d = b.definitions;
  return JSON.stringify([d.chronic_threshold, d.min_days_enrolled, d.proficient_level, d.comparison_group, b.provenance.results_schema_version]);
}

/** How a bundle differs from the reference, in words. */
function difference(b: Bundle, ref: Bundle): { reason: LeftOutBundle['reason']; text: string } {
  const diffs = (Object.keys(DEFINITION_LABEL) as (keyof BundleDefinitions)[]).filter((k) => b.definitions[k] !== ref.definitions[k]);
  if (diffs.length) return { reason: 'mixed_definitions', text: diffs.map((k) => `${DEFINITION_LABEL[k]} ${b.definitions[k]}, not ${ref.definitions[k]}`).join('; ') };
  return { reason: 'mixed_version', text: `results schema ${b.provenance.results_schema_version}, not ${ref.provenance.results_schema_version}` };
}

/**
 * Read bundle files and folders (every *.json that is a bundle, one level of subfolders deep), each validated;
 * refuse a duplicate site-year; leave out, in one sentence, the bundles whose definitions or versions differ from
 * the most common ones, unless `allowMixed`.
 */
export function loadBundles(paths: string[], opts: { allowMixed?: boolean } = {}): LoadedNetwork {
  const loaded: LoadedBundle[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) throw new InputError(`${p} does not exist; name bundle files or folders that hold them.`, { file: abs });
    const folder = statSync(abs).isDirectory();
    for (const file of folder ? jsonFilesIn(abs) : [abs]) {
      if (loaded.some((l) => l.file === file)) continue;
      const bundle = readBundle(file, !folder);
      if (bundle) loaded.push({ file, bundle });
    }
  }
  if (!loaded.length) throw new InputError(`No bundle found in ${paths.join(', ')}; make them with \`hve bundle <run folder>\`.`);

  const seen = new Map<string, string>();
  for (const { file, bundle } of loaded) {
    const key = `${bundle.site}\u0000${bundle.outcome_year}`;
    const other = seen.get(key);
    if (other) throw new InputError(`${other} and ${file} are both ${bundle.site} ${bundle.outcome_year}; a site-year can be pooled once, so remove one of them.`);
    seen.set(key, file);
  }

  const groups = new Map<string, LoadedBundle[]>();
  for (const l of loaded) groups.set(signature(l.bundle), [...(groups.get(signature(l.bundle)) ?? []), l]);
  if (groups.size === 1) return { bundles: loaded, excluded: [], mixed: false, notes: [] };
  const main = [...groups.values()].sort((a, b) => b.length - a.length)[0]!;
  const ref = main[0]!.bundle;
  const others = loaded.filter((l) => !main.includes(l));
  const described = others.map((l) => ({ l, ...difference(l.bundle, ref) }));
  const list = described.map((d) => `${basename(d.l.file)} (${d.text})`).join(', ');
  if (opts.allowMixed) {
    return { bundles: loaded, excluded: [], mixed: true, notes: [`${others.length} of ${loaded.length} bundles use other definitions or versions than the rest and were pooled anyway (--allow-mixed): ${list}.`] };
  }
  const sentence = `${others.length} of ${loaded.length} bundles use other definitions or versions than the rest and are left out (pass --allow-mixed to pool them): ${list}.`;
  return {
    bundles: main,
    excluded: described.map((d) => ({ file: d.l.file, site: d.l.bundle.site, year: d.l.bundle.outcome_year, reason: d.reason })),
    mixed: false,
    notes: [sentence],
  };
}
