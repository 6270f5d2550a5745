import type { ContrastResult } from '../../results/results-schema.js';

const schools = (n: number, what = 'school') => `${n.toLocaleString('en-US')} ${what}${n === 1 ? '' : 's'}`;

/**
 * The sentence for a school-level contrast shown without a test (note `few_schools`), e.g. "Descriptive only:
 * 11 schools visiting ≥ 10% and 1 comparison school; at least 5 per side are needed for a p-value." Null otherwise.
 */
export function fewSchoolsSentence(c: ContrastResult): string | null {
  if (!c.notes.some((n) => n.code === 'few_schools') || !c.schools) return null;
  const { level, reference, min_per_arm: min } = c.schools;
  const sides = c.analysis.includes('moderator')
    ? `${schools(level)} above and ${reference.toLocaleString('en-US')} at or below the mean ${c.analysis.replace(/ as moderator$/, '')} have both visited and comparison students`
    : `${schools(level)} visiting ${c.analysis.replace(/^school visit rate\s*/, '')} and ${schools(reference, 'comparison school')}`;
  return `Descriptive only: ${sides}; at least ${min} per side are needed for a p-value (no SE, confidence interval or test is shown).`;
}

/** The distinct few-schools sentences of a list of contrasts, in order. */
export function fewSchoolsSentences(rows: readonly ContrastResult[]): string[] {
  return [...new Set(rows.map(fewSchoolsSentence).filter((s): s is string => s !== null))];
}
