import { existsSync, readFileSync, readdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ResultsSchema, READABLE_SCHEMA_VERSIONS, type Results } from '../../results/results-schema.js';
import { applyPrivacyGate, type Publishable } from '../../privacy/privacy-gate.js';
import { headlineFindings, headlineMethodRule, type Headline } from '../statements/headline-findings.js';
import { groupTerms } from '../group-terms.js';
import { notEvaluatedSentences } from '../statements/not-evaluated-text.js';
import { statementChart } from './statement-chart.js';
import { vegaLiteToSvg, svgToPng } from '../render/index.js';
import { writeFolderAtomically } from '../../util/atomic-dir.js';
import { InputError } from '../../util/input-error.js';
import { csvCell as csvField } from '../../util/csv.js';
import { esc, schoolYear, formatMean, shownValue } from '../format.js';
import { METHOD_LABEL } from '../labels.js';
import { implementationStatements } from '../statements/implementation-statements.js';
import { surveyStatementsMarkdown, surveyStatementsHtml, surveyStatementCounts, surveyLeftOutItems, type SurveyStatementCounts } from './survey-pack.js';
import { isSurveyOnly } from '../survey-text.js';
import { markdownSafe } from '../markdown-safe.js';

/** What the figure pack holds. */
export interface FigurePack {
  folder: string;
  findings: number;
  /** significant differences whose baseline equivalence could not be assessed (no baseline measure) */
  unchecked: number;
  noDifference: number;
  leftOut: number;
  /** the reach and cost statements of the implementation card */
  implementation: number;
  /** the teacher and parent survey statements by status (statements.md's "Teachers and families"); null without them */
  surveys: SurveyStatementCounts | null;
}

/** Read a run's results.json (publishable) and pass it through the privacy gate again, so every number in the pack is gated. */
export function readGatedResults(outputFolder: string): Publishable<Results> {
  const path = join(resolve(outputFolder), 'results.json');
  if (!existsSync(path)) throw new InputError(`${outputFolder} has no results.json; run \`hve run <pipeline>\` (or \`npm run demo\`) first.`, { file: path });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new InputError(`${path} is not valid JSON (${(e as Error).message}); rerun the pipeline to rewrite it.`, { file: path });
  }
  const version = (json as { schema_version?: unknown } | null)?.schema_version;
  if (!(READABLE_SCHEMA_VERSIONS as readonly unknown[]).includes(version)) {
    throw new InputError(`${path} was written with results schema ${String(version)}, and this version reads ${READABLE_SCHEMA_VERSIONS.join(' and ')}; rerun \`hve run\` (or \`hve compare\`) to rewrite it.`, { file: path });
  }
  const parsed = ResultsSchema.safeParse(json);
  if (!parsed.success) throw new InputError(`${path} does not match the results schema (${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}).`);
  return applyPrivacyGate(parsed.data, parsed.data.privacy.min_cell);
}

const STATUS_TITLE = { finding: 'Findings', unchecked_difference: 'Differences without a baseline-equivalence check', no_detectable_difference: 'No detectable difference', not_reportable: 'Not reported' } as const;

function statementsMarkdown(p: Publishable<Results>, heads: Headline[]): string {
  const r = p.data;
  // a survey-only pack (hve survey) has no students: its rule and privacy line speak of respondents
  const students = !isSurveyOnly(r);
  const lines = [
    `# ${r.name}: statements you can quote`,
    '',
    `${schoolYear(r.outcome_year) ? `School year ${schoolYear(r.outcome_year)}. ` : ''}Each statement is worded for a quasi-experimental comparison ("associated with", never "caused"). A statement is a finding only when it remained significant after the Benjamini–Hochberg correction within its domain and the groups met the What Works Clearinghouse baseline-equivalence standard (with reservations). ${students ? `${headlineMethodRule(p)} ` : ''}Numbers rest on at least ${r.privacy.min_cell} ${students ? 'students' : 'respondents'} (privacy rule).`,
    '',
  ];
  for (const status of ['finding', 'unchecked_difference', 'no_detectable_difference', 'not_reportable'] as const) {
    const hs = heads.filter((h) => h.status === status);
    if (!hs.length) continue;
    lines.push(`## ${STATUS_TITLE[status]}`, '');
    for (const h of hs) {
      if (status === 'not_reportable') lines.push(`- **${h.label}**: left out: ${h.reason}.`);
      else {
        lines.push(`### ${h.label}`, '', `> ${h.statement} (${h.numbers}.)`, '', `*Caution:* ${h.caution}`, '', `Chart: \`statement-${h.outcome}.png\` (and \`.svg\`); numbers: \`statement-${h.outcome}.csv\`. Method: ${METHOD_LABEL[h.method!]}. Why worded this way: ${h.reason}.`, '');
      }
    }
    lines.push('');
  }
  const impl = implementationStatements(p);
  if (impl.length) lines.push('## Implementation and cost', '', ...impl.map((s) => `> ${s}`), '', '*Caution:* implementation measures describe what was logged; costs are as stated in the report’s Cost section (price year, ingredients included). Chart: `fidelity-reach.png` (and `.svg`).', '', '');
  lines.push(...surveyStatementsMarkdown(p));
  const notEvaluated = notEvaluatedSentences(r);
  if (notEvaluated.length) lines.push('## Not evaluated', '', ...notEvaluated.map((s) => `- ${s}`), '', '');
  lines.push(`Source: ${r.name}${groupTerms(r).homeVisits ? ' home-visit evaluation' : ''} (home-visit-eval ${r.provenance.software_version}), results.json generated ${r.generated_at}.`);
  // names, codes and labels come from the district's files: no markup of theirs may render in a markdown viewer
  return markdownSafe(lines.join('\n')) + '\n';
}

function indexHtml(p: Publishable<Results>, heads: Headline[], alts: Map<string, string>): string {
  const r = p.data;
  const cards = heads
    .filter((h) => h.status !== 'not_reportable')
    .map(
      (h) => `<article class="card ${h.status}"><h2>${esc(h.label)} <span class="tag">${esc(STATUS_TITLE[h.status])}</span></h2>
<img src="statement-${esc(h.outcome)}.png" alt="${esc(alts.get(h.outcome) ?? '')}" width="600">
<blockquote>${esc(h.statement)} (${esc(h.numbers)}.)</blockquote>
<p class="caution">${esc(h.caution)}</p>
<p class="files">Files: <a href="statement-${esc(h.outcome)}.png">PNG</a> · <a href="statement-${esc(h.outcome)}.svg">SVG</a> · <a href="statement-${esc(h.outcome)}.csv">CSV</a></p></article>`,
    )
    .join('\n');
  const left = [...heads.filter((h) => h.status === 'not_reportable').map((h) => `<li>${esc(h.label)}: ${esc(h.reason)}</li>`), ...surveyLeftOutItems(p)];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(r.name)}: figures and statements</title>
<style>body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;max-width:980px;margin:0 auto;padding:1rem;color:#1d1d1f;line-height:1.5}
.card{border:1px solid #d9d9de;border-radius:8px;padding:1rem;margin:1rem 0}.card img{max-width:100%;height:auto}
.tag{font-size:.8rem;background:#e8eef3;color:#0b3d5c;padding:.1rem .4rem;border-radius:4px;vertical-align:middle}
blockquote{margin:.5rem 0;padding:.5rem .8rem;border-left:4px solid #0072B2;background:#f6f7f9}.caution{color:#7a4d00;font-size:.9rem}</style></head>
<body><h1>${esc(r.name)}: figures and statements for grant writers</h1>
<p>Copy a statement with its numbers and caution as they are; see <a href="statements.md">statements.md</a> for plain text. Findings first, then outcomes with no detectable difference.${isSurveyOnly(r) ? '' : ` ${esc(headlineMethodRule(p))}`}</p>
${cards}
${implementationStatements(p).length ? `<article class="card"><h2>Implementation and cost</h2>${r.fidelity ? '<img src="fidelity-reach.png" alt="Schools by reach (share of students visited) and fidelity score, with the reach threshold line" width="600">' : ''}${implementationStatements(p).map((s) => `<blockquote>${esc(s)}</blockquote>`).join('')}<p class="caution">Implementation measures describe what was logged; costs are as stated in the report’s Cost section.</p></article>` : ''}
${surveyStatementsHtml(p)}
${left.length ? `<h2>Not reported</h2><ul>${left.join('')}</ul>` : ''}
${notEvaluatedSentences(r).length ? `<h2>Not evaluated</h2><ul>${notEvaluatedSentences(r).map((s) => `<li>${esc(s)}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}

/**
 * `hve figures <output folder>`: a grant-writer pack in `<folder>/figures/`: index.html, statements.md, and a
 * PNG, SVG and CSV per statement. Only gated numbers are used; only BH- and baseline-surviving findings are findings.
 */
export async function writeFigurePack(outputFolder: string): Promise<FigurePack> {
  const p = readGatedResults(outputFolder);
  const r = p.data;
  const heads = headlineFindings(p);
  const figures = join(resolve(outputFolder), 'figures');
  const alts = new Map<string, string>();
  await writeFolderAtomically(figures, async (tmp) => {
    if (existsSync(figures)) for (const f of readdirSync(figures)) if (!f.startsWith('statement-') && f !== 'index.html' && f !== 'statements.md') copyFileSync(join(figures, f), join(tmp, f));
    for (const h of heads) {
      if (h.status === 'not_reportable' || !h.estimate) continue;
      const o = r.outcomes.find((x) => x.outcome === h.outcome)!;
      const e = h.estimate;
      const svg = await vegaLiteToSvg(statementChart(p, h));
      writeFileSync(join(tmp, `statement-${h.outcome}.svg`), svg);
      writeFileSync(join(tmp, `statement-${h.outcome}.png`), svgToPng(svg));
      const cols = ['outcome', 'status', 'method', 'n_visited', 'n_comparison', 'mean_visited', 'mean_comparison_adjusted', 'difference', 'ci_low', 'ci_high', 'p_value', 'bh_p_value', 'effect_size', 'effect_size_type', 'statement', 'caution'];
      // a value the gate hid is written as what it shows instead ("fewer than 10", "< 5%")
      const v = (f: keyof typeof e & string) => shownValue(e, f);
      const row = [h.outcome, h.status, e.method, v('n_treated'), v('n_comparison'), v('mean_treated'), v('mean_comparison'), v('estimate'), v('ci_low'), v('ci_high'), v('p_value'), v('bh_p_value'), v('effect_size'), e.effect_size_type, h.statement, h.caution];
      writeFileSync(join(tmp, `statement-${h.outcome}.csv`), `${cols.join(',')}\n${row.map((x) => csvField(x)).join(',')}\n`);
      alts.set(h.outcome, `Chart: ${o.label}, ${groupTerms(r).treated} students ${formatMean(o, e.mean_treated, e.display?.mean_treated)} vs. comparison students ${formatMean(o, e.mean_comparison, e.display?.mean_comparison)}. ${h.statement}`);
    }
    writeFileSync(join(tmp, 'statements.md'), statementsMarkdown(p, heads));
    writeFileSync(join(tmp, 'index.html'), indexHtml(p, heads, alts));
  });
  return {
    folder: figures,
    findings: heads.filter((h) => h.status === 'finding').length,
    unchecked: heads.filter((h) => h.status === 'unchecked_difference').length,
    noDifference: heads.filter((h) => h.status === 'no_detectable_difference').length,
    leftOut: heads.filter((h) => h.status === 'not_reportable').length,
    implementation: implementationStatements(p).length,
    surveys: surveyStatementCounts(p),
  };
}
