/** Words for the survey block: group names, respondents, scale labels in sentences, and gated values as text. */
import type { SurveyResults, SurveyComparison } from '../results/survey-results-schema.js';
import type { Results } from '../results/results-schema.js';
import { fixed } from './format.js';

type Grouping = SurveyResults['grouping'];

const PROGRAM_GROUPS: Record<string, string> = {
  visiting: 'visiting teachers',
  not_visiting: 'non-visiting teachers',
  visited: 'visited families',
  not_visited: 'non-visited families',
};

/** A group value as a noun phrase: "visiting teachers", or for a --group column "gender: female". */
export function groupName(value: string, grouping: Grouping): string {
  if (grouping?.source === 'column') return `${grouping.column ?? 'group'}: ${value}`;
  return PROGRAM_GROUPS[value] ?? value;
}

/** The respondents of a type, plural: "teachers", "parents". */
export function respondentsNoun(type: 'teacher' | 'parent'): string {
  return type === 'teacher' ? 'teachers' : 'parents';
}

/** A scale label inside a sentence: first letter lower-cased unless it starts an acronym ("Connection to students" → "connection to students"). */
export function scalePhrase(label: string): string {
  if (label.length > 1 && label[1] === label[1]!.toUpperCase() && /[A-Z]/.test(label[1]!)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** A value the gate may have hidden, formatted: what the gate shows instead, else the value, else an em dash. */
export function gated(row: { display?: Record<string, string> | undefined }, field: string, value: number | null, format: (v: number) => string): string {
  const d = row.display?.[field];
  if (d !== undefined) return d;
  return value === null ? '—' : format(value);
}

/** A share as a percent with no decimals ("64%"). */
export const pct0 = (v: number) => `${fixed(100 * v, 0)}%`;

/** A difference in scale points with its sign and a true minus ("+0.40", "−0.21"). */
export function points(v: number, digits = 2): string {
  const s = fixed(Math.abs(v), digits);
  return v > 0 && Number(s) !== 0 ? `+${s}` : v < 0 && Number(s) !== 0 ? `−${s}` : s;
}

/** The range of a scale's comparisons, from the block's scale rows ("1–5"), or null when it has none. */
export function rangeText(s: SurveyResults, c: Pick<SurveyComparison, 'instrument' | 'scale'>): string | null {
  const row = s.scales.find((x) => x.instrument === c.instrument && x.scale === c.scale);
  return row ? `${row.range[0]}–${row.range[1]}` : null;
}

/** What the share of scores at or above a scale's threshold is called: "favourable" where higher is better, else the high end of the scale ("high burnout"), which is the unfavourable one. */
export function shareTerm(label: string, higherIsBetter: boolean): string {
  return higherIsBetter ? 'favourable' : `high ${scalePhrase(label)}`;
}

/** The share's definition in words: "favourable: a score of 4 or more", "high burnout: a score of 4 or more". */
export function shareDefinition(label: string, higherIsBetter: boolean, threshold: number | null): string {
  return `${shareTerm(label, higherIsBetter)}${threshold === null ? '' : `: a score of ${fixed(threshold, Number.isInteger(threshold) ? 0 : 2)} or more`}`;
}

/** The scale row of a comparison or change (its first wave's), for the direction and threshold of its share; undefined when the block has none. */
export function scaleRow(s: SurveyResults, c: { instrument: string; scale: string; respondent_type?: string }): SurveyResults['scales'][number] | undefined {
  return s.scales.find((x) => x.instrument === c.instrument && x.scale === c.scale && (c.respondent_type === undefined || x.respondent_type === c.respondent_type)) ?? s.scales.find((x) => x.instrument === c.instrument && x.scale === c.scale);
}

/** Results of `hve survey`: a surveys block and no student outcome or sample, so a report or pack about them speaks of respondents only. */
export function isSurveyOnly(r: Pick<Results, 'outcomes' | 'sample_flow' | 'surveys'>): boolean {
  return r.surveys != null && r.outcomes.length === 0 && r.sample_flow.length === 0;
}
