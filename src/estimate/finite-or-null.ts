/** A finite number, or null (recording why in `notes`) when it is NaN or infinite. */
export function finiteOrNull(value: number, notes: string[], why: string): number | null {
  if (Number.isFinite(value)) return value;
  if (!notes.includes(why)) notes.push(why);
  return null;
}
