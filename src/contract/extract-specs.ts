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
  /** what the column means, for docs/data-contract.md and `hve contract` */
  description?: string;
}

export type ExtractName =
  | 'students'
  | 'visits'
  | 'attendance_daily'
  | 'attendance_summary'
  | 'discipline'
  | 'assessments'
  | 'schools'
  | 'educators';

/** The row rules of one extract beyond its columns' own types, codes and ranges. */
export interface ExtractRules {
  /** the name used in messages, rejects files and results (attendance for both shapes); the extract's name when absent */
  label?: string;
  key: readonly string[];
  /** rows must name a student present in the students extract */
  knownStudent?: boolean;
  /** date columns that must fall inside a school-year window present in the students extract */
  windowDates?: readonly string[];
  /** a school_year column that must be one of the students extract's years */
  windowYear?: string;
  /** extra row rule: SQL over typed columns that is true when the row is out of range */
  outOfRange?: string;
}

export interface ExtractSpec {
  name: ExtractName;
  label: string;
  columns: readonly ColumnSpec[];
  key: readonly string[];
  checkStudent: boolean;
  windowDates: readonly string[];
  windowYear?: string;
  outOfRange?: string;
}

/** One extract's spec from its columns and rules, with the defaults filled in. */
function extract(name: ExtractName, columns: readonly ColumnSpec[], rules: ExtractRules): ExtractSpec {
  const { label = name, knownStudent = false, windowDates = [], ...rest } = rules;
  return { name, label, columns, checkStudent: knownStudent, windowDates, ...rest };
}

export const GRADE_CODES = ['pk', 'k', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
export const VISIT_TYPES = ['relationship', 'academic', 'other'] as const;
export const VISIT_STATUSES = ['completed', 'attempted', 'cancelled', 'declined'] as const;
export const ATTENDANCE_STATUSES = ['present', 'excused', 'unexcused', 'tardy', 'suspended'] as const;
export const DISCIPLINE_ACTIONS = ['referral', 'in_school_suspension', 'out_of_school_suspension', 'expulsion', 'other'] as const;
export const SUBJECTS = ['ela', 'math', 'science', 'social_studies', 'writing', 'other'] as const;

/** The required student_id column, the same in every extract that names a student. */
const studentId = (description: string): ColumnSpec => ({ name: 'student_id', type: 'id', required: true, description });
/** The required school_id column, the same in every extract that names a school. */
const schoolId = (description: string): ColumnSpec => ({ name: 'school_id', type: 'id', required: true, description });
/** The required school_year column of a yearly extract. */
/** The leading columns of an event log (visits, incidents): its own id, the student, the school and the day. */
const eventColumns = (id: [string, string], student: string, school: string, day: [string, string]): ColumnSpec[] => [
  { name: id[0], type: 'id', required: true, description: id[1] },
  studentId(student),
  schoolId(school),
  { name: day[0], type: 'date', required: true, description: day[1] },
];

const schoolYear = (description: string): ColumnSpec => ({ name: 'school_year', type: 'year', required: true, description });

const students = extract('students', [
  studentId('the student identifier the district uses, the same in every extract (Ed-Fi studentUniqueId)'),
  schoolId('the school of this enrolment (Ed-Fi schoolId)'),
  schoolYear('the school year of this enrolment (Ed-Fi schoolYear)'),
  { name: 'grade', type: 'code', required: true, codes: GRADE_CODES, description: 'grade level this year (Ed-Fi entryGradeLevel)' },
  { name: 'entry_date', type: 'date', description: 'first day enrolled this year (Ed-Fi entryDate)' },
  { name: 'exit_date', type: 'date', description: 'day the student left, if before the end of the year (Ed-Fi exitWithdrawDate)' },
  { name: 'gender', type: 'text', description: 'as the district records it; a covariate' },
  { name: 'race_ethnicity', type: 'text', description: 'as the district records it; a covariate and a subgroup' },
  { name: 'frl', type: 'bool', description: 'eligible for free or reduced-price lunch (economic disadvantage); a covariate and a subgroup' },
  { name: 'ell', type: 'bool', description: 'English learner; a covariate and a subgroup' },
  { name: 'swd', type: 'bool', description: 'student with a disability (IEP); a covariate and a subgroup' },
  { name: 'family_id', type: 'id', description: 'household: students who share it are one family' },
], { key: ['student_id', 'school_year', 'school_id'], outOfRange: 'entry_date > exit_date' });

const visits = extract('visits', [
  ...eventColumns(['visit_id', 'unique within the site'], 'the student whose family was visited', 'the school that made the visit; a school with a completed visit in the outcome year is a program school', ['visit_date', 'the day of the visit, or of the attempt']),
  { name: 'scheduled_date', type: 'date', description: 'the day the visit was arranged with the family' },
  { name: 'visit_type', type: 'code', codes: VISIT_TYPES, description: 'relationship: the first visit (hopes and dreams); academic: the second' },
  { name: 'status', type: 'code', codes: VISIT_STATUSES, default: 'completed', description: 'only completed visits count as treatment' },
  { name: 'educator_ids', type: 'text', description: 'visiting staff, separated by ; (two = a pair)' },
  { name: 'educator_count', type: 'int', range: [0, 20], description: 'number of visiting staff, when educator_ids is absent' },
  { name: 'reflection_date', type: 'date', description: 'when the visiting staff recorded their reflection' },
  { name: 'compensated', type: 'bool', description: 'staff were paid a stipend or comp time' },
  { name: 'stipend_amount', type: 'number', range: [0, 100000], description: 'cost of the visit' },
  { name: 'duration_min', type: 'number', range: [0, 1440], description: 'length of the visit in minutes' },
  { name: 'language', type: 'text', description: 'language of the visit' },
], { key: ['visit_id'], knownStudent: true, windowDates: ['visit_date'], outOfRange: "educator_count = 0 AND status = 'completed'" });

const attendanceDaily = extract('attendance_daily', [
  studentId('the student'),
  schoolId('the school the day belongs to'),
  { name: 'date', type: 'date', required: true, description: 'the school day' },
  { name: 'status', type: 'code', required: true, codes: ATTENDANCE_STATUSES, description: 'what happened that day (see the attendance rules)' },
  { name: 'duration', type: 'number', range: [0, 1], description: 'share of the day absent; empty counts a whole day (absent rows only)' },
], { label: 'attendance', key: ['student_id', 'date'], knownStudent: true, windowDates: ['date'] });

const attendanceSummary = extract('attendance_summary', [
  studentId('the student'),
  schoolId('the school the counts belong to'),
  schoolYear('the school year of the counts'),
  { name: 'days_enrolled', type: 'number', required: true, range: [0, 366], description: 'days enrolled at this school in this year' },
  { name: 'days_absent', type: 'number', required: true, range: [0, 366], description: 'days absent (excused, unexcused and suspended together)' },
  { name: 'days_excused', type: 'number', range: [0, 366], description: 'of which excused' },
  { name: 'days_unexcused', type: 'number', range: [0, 366], description: 'of which unexcused' },
  { name: 'days_suspended', type: 'number', range: [0, 366], description: 'of which out-of-school suspension' },
], { label: 'attendance', key: ['student_id', 'school_year', 'school_id'], knownStudent: true, windowYear: 'school_year', outOfRange: 'days_absent > days_enrolled' });

const discipline = extract('discipline', [
  ...eventColumns(['incident_id', 'the incident (Ed-Fi incidentIdentifier); several students may share it'], 'a student involved', 'the school of the incident', ['incident_date', 'the day of the incident (Ed-Fi incidentDate)']),
  { name: 'behavior', type: 'text', description: 'what happened, e.g. fighting, defiance (Ed-Fi behaviorDescriptor)' },
  { name: 'action', type: 'code', codes: DISCIPLINE_ACTIONS, description: 'the consequence (Ed-Fi disciplineDescriptor); in- and out-of-school suspensions count as a suspension' },
  { name: 'action_days', type: 'number', range: [0, 366], description: 'length of the action in school days (Ed-Fi actualDisciplineActionLength)' },
], { key: ['incident_id', 'student_id'], knownStudent: true, windowDates: ['incident_date'] });

const assessments = extract('assessments', [
  studentId('the student'),
  schoolYear('the school year of the test'),
  { name: 'subject', type: 'code', required: true, codes: SUBJECTS, description: 'the subject tested; ela and math are outcomes, the others are checked and kept' },
  { name: 'grade_tested', type: 'text', description: 'grade level tested (Ed-Fi whenAssessedGradeLevel); scores are standardised within it' },
  { name: 'scale_score', type: 'number', description: 'scale score (Ed-Fi scoreResults)' },
  { name: 'performance_level', type: 'int', range: [1, 10], description: 'performance level, 1 = lowest' },
  { name: 'proficient', type: 'bool', description: 'proficient; when empty, performance_level ≥ definitions.proficient_level' },
], { key: ['student_id', 'school_year', 'subject'], knownStudent: true, windowYear: 'school_year' });

const schools = extract('schools', [
  schoolId('the school, as in the other extracts'),
  { name: 'school_name', type: 'text', description: 'the school name' },
  { name: 'site', type: 'text', description: 'the program site' },
  { name: 'state', type: 'text', description: 'two-letter state' },
  { name: 'title1', type: 'bool', description: 'a Title I school' },
  { name: 'enrollment', type: 'int', range: [0, 100000], description: 'number of students enrolled' },
], { key: ['school_id'] });

const educators = extract('educators', [
  { name: 'educator_id', type: 'id', required: true, description: 'the staff member, as in visits.educator_ids' },
  schoolId('the school the educator works at'),
  { name: 'school_year', type: 'year', description: 'the school year of this roster row; empty means every year' },
  { name: 'role', type: 'text', description: 'e.g. teacher, counselor, classified staff' },
  { name: 'trained', type: 'bool', description: 'completed the home-visit training' },
], { key: ['educator_id', 'school_id', 'school_year'] });

export const EXTRACT_SPECS: Record<ExtractName, ExtractSpec> = {
  students,
  visits,
  attendance_daily: attendanceDaily,
  attendance_summary: attendanceSummary,
  discipline,
  assessments,
  schools,
  educators,
};
