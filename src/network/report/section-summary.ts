/** The summary section of network.html: what was pooled (sites, states, years), what was left out and why. */
import { esc, fixed } from '../../report/format.js';
import type { NetworkResults } from '../network-schema.js';
import { EXCLUDED_TEXT, plural } from './network-text.js';

/** The summary section: sites, site-years, states and years pooled; bundles left out with their reason; the definitions shared. */
export function summarySection(r: NetworkResults): string {
  const sites = new Set(r.sites.map((s) => s.site));
  const states = [...new Set(r.sites.map((s) => s.state).filter((s): s is string => s !== null))].sort();
  const years = [...new Set(r.sites.map((s) => s.year).filter((y): y is number => y !== null))].sort((a, b) => a - b);
  const shown = r.pooled.filter((c) => !c.suppressed).length;
  const source = r.source === 'bundles' ? 'site bundles (<code>hve bundle</code>)' : 'a plain effects table (<code>hve pool</code>)';
  const yearText = years.length === 0 ? 'no school year given' : years.length === 1 ? `school year ending ${years[0]}` : `school years ending ${years[0]}–${years[years.length - 1]} (${years.join(', ')})`;
  const items = [
    `<li>${plural(sites.size, 'site')} (${plural(r.sites.length, 'site-year')}) from ${source}, in ${states.length ? `${plural(states.length, 'state')} (${states.map(esc).join(', ')})` : 'no named state'}; ${yearText}.</li>`,
    `<li>${plural(shown, 'pooled cell')} shown of ${r.pooled.length} (outcome × site method × scale); the others are listed in their outcome with the reason.</li>`,
  ];
  if (r.input_rows) {
    const ir = r.input_rows;
    const reasons = Object.entries(ir.rejected_by_reason).map(([k, n]) => `${esc(k)}: ${n}`).join(', ');
    items.push(`<li><code>${esc(ir.file)}</code>: ${ir.read} rows read = ${ir.accepted} accepted + ${ir.rejected} rejected${reasons ? ` (${reasons})` : ''}.</li>`);
  }
  const excluded = r.excluded.length
    ? `<p><strong>${plural(r.excluded.length, 'bundle')} left out:</strong></p><ul>${r.excluded.map((e) => `<li><code>${esc(e.file)}</code>${e.site ? ` (${esc(e.site)}${e.year ? `, ${e.year}` : ''})` : ''}: ${EXCLUDED_TEXT[e.reason]}.</li>`).join('')}</ul>`
    : '<p>No bundle was left out.</p>';
  const mixed = r.mixed ? '<p class="warn"><strong>Mixed pool:</strong> bundles with different definitions or schema versions were pooled together (<code>--allow-mixed</code>); their estimates may not measure the same thing.</p>' : '';
  const d = r.definitions;
  const defs = d
    ? `<p>Definitions every pooled bundle shares: chronically absent at ≥ ${fixed(100 * d.chronic_threshold, 0)}% of enrolled days missed, at least ${d.min_days_enrolled} days enrolled, proficient at performance level ≥ ${d.proficient_level}, comparison group: ${d.comparison_group === 'program_schools' ? 'non-visited students in program schools' : 'non-visited students in all schools'}.</p>`
    : '';
  const notes = r.notes.length ? `<ul>${r.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  return `<section id="summary"><h2>Summary</h2>
<ul>${items.join('\n')}</ul>
${excluded}
${mixed}
${defs}
${notes}
</section>`;
}
