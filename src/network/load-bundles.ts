import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { InputError } from '../util/input-error.js';
import { BundleSchema, READABLE_BUNDLE_VERSIONS, type Bundle, type BundleDefinitions } from './bundle-schema.js';

/** A bundle and the file it came from. */
export interface LoadedBundle {
  file: string;
  /** the file as the user named it: relative to the folder given, or the path given */
  shown: string;
  bundle: Bundle;
}

/** A bundle left out of the pool because its definitions or versions differ from the rest. */
export interface LeftOutBundle {
  /** the file as the user named it (relative to the folder given) */
  file: string;
  site: string | null;
  year: number | null;
  reason: 'mixed_definitions' | 'mixed_version' | 'mixed_min_cell';
}

export interface LoadedNetwork {
  bundles: LoadedBundle[];
  excluded: LeftOutBundle[];
  /** bundles with different definitions or versions were pooled (--allow-mixed) */
  mixed: boolean;
  notes: string[];
}

/** How many folders below the one given a bundle may sit (reports/network-sites/<site>/<year>/bundle.json). */
export const BUNDLE_DEPTH = 2;

/** The *.json files of a folder and of its subfolders, {@link BUNDLE_DEPTH} levels deep. */
function jsonFilesIn(folder: string, depth = BUNDLE_DEPTH): string[] {
  const out: string[] = [];
  for (const e of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(folder, e.name);
    if (e.isFile() && e.name.endsWith('.json')) out.push(p);
    else if (e.isDirectory() && !e.name.startsWith('.') && depth > 0) out.push(...jsonFilesIn(p, depth - 1));
  }
  return out;
}

/** Read one file as a bundle: null when it is (in a folder) a JSON file that is no bundle; `{ version }` when it is a bundle version this one does not read; an InputError naming the file and field when it fails its schema. */
function readBundle(file: string, explicit: boolean, shown: string): Bundle | { version: string; site: string | null; year: number | null } | null {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    if (!explicit) return null;
    throw new InputError(`${shown} is not valid JSON (${(e as Error).message}).`, { file });
  }
  const version = (json as { bundle_version?: unknown } | null)?.bundle_version;
  if (version === undefined) {
    if (!explicit) return null;
    throw new InputError(`${shown} is not a bundle (it has no bundle_version); make one with \`hve bundle <run folder>\`.`, { file });
  }
  if (!(READABLE_BUNDLE_VERSIONS as readonly unknown[]).includes(version)) {
    const j = json as { site?: unknown; outcome_year?: unknown };
    return { version: String(version), site: typeof j.site === 'string' ? j.site : null, year: Number.isInteger(j.outcome_year) ? (j.outcome_year as number) : null };
  }
  const parsed = BundleSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new InputError(`${shown} does not match the bundle schema at ${i.path.join('.') || '(root)'}: ${i.message}.`, { file });
  }
  return parsed.data;
}

const DEFINITION_LABEL: Record<keyof BundleDefinitions, string> = {
  chronic_threshold: 'chronic threshold',
  min_days_enrolled: 'minimum days enrolled',
  proficient_level: 'proficiency cut',
  comparison_group: 'comparison group',
};

/** What makes two bundles poolable together: the same definitions, results schema version and min_cell. */
function signature(b: Bundle): string {
  const d = b.definitions;
  return JSON.stringify([d.chronic_threshold, d.min_days_enrolled, d.proficient_level, d.comparison_group, b.provenance.results_schema_version, b.min_cell]);
}

/** How a bundle differs from the reference, in words. */
function difference(b: Bundle, ref: Bundle): { reason: LeftOutBundle['reason']; text: string } {
  const diffs = (Object.keys(DEFINITION_LABEL) as (keyof BundleDefinitions)[]).filter((k) => b.definitions[k] !== ref.definitions[k]);
  if (diffs.length) return { reason: 'mixed_definitions', text: diffs.map((k) => `${DEFINITION_LABEL[k]} ${b.definitions[k]}, not ${ref.definitions[k]}`).join('; ') };
  if (b.provenance.results_schema_version !== ref.provenance.results_schema_version) return { reason: 'mixed_version', text: `results schema ${b.provenance.results_schema_version}, not ${ref.provenance.results_schema_version}` };
  return { reason: 'mixed_min_cell', text: `min_cell ${b.min_cell}, not ${ref.min_cell}` };
}

/** Refuse, in one sentence naming the file and field, a bundle with a student count of 1 to minCell − 1 (the pool's min_cell: the largest of the pooled bundles). */
export function checkCounts(l: LoadedBundle, minCell: number): void {
  l.bundle.outcomes.forEach((o, i) =>
    o.estimates.forEach((e, j) => {
      for (const field of ['n_treated', 'n_comparison'] as const) {
        const n = e[field];
        if (n != null && n >= 1 && n < minCell) {
          throw new InputError(`${l.shown} has a count of ${n} at outcomes.${i}.estimates.${j}.${field} (${o.outcome}, ${e.method}), between 1 and the pool's min_cell − 1 (${minCell - 1}); a bundle may not carry it, so rebuild the bundle with \`hve bundle\`.`, { file: l.file });
        }
      }
    }),
  );
}

/**
 * Read bundle files and folders (every *.json that is a bundle, two levels of subfolders deep), each validated;
 * refuse a duplicate site-year and a student count of 1 to min_cell − 1 (the pool's min_cell); leave out, in one
 * sentence, a bundle version this one does not read, and the bundles whose definitions, versions or min_cell differ
 * from the most common ones, unless `allowMixed`.
 */
export function loadBundles(paths: string[], opts: { allowMixed?: boolean } = {}): LoadedNetwork {
  const loaded: LoadedBundle[] = [];
  const unread: LeftOutBundle[] = [];
  const unreadNotes: string[] = [];
  for (const p of paths) {
    const abs = resolve(p);
    if (!existsSync(abs)) throw new InputError(`${p} does not exist; name bundle files or folders that hold them.`, { file: abs });
    const folder = statSync(abs).isDirectory();
    for (const file of folder ? jsonFilesIn(abs) : [abs]) {
      if (loaded.some((l) => l.file === file) || unread.some((u) => u.file === file)) continue;
      const shown = folder ? join(p, relative(abs, file)) : p;
      const got = readBundle(file, !folder, shown);
      if (got === null) continue;
      if ('version' in got) {
        unread.push({ file: shown, site: got.site, year: got.year, reason: 'mixed_version' });
        unreadNotes.push(`${shown} is bundle version ${got.version}, and this version reads ${READABLE_BUNDLE_VERSIONS.join(', ')}, so it is left out${opts.allowMixed ? ' even with --allow-mixed' : ''}; rebuild it with \`hve bundle\`.`);
      } else loaded.push({ file, shown, bundle: got });
    }
  }
  if (!loaded.length) throw new InputError(`No bundle ${unread.length ? 'this version reads ' : ''}found in ${paths.join(', ')}; make them with \`hve bundle <run folder>\`.`);

  const seen = new Map<string, string>();
  for (const { shown, bundle } of loaded) {
    const key = `${bundle.site}\u0000${bundle.outcome_year}`;
    const other = seen.get(key);
    if (other) throw new InputError(`${other} and ${shown} are both ${bundle.site} ${bundle.outcome_year}; a site-year can be pooled once, so remove one of them.`);
    seen.set(key, shown);
  }

  const groups = new Map<string, LoadedBundle[]>();
  for (const l of loaded) groups.set(signature(l.bundle), [...(groups.get(signature(l.bundle)) ?? []), l]);
  const finish = (net: LoadedNetwork): LoadedNetwork => {
    const minCell = Math.max(...net.bundles.map((l) => l.bundle.min_cell));
    for (const l of net.bundles) checkCounts(l, minCell);
    return { ...net, excluded: [...unread, ...net.excluded], notes: [...unreadNotes, ...net.notes] };
  };
  if (groups.size === 1) return finish({ bundles: loaded, excluded: [], mixed: false, notes: [] });
  const main = [...groups.values()].sort((a, b) => b.length - a.length)[0]!;
  const ref = main[0]!.bundle;
  const others = loaded.filter((l) => !main.includes(l));
  const described = others.map((l) => ({ l, ...difference(l.bundle, ref) }));
  const list = described.map((d) => `${d.l.shown} (${d.text})`).join(', ');
  if (opts.allowMixed) {
    return finish({ bundles: loaded, excluded: [], mixed: true, notes: [`${others.length} of ${loaded.length} bundles use other definitions, versions or min_cell than the rest and were pooled anyway (--allow-mixed; the pool uses the largest min_cell): ${list}.`] });
  }
  const sentence = `${others.length} of ${loaded.length} bundles use other definitions, versions or min_cell than the rest and are left out (pass --allow-mixed to pool them): ${list}.`;
  return finish({
    bundles: main,
    excluded: described.map((d) => ({ file: d.l.shown, site: d.l.bundle.site, year: d.l.bundle.outcome_year, reason: d.reason })),
    mixed: false,
    notes: [sentence],
  });
}
