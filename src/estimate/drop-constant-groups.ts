/**
 * For logistic and Poisson models with fixed effects: rows of groups whose outcome never varies (all 0, or
 * all 1 for a yes/no outcome) predict the outcome perfectly and make the group's coefficient run off to
 * infinity. Like Stata's logit, drop those rows and say how many. Returns the kept-row mask and the counts.
 */
export function dropConstantGroups(
  rows: Uint8Array,
  y: Float64Array,
  group: Int32Array,
  binary: boolean,
): { rows: Uint8Array; droppedRows: number; droppedGroups: number } {
  const sum = new Map<number, number>();
  const count = new Map<number, number>();
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i]) continue;
    const g = group[i]!;
    sum.set(g, (sum.get(g) ?? 0) + y[i]!);
    count.set(g, (count.get(g) ?? 0) + 1);
  }
  const constant = new Set<number>();
  for (const [g, n] of count) {
    const s = sum.get(g)!;
    if (s === 0 || (binary && s === n)) constant.add(g);
  }
  if (constant.size === 0) return { rows, droppedRows: 0, droppedGroups: 0 };
  let dropped = 0;
  const kept = Uint8Array.from(rows, (r, i) => {
    if (r && constant.has(group[i]!)) {
      dropped++;
      return 0;
    }
    return r;
  });
  return { rows: kept, droppedRows: dropped, droppedGroups: constant.size };
}
