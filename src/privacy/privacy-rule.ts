/** The privacy rule as printed in outputs. */
export function privacyRule(minCell: number): string {
  return `Any statistic resting on fewer than ${minCell} students (1 to ${minCell - 1}) is suppressed (primary), and so is a yes/no rate when fewer than ${minCell} students of the group had, or did not have, the outcome (the rate and n would reveal them); where a total is shown, a second cell is suppressed too (complementary), so that a suppressed count cannot be recovered by subtracting the shown cells from the shown total; a count hidden in one place is hidden in the other tables that would give it back (docs/privacy.md lists them).`;
}

/** Numerator rule: a rate of a group whose count with (or without) the outcome is 1 to k − 1 would reveal those students. */
export function smallNumerator(n: number | null, rate: number | null, k: number): boolean {
  if (n === null || rate === null) return false;
  const events = Math.round(n * rate);
  const small = (x: number) => x > 0 && x < k;
  return small(events) || small(n - events);
}

/** The numerator rule for a count outcome: a group's total (n × mean, e.g. incidents) of 1 to k − 1 would reveal the few students behind it. */
export function smallTotal(n: number | null, mean: number | null, k: number): boolean {
  if (n === null || mean === null) return false;
  const total = Math.round(n * mean);
  return total > 0 && total < k;
}
