import { basename, dirname, relative, sep } from 'node:path';
import { Document, Pair, Scalar, YAMLMap } from 'yaml';
import { EXTRACT_SPECS } from '../contract/extract-specs.js';
import type { InitPlan, SourcePlan } from './init-plan.js';

/** The marker every guessed line of the written pipeline ends with. */
export const CHECK = 'check';

const HEADER = [
  ' Pipeline written by `hve init`: a first guess from the file names, headers and codes of {folder}.',
  '',
  ' Every line ending in "# check" is a guess. Read each one against your extracts and fix it when it is',
  ' wrong (a code mapped to null means "missing"); delete the marker once it is right.',
  ' Then:',
  '   npx hve validate {file}   read and check every extract: row accounting, rejects with reasons; nothing published',
  '   npx hve run {file}        the whole evaluation, into the output folder below',
  ' The canonical columns, codes and rules: `npx hve contract` (docs/data-contract.md);',
  ' every key of this file and its default: `npx hve explain-config`.',
].join('\n');

const QUALITY = [
  ' Data-quality gates (the defaults): hve run stops when an extract rejects more than 2% of its rows, when a',
  ' treatment or outcome column has an unmapped code, or when fewer than 98% of visits name a known student.',
  ' quality: { max_reject_share: 0.02, unknown_codes: stop, min_visit_match: 0.98 }',
].join('\n');

const rows = (n: number) => `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;

/** A scalar with a trailing `# check` comment, optionally with a reason after it. */
function guessed(value: unknown, why?: string): Scalar {
  const s = new Scalar(value);
  s.comment = ` ${CHECK}${why ? `: ${why}` : ''}`;
  return s;
}

/** A map key with comment lines above it. */
function keyWithNote(key: string, note?: string): Scalar {
  const s = new Scalar(key);
  if (note) s.commentBefore = note;
  return s;
}

/** A path relative to the pipeline file's folder, with forward slashes. */
function relativePath(from: string, file: string): string {
  return relative(dirname(from), file).split(sep).join('/');
}

/** The note above a source: which headers are mapped, read as they are, or not used, and how the dates read. */
function sourceNote(s: SourcePlan): string {
  const renamed = s.columns.columns.filter((c) => c.guessed).length;
  const same = s.columns.columns.filter((c) => !c.guessed).map((c) => c.column);
  const parts = [renamed ? `${renamed} header${renamed === 1 ? '' : 's'} mapped below` : '', same.length ? `read as they are: ${same.join(', ')}` : ''];
  const lines = [` ${basename(s.file)}: ${parts.filter(Boolean).join('; ')}`];
  if (s.columns.unused.length) lines.push(` not used (no canonical column): ${s.columns.unused.join(', ')}`);
  const d = s.dateFormat;
  if (d) {
    const fmt = d.format ?? 'ISO YYYY-MM-DD';
    let line = ` dates: ${d.parsed} of ${d.sampled} sampled values read as ${fmt}`;
    if (d.ambiguousWith !== undefined) line += ` (${d.ambiguousWith ?? 'ISO'} reads them too: check which the district uses)`;
    lines.push(line);
  }
  return lines.join('\n');
}

/** The `values:` map of one source, or undefined when it maps nothing. */
function valuesMap(s: SourcePlan): YAMLMap | undefined {
  if (!s.codes.length) return undefined;
  const spec = EXTRACT_SPECS[s.spec];
  const values = new YAMLMap();
  for (const c of s.codes) {
    const col = spec.columns.find((x) => x.name === c.column)!;
    const notes: string[] = [];
    if (c.more) notes.push(` ${c.column} has more than ${c.mappings.length + c.unguessed.length} distinct codes; only the most common were read`);
    if (c.unguessed.length) {
      const targets = col.type === 'bool' ? 'yes, no' : col.codes!.join(', ');
      const list = c.unguessed.map((u) => `"${u.code}" (${rows(u.rows)})`).join(', ');
      notes.push(` no guess for ${list}: map each to one of ${targets}${col.required || col.default ? '' : ' or null'}, or they are rejected`);
    }
    const map = new YAMLMap();
    for (const m of c.mappings) {
      map.add(new Pair(m.from, guessed(m.to, `${rows(m.rows)}${m.to === null ? ', read as missing' : ''}`)));
    }
    values.add(new Pair(keyWithNote(c.column, notes.join('\n') || undefined), map));
  }
  return values;
}

/** One source as a YAML map: path, attendance kind, date format, header mapping, code mapping. */
function sourceMap(s: SourcePlan, out: string): YAMLMap {
  const m = new YAMLMap();
  m.add(new Pair('path', relativePath(out, s.file)));
  if (s.extract === 'attendance') m.add(new Pair('kind', guessed(s.spec === 'attendance_daily' ? 'daily' : 'summary')));
  if (s.dateFormat?.format) {
    const f = guessed(s.dateFormat.format);
    f.type = 'QUOTE_DOUBLE';
    m.add(new Pair('date_format', f));
  }
  const renamed = s.columns.columns.filter((c) => c.guessed);
  const missing = s.columns.missingRequired;
  if (renamed.length || missing.length) {
    const columns = new YAMLMap();
    for (const c of renamed) columns.add(new Pair(c.column, guessed(c.header)));
    const note = missing.length
      ? ` no header found for ${missing.join(', ')}, which the ${s.extract} extract requires: add <column>: "<your header>" here`
      : undefined;
    m.add(new Pair(keyWithNote('columns', note), columns));
  }
  const values = valuesMap(s);
  if (values) m.add(new Pair('values', values));
  return m;
}

/** The pipeline of a plan as commented YAML, for a file written at `out`. */
export function renderInitYaml(plan: InitPlan, out: string): string {
  const doc = new Document(new YAMLMap());
  const fromHere = relative(process.cwd(), out).split(sep).join('/');
  doc.commentBefore = HEADER.replaceAll('{folder}', plan.folder).replaceAll('{file}', fromHere.startsWith('../') ? out : fromHere);
  const root = doc.contents as YAMLMap;
  const Y = plan.outcomeYear;
  const span = `${Y - 1}-${String(Y % 100).padStart(2, '0')}`;
  const students = plan.sources.find((s) => s.extract === 'students')!;
  root.add(new Pair('name', guessed(`${plan.site} home visits ${span}`, 'the report title')));
  root.add(new Pair('site', plan.siteGiven ? plan.site : guessed(plan.site, 'a short id: letters, digits, - or _')));
  const yearWhy = `the latest school year in ${basename(students.file)} (it has ${plan.years.join(', ')}); Y - 1 is the baseline`;
  root.add(new Pair('outcome_year', plan.yearGiven ? Y : guessed(Y, yearWhy)));
  const sources = new YAMLMap();
  for (const s of plan.sources) sources.add(new Pair(keyWithNote(s.extract, sourceNote(s)), sourceMap(s, out)));
  const sourcesKey = keyWithNote(
    'sources',
    plan.unused.length ? ` not used: ${plan.unused.map((f) => basename(f.file)).join(', ')} (no extract fits, or a better file was taken)` : undefined,
  );
  root.add(new Pair(sourcesKey, sources));
  root.add(new Pair('output', guessed('hve-report', 'where hve run writes, relative to this file (it holds restricted files too)')));
  doc.comment = QUALITY;
  return doc.toString({ lineWidth: 0 });
}
