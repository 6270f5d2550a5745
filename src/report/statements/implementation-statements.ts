/** Grant-writer statements on reach and cost, from gated fields only: a clause whose number is hidden is left out, never printed. */
import type { Publishable } from '../../privacy/publishable.js';
import type { Results } from '../../results/results-schema.js';
import { schoolYear } from '../format.js';
import { money } from '../cost-text.js';
import { percent } from '../fidelity-text.js';

const n = (v: number) => v.toLocaleString('en-US');
const plural = (k: number, one: string, many: string) => `${n(k)} ${k === 1 ? one : many}`;

/** "Teachers visited 1,248 families in 11 schools; 9 of 11 schools visited at least 10% of their students." or null when nothing can be said. */
export function reachStatement(p: Publishable<Results>): string | null {
  const f = p.data.fidelity;
  if (!f) return null;
  const site = f.site;
  const program = f.schools.filter((s) => s.program_school);
  if (!program.length) return null;
  const where = `in ${plural(program.length, 'school', 'schools')}`;
  let first: string | null = null;
  if (f.recorded.family_id && site.families_visited !== null && site.display?.families_visited === undefined) first = `Teachers visited ${plural(site.families_visited, 'family', 'families')} ${where}`;
  else if (site.students_visited !== null && site.display?.students_visited === undefined) first = `Teachers visited the families of ${plural(site.students_visited, 'student', 'students')} ${where}`;
  // the count at the threshold over the schools whose flag the gate shows, and saying so when some are hidden
  const flags = program.map((s) => (s.display?.at_threshold === undefined ? s.at_threshold : null)).filter((x): x is boolean => x !== null);
  const threshold = percent(f.settings.reach_threshold);
  const of = flags.length === program.length ? plural(program.length, 'school', 'schools') : `the ${plural(flags.length, 'school', 'schools')} whose reach is shown`;
  const second = flags.length ? `${n(flags.filter((x) => x).length)} of ${of} visited at least ${threshold} of their students` : null;
  if (first && second) return `${first}; ${second}.`;
  if (first) return `${first}.`;
  return second ? `${second.charAt(0).toUpperCase()}${second.slice(1)}.` : null;
}

/** "The program cost $111,918 in 2016–17, $56 per completed visit and $84 per visited student (stipends as logged)." or null when no cost is shown. */
export function costStatement(p: Publishable<Results>): string | null {
  const c = p.data.cost;
  if (!c) return null;
  const ok = (field: 'total' | 'per_completed_visit' | 'per_visited_student', v: number | null): v is number => v !== null && c.display?.[field] === undefined;
  const year = schoolYear(p.data.outcome_year);
  const per: string[] = [];
  if (ok('per_completed_visit', c.per_completed_visit)) per.push(`${money(c.per_completed_visit, c.currency)} per completed visit`);
  if (ok('per_visited_student', c.per_visited_student)) per.push(`${money(c.per_visited_student, c.currency)} per visited student`);
  const basis = c.source === 'logged_stipends' ? 'stipends as logged' : `prices of ${c.price_year}, ${c.currency}`;
  const head = ok('total', c.total) ? `The program cost ${money(c.total, c.currency)}${year ? ` in ${year}` : ''}` : null;
  if (head) return `${head}${per.length ? `, ${per.join(' and ')}` : ''} (${basis}).`;
  if (!per.length) return null;
  return `The program cost ${per.join(' and ')}${year ? ` in ${year}` : ''} (${basis}).`;
}

/** The implementation statements that can be made, in order (reach, cost). */
export function implementationStatements(p: Publishable<Results>): string[] {
  return [reachStatement(p), costStatement(p)].filter((s): s is string => s !== null);
}
