/** The canonical extracts of DATA_CONTRACT.md as data: columns, types, codes, keys and which rules apply. */

export type ColumnType = 'id' | 'text' | 'code' | 'date' | 'bool' | 'int' | 'number' | 'year';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required?: boolean;
  /** canonical codes for type 'code' (lowercase) */
  codes?: readonly string[];
  /** value used when the column is absent or empty (only for codes, e.g. status → completed) */
  default?: string;
  /** inclusive numeric range; outside it the row is rejected as out_of_range */
  range?: readonly [number, number];
}

export type ExtractName =
  | 'students'
  | 'visits'
  | 'attendance_daily'
  | 'attendance_summary'
  | 'discipline'
  | 'assessments'
  | 'schools';

export interface ExtractSpec {
  name: ExtractName;
  /** the name used in messages, rejects files and results (attendance for both shapes) */
  label: string;
  columns: readonly ColumnSpec[];
  key: readonly string[];
  /** rows must name a student present in the students extract */
  checkStudent: boolean;
  /** date columns that must fall inside a school-year window present in the students extract */
  windowDates: readonly string[];
  /** a school_year column that must be one of the students extract's years */
  windowYear?: string;
  /** extra row rule: SQL over typed columns that is true when the row is out of range */
  outOfRange?: string;
}

export const GRADE_CODES = ['pk', 'k', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
export const VISIT_TYPES = ['relationship', 'academic', 'other'] as const;
export const VISIT_STATUSES = ['completed', 'attempted', 'cancelled', 'declined'] as const;
export const ATTENDANCE_STATUSES = ['present', 'excused', 'unexcused', 'tardy', 'suspended'] as const;
export const DISCIPLINE_ACTIONS = ['referral', 'in_school_suspension', 'out_of_school_suspension', 'expulsion', 'other'] as const;

const students: ExtractSpec = {
  name: 'students',
  label: 'students',
  columns: [
    { name: 'student_id', type: 'id', required: true },
    { name: 'school_id', type: 'id', required: true },
    { name: 'school_year', type: 'year', required: true },
    { name: 'grade', type: 'code', required: true, codes: GRADE_CODES },
    { name: 'entry_date', type: 'date' },
    { name: 'exit_date', type: 'date' },
    { name: 'gender', type: 'text' },
    { name: 'race_ethnicity', type: 'text' },
    { name: 'frl', type: 'bool' },
    { name: 'ell', type: 'bool' },
    { name: 'swd', type: 'bool' },
  ],
  key: ['student_id', 'school_year', 'school_id'],
  checkStudent: false,
  windowDates: [],
  outOfRange: 'entry_date > exit_date',
};

const visits: ExtractSpec = {
  name: 'visits',
  label: 'visits',
  columns: [
    { name: 'visit_id', type: 'id', required: true },
    { name: 'student_id', type: 'id', required: true },
    { name: 'school_id', type: 'id', required: true },
    { name: 'visit_date', type: 'date', required: true },
    { name: 'scheduled_date', type: 'date' },
    { name: 'visit_type', type: 'code', codes: VISIT_TYPES },
    { name: 'status', type: 'code', codes: VISIT_STATUSES, default: 'completed' },
    { name: 'educator_ids', type: 'text' },
    { name: 'educator_count', type: 'int', range: [0, 20] },
    { name: 'reflection_date', type: 'date' },
    { name: 'compensated', type: 'bool' },
    { name: 'stipend_amount', type: 'number', range: [0, 100000] },
    { name: 'duration_min', type: 'number', range: [0, 1440] },
    { name: 'language', type: 'text' },
  ],
  key: ['visit_id'],
  checkStudent: true,
  windowDates: ['visit_date'],
};

const attendanceDaily: ExtractSpec = {
  name: 'attendance_daily',
  label: 'attendance',
  columns: [
    { name: 'student_id', type: 'id', required: true },
    { name: 'school_id', type: 'id', required: true },
    { name: 'date', type: 'date', required: true },
    { name: 'status', type: 'code', required: true, codes: ATTENDANCE_STATUSES },
    { name: 'duration', type: 'number', range: [0, 1] },
  ],
  key: ['student_id', 'date'],
  checkStudent: true,
  windowDates: ['date'],
};

const attendanceSummary: ExtractSpec = {
  name: 'attendance_summary',
  label: 'attendance',
  columns: [
    { name: 'student_id', type: 'id', required: true },
    { name: 'school_id', type: 'id', required: true },
    { name: 'school_year', type: 'year', required: true },
    { name: 'days_enrolled', type: 'number', required: true, range: [0, 366] },
    { name: 'days_absent', type: 'number', required: true, range: [0, 366] },
    { name: 'days_excused', type: 'number', range: [0, 366] },
    { name: 'days_unexcused', type: 'number', range: [0, 366] },
    { name: 'days_suspended', type: 'number', range: [0, 366] },
  ],
  key: ['student_id', 'school_year', 'school_id'],
  checkStudent: true,
  windowDates: [],
  windowYear: 'school_year',
  outOfRange: 'days_absent > days_enrolled',
};

const discipline: ExtractSpec = {
  name: 'discipline',
  label: 'discipline',
  columns: [
    { name: 'incident_id', type: 'id', required: true },
    { name: 'student_id', type: 'id', required: true },
    { name: 'school_id', type: 'id', required: true },
    { name: 'incident_date', type: 'date', required: true },
    { name: 'behavior', type: 'text' },
    { name: 'action', type: 'code', codes: DISCIPLINE_ACTIONS },
    { name: 'action_days', type: 'number', range: [0, 366] },
  ],
  key: ['incident_id', 'student_id'],
  checkStudent: true,
  windowDates: ['incident_date'],
};

const assessments: ExtractSpec = {
  name: 'assessments',
  label: 'assessments',
  columns: [
    { name: 'student_id', type: 'id', required: true },
    { name: 'school_year', type: 'year', required: true },
    { name: 'subject', type: 'text', required: true },
    { name: 'grade_tested', type: 'text' },
    { name: 'scale_score', type: 'number' },
    { name: 'performance_level', type: 'int', range: [1, 10] },
    { name: 'proficient', type: 'bool' },
  ],
  key: ['student_id', 'school_year', 'subject'],
  checkStudent: true,
  windowDates: [],
  windowYear: 'school_year',
};

const schools: ExtractSpec = {
  name: 'schools',
  label: 'schools',
  columns: [
    { name: 'school_id', type: 'id', required: true },
    { name: 'school_name', type: 'text' },
    { name: 'site', type: 'text' },
    { name: 'state', type: 'text' },
    { name: 'title1', type: 'bool' },
    { name: 'enrollment', type: 'int', range: [0, 100000] },
  ],
  key: ['school_id'],
  checkStudent: false,
  windowDates: [],
};

export const EXTRACT_SPECS: Record<ExtractName, ExtractSpec> = {
  students,
  visits,
  attendance_daily: attendanceDaily,
  attendance_summary: attendanceSummary,
  discipline,
  assessments,
  schools,
};
