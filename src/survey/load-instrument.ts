/** Read and check an instrument YAML file. */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'yaml';
import { InputError } from '../util/input-error.js';
import { sha256Text } from '../util/sha256.js';
import { describeZodError } from '../config/load-pipeline.js';
import { InstrumentSchema, type Instrument, type InstrumentSpec, type ResolvedScale } from './instrument-schema.js';

/** Fill the defaults of every scale (range, favourable = max − 1, min_items = ⌈k/2⌉) and check them; `file` names the file in errors. */
export function resolveInstrument(spec: InstrumentSpec, file: string, sha256: string): Instrument {
  const seen = new Map<string, string>();
  const scales: ResolvedScale[] = Object.entries(spec.scales).map(([scale, s]) => {
    const range = s.range ?? spec.range;
    if (range[0] >= range[1]) throw new InputError(`${file}: the range of scale "${scale}" must run from a lower to a higher number (got [${range.join(', ')}]).`, { file });
    if (!s.licensed && s.items.length === 0) throw new InputError(`${file}: scale "${scale}" names no items (a licensed scale whose items are not shipped says licensed: true).`, { file });
    const items = s.items.map((i) => ({ item: i.replace(/^-/, ''), reversed: i.startsWith('-'), text: s.wording[i.replace(/^-/, '')] ?? null }));
    const stray = Object.keys(s.wording).find((w) => !items.some((i) => i.item === w));
    if (stray !== undefined) throw new InputError(`${file}: the wording of scale "${scale}" names "${stray}", which is not one of its items (${items.map((i) => i.item).join(', ')}).`, { file });
    for (const { item } of items) {
      const other = seen.get(item);
      if (other !== undefined) throw new InputError(`${file}: item "${item}" is in both scale "${other}" and scale "${scale}"; an item belongs to one scale.`, { file });
      seen.set(item, scale);
    }
    const minItems = s.min_items ?? Math.ceil(items.length / 2);
    if (items.length && minItems > items.length) throw new InputError(`${file}: scale "${scale}" needs min_items ${minItems} of only ${items.length} items.`, { file });
    const favourable = s.favourable ?? range[1] - 1;
    if (favourable < range[0] || favourable > range[1]) throw new InputError(`${file}: favourable ${favourable} of scale "${scale}" is outside its range [${range.join(', ')}].`, { file });
    return {
      instrument: spec.name,
      scale,
      label: s.label,
      respondentType: spec.respondent_type ?? null,
      items,
      range: [range[0], range[1]],
      higherIsBetter: s.higher_is_better,
      favourable,
      minItems,
      licensed: s.licensed,
      source: s.source ?? null,
    };
  });
  return { name: spec.name, file: basename(file), sha256, scales };
}

/** Read, parse, validate and resolve an instrument YAML file. */
export function loadInstrument(path: string, shownAs = path): Instrument {
  if (!existsSync(path)) throw new InputError(`The instrument file ${shownAs} does not exist.`, { file: shownAs });
  const text = readFileSync(path, 'utf8');
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new InputError(`${shownAs} is not valid YAML: ${(e as Error).message.split('\n')[0]}`, { file: shownAs });
  }
  const r = InstrumentSchema.safeParse(raw, { reportInput: true });
  if (!r.success) throw new InputError(describeZodError(r.error, shownAs, InstrumentSchema), { file: shownAs });
  return resolveInstrument(r.data, shownAs, sha256Text(text));
}

/** The scales of several instruments, checking that no item is named twice across them. */
export function allScales(instruments: Instrument[]): ResolvedScale[] {
  const seen = new Map<string, string>();
  for (const ins of instruments)
    for (const s of ins.scales)
      for (const { item } of s.items) {
        const other = seen.get(item);
        if (other !== undefined && other !== ins.file) throw new InputError(`Item "${item}" is named by both ${other} and ${ins.file}; an item belongs to one instrument.`);
        seen.set(item, ins.file);
      }
  return instruments.flatMap((i) => i.scales);
}
