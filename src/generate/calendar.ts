/** Breaks (MM-DD ranges, inclusive) with no instruction: Thanksgiving week, winter break, spring break. */
const BREAKS: [string, string][] = [['11-21', '11-27'], ['12-20', '12-31'], ['01-01', '01-03'], ['03-25', '03-31']];

/** Instructional days of a school year ending in `year`: 180 weekdays from the first Monday on or after Aug 20 of year−1, skipping breaks. */
export function schoolCalendar(year: number, days = 180): string[] {
  const d = new Date(Date.UTC(year - 1, 7, 20));
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  const out: string[] = [];
  while (out.length < days) {
    const dow = d.getUTCDay();
    const iso = d.toISOString().slice(0, 10);
    const mmdd = iso.slice(5);
    const onBreak = BREAKS.some(([a, b]) => mmdd >= a && mmdd <= b);
    if (dow !== 0 && dow !== 6 && !onBreak) out.push(iso);
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/** An ISO date `offset` days after `iso`. */
export function addDays(iso: string, offset: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}
