/** The survey part of the grant-writer pack: statements.md lines and an index.html card, from the survey statements (gated numbers only). */
import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import { esc } from '../format.js';
import { surveyStatements, type SurveyStatement } from '../statements/survey-statements.js';

const TITLE = { finding: 'Findings', unchecked_difference: 'Differences without a baseline-equivalence check', no_detectable_difference: 'No detectable difference', not_reportable: 'Not reported' } as const;

/** How many survey statements of each kind the pack holds (statements.md and index.html list exactly these). */
export interface SurveyStatementCounts {
  findings: number;
  unchecked: number;
  noDifference: number;
  leftOut: number;
}

/** The survey statements by status; null without a surveys block with groups (then the pack has no survey statements). */
export function surveyStatementCounts(p: Publishable<Results>): SurveyStatementCounts | null {
  const all = surveyStatements(p);
  if (!all.length) return null;
  const n = (status: SurveyStatement['status']) => all.filter((x) => x.status === status).length;
  return { findings: n('finding'), unchecked: n('unchecked_difference'), noDifference: n('no_detectable_difference'), leftOut: n('not_reportable') };
}

const name = (x: SurveyStatement) => `${x.label} (${x.respondent_type === 'teacher' ? 'teachers' : 'parents'}, ${x.kind === 'change' ? 'pre/post change' : x.wave})`;

/** The "Teachers and families" part of statements.md: by status, each statement with its numbers, caution and why; nothing without a surveys block. */
export function surveyStatementsMarkdown(p: Publishable<Results>): string[] {
  const all = surveyStatements(p);
  if (!all.length) return [];
  const lines = ['## Teachers and families (surveys)', '', 'Survey statements follow the same rules: a finding only when it survives Benjamini–Hochberg within the survey domain and, for a comparison at a later wave, the groups were equivalent on the scale at the first wave. Charts: `survey-*.png` (item responses per scale).', ''];
  for (const status of ['finding', 'unchecked_difference', 'no_detectable_difference', 'not_reportable'] as const) {
    const xs = all.filter((x) => x.status === status);
    if (!xs.length) continue;
    lines.push(`### ${TITLE[status]}`, '');
    for (const x of xs) {
      if (status === 'not_reportable') lines.push(`- **${name(x)}**: left out: ${x.reason}.`);
      else lines.push(`> ${x.statement} (${x.numbers}.)`, '', `*Caution:* ${x.caution} Why worded this way: ${x.reason}.`, '');
    }
    lines.push('');
  }
  return lines;
}

/** The survey card of index.html: findings and no-difference statements with their numbers and cautions; empty without statements. */
export function surveyStatementsHtml(p: Publishable<Results>): string {
  const shown = surveyStatements(p).filter((x) => x.status !== 'not_reportable');
  if (!shown.length) return '';
  return `<article class="card"><h2>Teachers and families <span class="tag">surveys</span></h2>
${shown.map((x) => `<blockquote>${esc(x.statement)} (${esc(x.numbers)}.) <span class="tag">${esc(TITLE[x.status])}</span></blockquote><p class="caution">${esc(x.caution)}</p>`).join('\n')}
</article>`;
}

/** The survey statements left out, for index.html's "Not reported" list: name and reason, escaped. */
export function surveyLeftOutItems(p: Publishable<Results>): string[] {
  return surveyStatements(p)
    .filter((x) => x.status === 'not_reportable')
    .map((x) => `<li>${esc(name(x))}: ${esc(x.reason)}</li>`);
}
