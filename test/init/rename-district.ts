import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDb } from '../../src/util/duckdb.js';
import { lit } from '../../src/util/sql.js';

/** US date text (MM/DD/YYYY) of an ISO date column, as SQL. */
const us = (c: string) => `strftime(TRY_CAST(${c} AS DATE), '%m/%d/%Y')`;
/** A school year 2017 as the district writes it: 2016-17. */
const span = (c: string) => `(${c}::INTEGER - 1)::VARCHAR || '-' || right(${c}, 2)`;

/**
 * Each generated extract rewritten in one district's style: other file names, headers (StuID, SchoolCode,
 * AttDate, …), codes (PRS/UNX/EXC/TRD, KG/01, HV1/HV2, C/A/X/D, REF/ISS/OSS), US dates, 2016-17 years,
 * Yes/No/Unknown for FRL, plus a calendar file that is no extract.
 */
const FILES: { from: string; to: string; select: string }[] = [
  {
    from: 'students.csv',
    to: 'roster.csv',
    select: `student_id AS StuID, school_id AS SchoolCode, ${span('school_year')} AS SchoolYear,
      CASE grade WHEN 'K' THEN 'KG' ELSE lpad(grade, 2, '0') END AS Grade,
      ${us('entry_date')} AS EntryDate, ${us('exit_date')} AS ExitDate, gender AS Sex, race_ethnicity AS Ethnicity,
      CASE WHEN hash(student_id) % 50 = 0 THEN 'Unknown' WHEN frl = 'Y' THEN 'Yes' ELSE 'No' END AS FRL,
      ell AS LEP, swd AS SPED`,
  },
  {
    from: 'visits.csv',
    to: 'hv_log.csv',
    select: `visit_id AS VisitID, student_id AS StuID, school_id AS SchoolCode, ${us('visit_date')} AS VisitDate,
      ${us('scheduled_date')} AS ScheduledDate,
      CASE visit_type WHEN 'relationship' THEN 'HV1' WHEN 'academic' THEN 'HV2' ELSE 'Other' END AS VisitType,
      CASE status WHEN 'completed' THEN 'C' WHEN 'attempted' THEN 'A' WHEN 'cancelled' THEN 'X' WHEN 'declined' THEN 'D' END AS VisitStatus,
      educator_ids AS Staff, ${us('reflection_date')} AS ReflectionDate, compensated AS Paid, stipend_amount AS Stipend,
      duration_min AS Minutes, language AS Language`,
  },
  {
    from: 'attendance.csv',
    to: 'daily_attendance.csv',
    select: `student_id AS StuID, school_id AS SchoolCode, ${us('date')} AS AttDate,
      CASE status WHEN 'present' THEN 'PRS' WHEN 'unexcused' THEN 'UNX' WHEN 'excused' THEN 'EXC' WHEN 'tardy' THEN 'TRD' WHEN 'suspended' THEN 'OSS' END AS Code`,
  },
  {
    from: 'discipline.csv',
    to: 'incidents.csv',
    select: `incident_id AS IncidentNumber, student_id AS StuID, school_id AS SchoolCode, ${us('incident_date')} AS IncidentDate,
      behavior AS Offense,
      CASE action WHEN 'referral' THEN 'REF' WHEN 'in_school_suspension' THEN 'ISS' WHEN 'out_of_school_suspension' THEN 'OSS'
        WHEN 'expulsion' THEN 'EXP' ELSE 'Other' END AS Action, action_days AS ActionDays`,
  },
  {
    from: 'assessments.csv',
    to: 'test_scores.csv',
    select: `student_id AS StuID, ${span('school_year')} AS SchoolYear, CASE subject WHEN 'ela' THEN 'Reading' ELSE 'Math' END AS Subject,
      grade_tested AS TestGrade, scale_score AS ScaleScore, performance_level AS PerfLevel`,
  },
  { from: 'schools.csv', to: 'buildings.csv', select: `school_id AS SchoolCode, school_name AS SchoolName, site AS Site, state AS State` },
];

/** Rewrite a generated district (`hve generate` output in `from`) in the district's style into `to`. */
export async function renameDistrict(from: string, to: string): Promise<void> {
  mkdirSync(to, { recursive: true });
  const db = await openDb(':memory:', 1);
  try {
    for (const f of FILES) {
      const src = `read_csv(${lit(join(from, f.from))}, header = true, all_varchar = true)`;
      await db.conn.run(`COPY (SELECT ${f.select} FROM ${src}) TO ${lit(join(to, f.to))} (HEADER, DELIMITER ',')`);
    }
    const cal = `SELECT DISTINCT school_id AS SchoolCode, ${us('date')} AS CalDate FROM read_csv(${lit(join(from, 'attendance.csv'))}, header = true, all_varchar = true) ORDER BY 1, 2`;
    await db.conn.run(`COPY (${cal}) TO ${lit(join(to, 'calendar.csv'))} (HEADER, DELIMITER ',')`);
  } finally {
    db.close();
  }
}
