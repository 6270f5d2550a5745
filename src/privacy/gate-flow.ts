import type { SampleFlowRow } from '../results/results-schema.js';
import type { Suppressor } from './suppressor.js';

const CELLS = ['students', 'visited', 'comparison'] as const;

/**
 * Gate the sample flow: counts of 1 to k − 1 are hidden; so is a count that, with the nearest shown count of a
 * later step, would reveal 1 to k − 1 excluded students; then, in a row with one hidden part, the other part
 * (students = visited + comparison), and in a row with a hidden total, both parts. Each row also gets
 * `excluded` (students left out since the step above), hidden when 1 to k − 1.
 */
export function gateFlow(rows: readonly SampleFlowRow[], s: Suppressor): SampleFlowRow[] {
  const out = rows.map((r) => ({ ...r }));
  // differencing: two shown counts of adjacent shown steps must not differ by 1 to k − 1 (the excluded students).
  // The last step (the analytic sample) is shown everywhere (every estimate's n), so it stays, and the earlier count
  // goes: walk up from the last step, comparing each count with the nearest shown one below it.
  for (const c of CELLS) {
    let below: number | null = null;
    for (let step = rows.length - 1; step >= 0; step--) {
      const v = rows[step]![c];
      if (v === null) continue;
      if (below !== null && s.small(v - below)) {
        s.hide(out[step]!, c, { table: 'sample_flow', cell: `${rows[step]!.step} / ${c}`, path: `/sample_flow/${step}` }, 'primary', 'small_difference');
      } else below = v;
    }
  }
  out.forEach((r, step) => {
    const at = { table: 'sample_flow', cell: r.step, path: `/sample_flow/${step}` };
    for (const c of CELLS) if (s.small(rows[step]![c])) s.hide(r, c, { ...at, cell: `${r.step} / ${c}` }, 'primary', 'small_group', s.fewer);
    const prev = step > 0 ? rows[step - 1]! : null;
    const hiddenParts = [r.visited, r.comparison].filter((v) => v === null).length;
    if (r.students !== null && hiddenParts === 1) {
      const other = r.visited === null ? 'comparison' : 'visited';
      s.hide(r, other, { ...at, cell: `${r.step} / ${other}` }, 'complementary', 'protects_part');
    } else if (r.students === null && hiddenParts === 0) {
      s.hide(r, 'visited', { ...at, cell: `${r.step} / visited` }, 'complementary', 'protects_total');
      s.hide(r, 'comparison', { ...at, cell: `${r.step} / comparison` }, 'complementary', 'protects_total');
    }
    // excluded since the step above, from the raw counts; hidden when small or when either count is hidden
    if (prev && prev.students !== null && rows[step]!.students !== null && r.excluded === undefined) {
      r.excluded = prev.students - rows[step]!.students!;
      if (s.small(r.excluded)) s.hide(r, 'excluded', { ...at, cell: `${r.step} / excluded` }, 'primary', 'small_group', s.fewer);
      else if (r.students === null || out[step - 1]!.students === null) s.hide(r, 'excluded', { ...at, cell: `${r.step} / excluded` }, 'complementary', 'protects_count');
    }
  });
  return out;
}
