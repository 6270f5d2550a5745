import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import type { GateResult, MissingValues } from '../../quality/quality-schema.js';
import { esc, count, fixed, shownCount } from '../format.js';
import { htmlTable } from './table.js';

const pct = (x: number | null) => (x === null ? '—' : `${fixed(100 * x, 1)}%`);

/** One gate as a table row: what it checks, its setting, what was found, and the result. */
function gateRow(g: GateResult): string[] {
  const found = `${shownCount(g, 'rows')} of ${count(g.of)}${g.share === null ? '' : ` (${pct(g.share)})`}`;
  switch (g.gate) {
    case 'reject_share':
      return [`${esc(g.extract)}: rows rejected`, `at most ${pct(g.threshold)} (<code>max_reject_share</code>)`, found, g.status === 'passed' ? 'passed' : 'stopped the run'];
    case 'visit_match':
      return ['visits: records naming a student of the roster', `at least ${pct(g.threshold)} (<code>min_visit_match</code>)`, found, g.status === 'passed' ? 'passed' : 'stopped the run'];
    case 'unknown_codes':
      return [
        g.status === 'passed'
          ? `${esc(g.extract)}: no unmapped code in ${esc(g.column ?? '')}`
          : g.code === null
            ? `${esc(g.extract)}: ${count(g.distinct_codes ?? null)} unmapped ${esc(g.column ?? '')} codes (listed in the validation folder, not here: they may be identifiers)`
            : `${esc(g.extract)}: unmapped ${esc(g.column ?? '')} code “${esc(g.code)}”`,
        g.status === 'dropped' ? '<code>unknown_codes: reject</code>' : '<code>unknown_codes: stop</code>',
        found,
        g.status === 'passed' ? 'passed' : g.status === 'dropped' ? '<strong>rows dropped</strong> (rejected as unknown_code)' : 'stopped the run',
      ];
  }
}

/** Optional columns with missing values, and those the extracts do not have (so not used). */
function missingParts(missing: MissingValues[]): { rows: string[][]; absent: string } {
  const rows = missing
    .filter((m) => m.present && (m.missing === null || m.missing > 0))
    .map((m) => [
      `${esc(m.extract)}: <code>${esc(m.column)}</code>`,
      shownCount(m, 'missing'),
      count(m.rows),
      m.missing === null ? '—' : pct(m.rows ? m.missing / m.rows : null),
      m.mapped_to_missing.length ? `empty, or ${m.mapped_to_missing.map((c) => `“${esc(c)}”`).join(', ')}` : 'empty',
    ]);
  const byExtract = new Map<string, string[]>();
  for (const m of missing.filter((x) => !x.present)) byExtract.set(m.extract, [...(byExtract.get(m.extract) ?? []), m.column]);
  const absent = [...byExtract].map(([e, cols]) => `${esc(e)}: ${cols.map((c) => `<code>${esc(c)}</code>`).join(', ')}`).join('; ');
  return { rows, absent };
}

const DEFAULT_QUALITY = { max_reject_share: 0.02, unknown_codes: 'stop', min_visit_match: 0.98 } as const;

/** One sentence for the executive summary when the data-quality gates were relaxed or rows were dropped by choice, else ''. */
export function qualityCaution(p: Publishable<Results>): string {
  const q = p.data.quality;
  if (!q) return '';
  const parts: string[] = [];
  if (q.settings.max_reject_share > DEFAULT_QUALITY.max_reject_share) parts.push(`extracts may reject up to ${pct(q.settings.max_reject_share)} of their rows (default ${pct(DEFAULT_QUALITY.max_reject_share)})`);
  if (q.settings.min_visit_match < DEFAULT_QUALITY.min_visit_match) parts.push(`as few as ${pct(q.settings.min_visit_match)} of visit records need to match the roster (default ${pct(DEFAULT_QUALITY.min_visit_match)})`);
  const dropped = q.gates.filter((g) => g.status === 'dropped');
  if (dropped.length) parts.push(`rows with unmapped codes in ${esc([...new Set(dropped.map((g) => `${g.extract} ${g.column}`))].join(', '))} were dropped`);
  return parts.length ? `<p class="caution"><strong>Data-quality gates were relaxed for this run:</strong> ${parts.join('; ')}. See Data quality before quoting any number.</p>` : '';
}

/** Data quality: the gates that were checked and what passed, the visit log's roster match, missing values, and outcome coverage. */
export function dataQualitySection(p: Publishable<Results>): string {
  const r = p.data;
  const q = r.quality;
  const match = q?.gates.find((g) => g.gate === 'visit_match');
  // coverage comes from the gate: a small gap is shown only as "all but fewer than k"
  const outcomeRows = r.outcomes.map((o) => {
    const c = o.coverage;
    return [
      esc(o.label),
      c ? shownCount(c, 'analytic') : '—',
      c ? shownCount(c, 'with_outcome') : '—',
      c ? (c.display?.missing_share !== undefined ? esc(c.display.missing_share) : c.missing_share === null ? '—' : `${fixed(100 * c.missing_share, 1)}%`) : '—',
    ];
  });
  const miss = q ? missingParts(q.missing) : null;
  const dropped = q?.gates.filter((g) => g.status === 'dropped') ?? [];
  // rejected visit records that name a roster student (counted by the quality stage): their families may be counted as comparison students
  const visitRejects = match?.rejected_naming_roster ?? 0;
  return `<section id="quality"><h2>Data quality</h2>
${
  q
    ? `<p><strong>Data-quality gates.</strong> Before estimating anything the run checks the extracts against the pipeline's <code>quality:</code> settings, and stops with a message when one fails. These were checked:</p>
${htmlTable(['Check', 'Setting', 'Found', 'Result'], q.gates.map(gateRow), [false, false, true, false])}
${dropped.length ? `<div class="note"><strong>Rows dropped by choice.</strong> The pipeline sets <code>quality.unknown_codes: reject</code>, so rows with the unmapped codes above were rejected instead of stopping the run. The estimates leave those rows out.</div>` : ''}`
    : ''
}
${visitRejects > 0 ? `<div class="note"><strong>Rejected visit records.</strong> ${count(visitRejects)} rejected visit records name a student of the roster (see Data sources for why they were rejected). A student whose only visits were rejected is counted as <em>not visited</em>, so in the comparison group when their school is a program school; many such records bias every estimate toward zero.</div>` : ''}
${match ? `<p><strong>Visit log matched to the roster:</strong> ${pct(match.share)} of visit records (${count(match.rows)} of ${count(match.of)}) name a student in the students extract, whatever else was wrong with the record.</p>` : ''}
${
  miss && miss.rows.length
    ? `<p><strong>Missing values</strong> in optional columns of the accepted rows (a missing value is kept as missing: a covariate gets a missingness indicator, and a subgroup leaves the student out):</p>
${htmlTable(['Column', 'Missing', 'Rows', 'Share', 'Counted as missing'], miss.rows, [false, true, true, true, false])}`
    : q
      ? '<p><strong>Missing values:</strong> none in the optional columns the extracts have.</p>'
      : ''
}
${miss && miss.absent ? `<p><strong>Not in the extracts</strong> (so not used): ${miss.absent}.</p>` : ''}
<p><strong>Outcome data present</strong> in the analytic sample (a student without an outcome is left out of that outcome only${r.definitions.source === 'pipeline' && r.outcomes.some((o) => o.domain === 'achievement') ? '; state tests usually cover grades 3–8' : ''}):</p>
${htmlTable(['Outcome', 'Analytic sample', 'With the outcome', 'Missing'], outcomeRows, [false, true, true, true])}
</section>`;
}
