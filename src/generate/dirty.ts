import type { Prng } from '../util/prng.js';
import { studentId, type SchoolModel, type StudentModel } from './district-model.js';

/** Injects realistic bad rows at a given rate and counts them by extract and expected reject reason. */
export class DirtyLog {
  readonly counts: Record<string, Record<string, number>> = {};

  constructor(
    private readonly rate: number,
    private readonly rng: Prng,
  ) {}

  /** With probability rate × weight, write a bad row (through `write`) and count it. */
  maybe(extract: string, reason: string, write: () => void, weight = 1): void {
    if (this.rate <= 0) return;
    if (this.rng.uniform() >= this.rate * weight) return;
    write();
    this.count(extract, reason);
  }

  private count(extract: string, reason: string): void {
    const e = (this.counts[extract] ??= {});
    e[reason] = (e[reason] ?? 0) + 1;
  }

  /** CSV lines appended to the attendance file: duplicates, unknown students, unknown codes, out-of-year dates. */
  attendanceRows(m: StudentModel, schools: SchoolModel[], cal: Record<number, string[]>, Y: number, kind: 'daily' | 'summary'): string {
    const lines: string[] = [];
    const n = Math.max(4, Math.round(this.rate * m.n));
    const pickStudent = () => {
      for (;;) {
        const i = this.rng.int(0, m.n - 1);
        if (m.switchDay[i]! < 0) return i;
      }
    };
    for (let k = 0; k < n; k++) {
      const i = pickStudent();
      const school = schools[m.school[i]!]!.id;
      const day = this.rng.int(m.firstDay[i]!, m.lastDay[i]!);
      const which = k % 4;
      if (kind === 'daily') {
        const date = cal[Y]![day]!;
        if (which === 0) lines.push(`${studentId(i)},${school},${date},present`), this.count('attendance', 'duplicate_key');
        if (which === 1) lines.push(`S9${studentId(i).slice(2)},${school},${date},present`), this.count('attendance', 'unknown_student');
        if (which === 2) lines.push(`${studentId(i)},${school},${date},ZZ`), this.count('attendance', 'unknown_code');
        if (which === 3) lines.push(`${studentId(i)},${school},${Y - 4}-01-1${this.rng.int(0, 9)},present`), this.count('attendance', 'date_outside_year');
      } else {
        const enrolled = m.lastDay[i]! - m.firstDay[i]! + 1;
        if (which === 0) lines.push(`${studentId(i)},${school},${Y},${enrolled},0`), this.count('attendance', 'duplicate_key');
        if (which === 1) lines.push(`S9${studentId(i).slice(2)},${school},${Y},${enrolled},0`), this.count('attendance', 'unknown_student');
        if (which === 2) lines.push(`${studentId(i)},${school},${Y},${enrolled},lots`), this.count('attendance', 'bad_number');
        if (which === 3) lines.push(`${studentId(i)},${school},${Y - 4},${enrolled},0`), this.count('attendance', 'date_outside_year');
      }
    }
    return lines.join('\n') + '\n';
  }
}
