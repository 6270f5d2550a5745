/** The instrument YAML: named scales of items on a response range, with reverse keying, favourable threshold and minimum items. */
import { z } from 'zod';

const ITEM = /^-?[A-Za-z_][A-Za-z0-9_.]*$/;

/** One scale of an instrument file, as written (defaults are filled by `resolveInstrument`). */
export const ScaleSpecSchema = z
  .object({
    label: z.string().min(1).describe('the name the report shows, e.g. "Connection to students"'),
    items: z
      .array(z.string().regex(ITEM, 'an item name (letters, digits, _ or .), with a leading - for a reverse-keyed item'))
      .default([])
      .describe('item columns; a leading - marks a reverse-keyed item, scored min + max − x'),
    range: z.tuple([z.number().int(), z.number().int()]).optional().describe('this scale\'s response range; default: the instrument\'s'),
    higher_is_better: z.boolean().default(true).describe('false: a higher score is worse (e.g. burnout)'),
    favourable: z.number().optional().describe('"% favourable": scale score ≥ this; default: the top two points of the range (max − 1)'),
    min_items: z.number().int().min(1).optional().describe('answered items needed for a scale score; default: at least half (⌈k/2⌉)'),
    licensed: z.boolean().default(false).describe('a licensed instrument whose items are not shipped: the report warns'),
    source: z.string().optional().describe('where a licensed scale comes from (publisher, citation)'),
    wording: z.record(z.string(), z.string().min(1)).default({}).describe('item name (without the leading -) → the item as worded; the Likert chart labels items by it'),
  })
  .strict();

/** An instrument file. */
export const InstrumentSchema = z
  .object({
    name: z.string().min(1),
    respondent_type: z.enum(['teacher', 'parent']).optional().describe('who answers it; default: whoever the survey rows say'),
    range: z.tuple([z.number().int(), z.number().int()]).describe('response range, e.g. [1, 5]'),
    license: z.string().optional().describe('the license of the items, e.g. "public domain (project-written)"'),
    scales: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a scale name of letters, digits or _'), ScaleSpecSchema),
  })
  .strict();
export type InstrumentSpec = z.infer<typeof InstrumentSchema>;

/** One item of a resolved scale. */
export interface ResolvedItem {
  item: string;
  reversed: boolean;
  /** the item as worded (the scale's `wording:`), or null */
  text: string | null;
}

/** A scale with every default filled in. */
export interface ResolvedScale {
  instrument: string;
  scale: string;
  label: string;
  respondentType: 'teacher' | 'parent' | null;
  items: ResolvedItem[];
  range: [number, number];
  higherIsBetter: boolean;
  favourable: number;
  minItems: number;
  licensed: boolean;
  source: string | null;
}

/** An instrument with its scales resolved, its file name and hash. */
export interface Instrument {
  name: string;
  file: string;
  sha256: string;
  scales: ResolvedScale[];
}
