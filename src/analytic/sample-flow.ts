import type { DuckDBConnection } from '@duckdb/node-api';
import type { AnalyticOptions } from './student-year-sql.js';
import { queryRows } from '../util/duckdb.js';

/** One counted step of the sample flow. */
export interface SampleFlowStep {
  step: string;
  students: number;
  visited: number;
  comparison: number;
}

/** Count the sample flow from student_year: enrolled, in a program school, enrolled ≥ min days, analytic. */
export async function sampleFlow(conn: DuckDBConnection, o: AnalyticOptions): Promise<SampleFlowStep[]> {
  const steps: { step: string; where: string }[] = [{ step: `Enrolled in ${o.outcomeYear - 1}–${String(o.outcomeYear).slice(2)}`, where: 'true' }];
  if (o.comparison === 'program_schools') {
    steps.push({ step: 'In a program school (≥ 1 completed visit that year)', where: 'in_program_school = 1' });
  }
  const prev = steps.map((s) => s.where).join(' AND ');
  steps.push({ step: `Enrolled at least ${o.minDaysEnrolled} days`, where: `${prev} AND enrolled_min_days = 1` });
  steps.push({ step: 'Analytic sample', where: 'analytic = 1' });
  let cumulative = 'true';
  const out: SampleFlowStep[] = [];
  for (const s of steps) {
    cumulative = s.step === 'Analytic sample' ? s.where : `${cumulative} AND ${s.where}`;
    const [row] = await queryRows<{ students: number; visited: number }>(
      conn,
      `SELECT count(*)::INTEGER AS students, coalesce(sum(visited), 0)::INTEGER AS visited FROM student_year WHERE ${cumulative}`,
    );
    out.push({ step: s.step, students: row!.students, visited: row!.visited, comparison: row!.students - row!.visited });
  }
  return out;
}
