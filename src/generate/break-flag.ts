import { BREAK_NAMES, type BreakName, type Breaks } from './practice-breaks.js';
import { InputError } from '../util/input-error.js';
import { nearestName } from '../util/nearest-name.js';

/**
 * Parse `--break` values (`SCH003:targeted,solo`, repeatable) into breaks by school id; a malformed value,
 * an unknown practice or a school named twice is an InputError of one sentence.
 */
export function parseBreakFlags(values: readonly string[]): Breaks {
  const out: Breaks = {};
  for (const raw of values) {
    const m = /^\s*([^:\s]+)\s*:\s*(.+?)\s*$/.exec(raw);
    if (!m) throw new InputError(`--break must be <school_id>:<break>[,<break>…], e.g. SCH003:targeted,solo (got "${raw}").`);
    const id = m[1]!.toUpperCase();
    if (out[id]) throw new InputError(`--break names ${id} twice; list all its breaks once, separated by commas (${id}:solo,no_reflection).`);
    const names = m[2]!.split(',').map((s) => s.trim());
    const list: BreakName[] = [];
    for (const n of names) {
      if (!(BREAK_NAMES as readonly string[]).includes(n)) {
        const near = nearestName(n, BREAK_NAMES);
        throw new InputError(`--break: "${n}" is not a break${near ? ` (did you mean "${near}"?)` : ''}; use ${BREAK_NAMES.join(', ')}.`);
      }
      if (!list.includes(n as BreakName)) list.push(n as BreakName);
    }
    out[id] = list;
  }
  return out;
}
