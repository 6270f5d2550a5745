import type { Results } from '../../results/results-schema.js';
import type { GateResult, MissingValues } from '../../quality/quality-schema.js';
import { esc, count, fixed } from '../format.js';

/** A plain table with the first column as text and the others right-aligned where `numeric` says. */
function table(head: string[], rows: string[][], numeric: boolean[]): string {
  const cell = (tag: string, i: number) => `<${tag}${numeric[i] ? ' class="num"' : ''}${tag === 'th' ? ' scope="col"' : ''}>`;
  return `<div class="table-wrap"><table><thead><tr>${head.map((h, i) => `${cell('th', i)}${h}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((c, i) => `${cell('td', i)}${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table></div>`;
}

const pct = (x: number | null) => (x === null ? '—' : `${fixed(100 * x, 1)}%`);

/** One gate as a table row: what it checks, its setting, what was found, and the result. */
function gateRow(g: GateResult): string[] {
  const found = `${count(g.rows)} of ${count(g.of)} (${pct(g.share)})`;
  switch (g.gate) {
    case 'reject_share':
      return [`${esc(g.extract)}: rows rejected`, `at most ${pct(g.threshold)} (<code>max_reject_share</code>)`, found, g.status === 'passed' ? 'passed' : 'stopped the run'];
    case 'visit_match':
      return ['visits: records naming a student of the roster', `at least ${pct(g.threshold)} (<code>min_visit_match</code>)`, found, g.status === 'passed' ? 'passed' : 'stopped the run'];
    case 'unknown_codes':
      return [
        `${esc(g.extract)}: unmapped ${esc(g.column ?? '')} code “${esc(g.code ?? '')}”`,
        g.status === 'dropped' ? '<code>unknown_codes: reject</code>' : '<code>unknown_codes: stop</code>',
        found,
        g.status === 'dropped' ? '<strong>rows dropped</strong> (rejected as unknown_code)' : 'stopped the run',
      ];
  }
}

/** Optional columns with missing values, and those the extracts do not have (so not used). */
function missingParts(missing: MissingValues[]): { rows: string[][]; absent: string } {
  const rows = missing
    .filter((m) => m.present && m.missing > 0)
    .map((m) => [
      `${esc(m.extract)}: <code>${esc(m.column)}</code>`,
      count(m.missing),
      count(m.rows),
      pct(m.rows ? m.missing / m.rows : null),
      m.mapped_to_missing.length ? `empty, or ${m.mapped_to_missing.map((c) => `“${esc(c)}”`).join(', ')}` : 'empty',
    ]);
  const byExtract = new Map<string, string[]>();
  for (const m of missing.filter((x) => !x.present)) byExtract.set(m.extract, [...(byExtract.get(m.extract) ?? []), m.column]);
  const absent = [...byExtract].map(([e, cols]) => `${esc(e)}: ${cols.map((c) => `<code>${esc(c)}</code>`).join(', ')}`).join('; ');
  return { rows, absent };
}

/** Data quality: the gates that were checked and what passed, the visit log's roster match, missing values, and outcome coverage. */
export function dataQualitySection(r: Results): string {
  const q = r.quality;
  const match = q?.gates.find((g) => g.gate === 'visit_match');
  const analytic = r.sample_flow.at(-1);
  const outcomeRows = r.outcomes.map((o) => {
    const e = o.estimates[0]!;
    const have = (e.n_treated ?? 0) + (e.n_comparison ?? 0);
    const total = analytic?.students ?? null;
    const gap = total === null ? null : total - have;
    // a gap of 1 to min_cell − 1 students would be a small count by subtraction: show it only as "fewer than k"
    const small = gap !== null && gap > 0 && gap < r.privacy.min_cell;
    return [
      esc(o.label),
      count(total),
      e.n_treated === null ? 'suppressed' : small ? `${count(total)} minus fewer than ${r.privacy.min_cell}` : count(have),
      total && e.n_treated !== null ? (small ? `< ${fixed((100 * r.privacy.min_cell) / total, 1)}%` : `${fixed((100 * gap!) / total, 1)}%`) : '—',
    ];
  });
  const miss = q ? missingParts(q.missing) : null;
  const dropped = q?.gates.filter((g) => g.status === 'dropped') ?? [];
  const visitRejects = r.provenance.inputs.find((i) => i.extract === 'visits')?.rows_rejected ?? 0;
  return `<section id="quality"><h2>Data quality</h2>
${
  q
    ? `<p><strong>Data-quality gates.</strong> Before estimating anything the run checks the extracts against the pipeline's <code>quality:</code> settings, and stops with a message when one fails. These were checked:</p>
${table(['Check', 'Setting', 'Found', 'Result'], q.gates.map(gateRow), [false, false, true, false])}
${dropped.length ? `<div class="note"><strong>Rows dropped by choice.</strong> The pipeline sets <code>quality.unknown_codes: reject</code>, so rows with the unmapped codes above were rejected instead of stopping the run. The estimates leave those rows out.</div>` : ''}`
    : ''
}
${visitRejects > 0 ? `<div class="note"><strong>Rejected visit records.</strong> ${count(visitRejects)} visit records were rejected (see Data sources). A student whose only visits were rejected is counted as <em>not visited</em>, so in the comparison group when their school is a program school; many such records bias every estimate toward zero.</div>` : ''}
${match ? `<p><strong>Visit log matched to the roster:</strong> ${pct(match.share)} of visit records (${count(match.rows)} of ${count(match.of)}) name a student in the students extract, whatever else was wrong with the record.</p>` : ''}
${
  miss && miss.rows.length
    ? `<p><strong>Missing values</strong> in optional columns of the accepted rows (a missing value is kept as missing: a covariate gets a missingness indicator, and a subgroup leaves the student out):</p>
${table(['Column', 'Missing', 'Rows', 'Share', 'Counted as missing'], miss.rows, [false, true, true, true, false])}`
    : q
      ? '<p><strong>Missing values:</strong> none in the optional columns the extracts have.</p>'
      : ''
}
${miss && miss.absent ? `<p><strong>Not in the extracts</strong> (so not used): ${miss.absent}.</p>` : ''}
<p><strong>Outcome data present</strong> in the analytic sample (a student without an outcome is left out of that outcome only${r.definitions.source === 'pipeline' && r.outcomes.some((o) => o.domain === 'achievement') ? '; state tests usually cover grades 3–8' : ''}):</p>
${table(['Outcome', 'Analytic sample', 'With the outcome', 'Missing'], outcomeRows, [false, true, true, true])}
</section>`;
}
