import type { NotEvaluated, Results } from '../../results/results-schema.js';
import { domainTitle, joinAnd, outcomeDataNoun } from '../labels.js';

/** What a whole domain would have measured, for the sentence that says it was not evaluated. */
const DOMAIN_SCOPE: Record<string, string> = { behavior: 'discipline incidents and suspensions', achievement: 'state test scores and proficiency' };
const EXTRACT_OF: Record<NotEvaluated['reason'], string | null> = { no_discipline_extract: 'discipline', no_assessments_extract: 'assessments', no_outcome_values: null };

/**
 * One sentence per domain or group of outcomes that was not estimated, and why: "Behavior (…) was not
 * evaluated: no discipline file was given." / "ELA score (z) and Proficient in ELA could not be estimated: no
 * ELA scores were found for the students of the analytic sample."
 */
export function notEvaluatedSentences(r: Pick<Results, 'not_evaluated' | 'definitions'>): string[] {
  const entries = r.not_evaluated ?? [];
  const out: string[] = [];
  for (const e of entries) {
    const extract = EXTRACT_OF[e.reason];
    if (e.outcome === null && extract) {
      const scope = DOMAIN_SCOPE[e.domain];
      out.push(`${domainTitle(e.domain)}${scope ? ` (${scope})` : ''} was not evaluated: no ${extract} file was given.`);
    }
  }
  // outcomes without any value, grouped by what their data are called
  const byNoun = new Map<string, string[]>();
  for (const e of entries) {
    if (e.outcome === null || e.reason !== 'no_outcome_values') continue;
    const noun = outcomeDataNoun(e.outcome, r);
    byNoun.set(noun, [...(byNoun.get(noun) ?? []), e.label ?? e.outcome]);
  }
  const who = r.definitions.source === 'analytic_file' ? 'the rows analysed' : 'the students of the analytic sample';
  for (const [noun, labels] of byNoun) out.push(`${joinAnd(labels)} could not be estimated: no ${noun} were found for ${who}.`);
  return out;
}

