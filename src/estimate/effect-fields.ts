import type { ContrastResult } from '../results/results-schema.js';

/** The estimate, SE, CI and p of a model effect as finite numbers or nulls (with the reason in `notes`). */
export function effectFields(
  eff: { estimate: number; se: number; ci_low: number; ci_high: number; p_value: number } | null,
  notes: string[],
): Pick<ContrastResult, 'estimate' | 'se' | 'ci_low' | 'ci_high' | 'p_value'> {
  const f = (v: number | undefined, what: string) => {
    if (v === undefined) return null;
    if (Number.isFinite(v)) return v;
    if (!notes.includes(`${what} undefined`)) notes.push(`${what} undefined`);
    return null;
  };
  return {
    estimate: f(eff?.estimate, 'estimate'),
    se: f(eff?.se, 'SE'),
    ci_low: f(eff?.ci_low, 'CI'),
    ci_high: f(eff?.ci_high, 'CI'),
    p_value: f(eff?.p_value, 'p'),
  };
}
