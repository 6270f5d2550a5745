import type { Results } from '../results/results-schema.js';

/**
 * Level names come from the data: a mis-mapped column (an ID in race_ethnicity) makes every student a level of its
 * own, and its name would be printed. A level of a subgroup or a categorical covariate held by 1 to k − 1 students
 * in all is renamed "other level N (fewer than k students)" before anything is gated or logged (schools keep their
 * IDs: a school ID names no student).
 */
export function relabelRareLevels(raw: Results, k: number): Results {
  const names = new Map<string, string>();
  const label = (group: string, level: string) => {
    const key = `${group}\u0000${level}`;
    if (!names.has(key)) names.set(key, `other level ${[...names.keys()].filter((x) => x.startsWith(`${group}\u0000`)).length + 1} (fewer than ${k} students)`);
    return names.get(key)!;
  };
  const small = (n: number) => n > 0 && n < k;
  const subgroups = raw.subgroups?.map((c) =>
    c.analysis !== 'school' && c.n_level !== null && c.n_reference !== null && small(c.n_level + c.n_reference) ? { ...c, level: label(c.analysis, c.level) } : c,
  );
  // a covariate level's students: its share of each group times the group's n
  const balance = raw.balance?.map((b) => ({
    ...b,
    rows: b.rows.map((r) => {
      const m = r.name.match(/^([^:]+): (.+)$/);
      if (!m || !r.binary || m[1] === 'school_id' || r.n_treated === null || r.n_comparison === null || r.mean_treated === null || r.mean_comparison === null) return r;
      const n = Math.round(r.n_treated * r.mean_treated + r.n_comparison * r.mean_comparison);
      return small(n) ? { ...r, name: `${m[1]}: ${label(m[1]!, m[2]!)}` } : r;
    }),
  }));
  return { ...raw, subgroups, balance };
}
