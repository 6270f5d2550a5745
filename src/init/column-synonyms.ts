/**
 * Header names districts use for the canonical columns, compared after `normaliseHeader` (so `Student_ID`,
 * `student id` and `STUDENTID` are all `studentid`). The canonical name itself always comes first; these follow,
 * in order of preference. Per-extract synonyms are tried before the common ones.
 */
import type { ExtractName } from '../contract/extract-specs.js';

/** Synonyms that mean the same column in every extract that has it. */
export const COMMON_SYNONYMS: Record<string, readonly string[]> = {
  student_id: [
    'studentid', 'stuid', 'studentnumber', 'studentno', 'studentnum', 'stunum', 'stuno', 'localid', 'localstudentid',
    'pupilid', 'pupilnumber', 'pupilno', 'studentuniqueid', 'studentkey', 'permid', 'permnum', 'sid', 'student',
  ],
  school_id: [
    'schoolid', 'schoolcode', 'schoolnumber', 'schoolno', 'schoolnum', 'schid', 'schcode', 'schoolkey', 'building',
    'buildingid', 'buildingcode', 'buildingnumber', 'siteid', 'sitecode', 'campusid', 'campus', 'locationid', 'school',
  ],
  school_year: ['schoolyear', 'sy', 'year', 'acadyear', 'academicyear', 'yr', 'endyear', 'schyear'],
  grade: ['grade', 'gradelevel', 'gr', 'grd', 'gradecode', 'currentgrade', 'entrygradelevel', 'enrollgrade'],
  entry_date: ['entrydate', 'enrolldate', 'enrollmentdate', 'enrollmentstartdate', 'startdate', 'enterdate', 'admitdate'],
  exit_date: ['exitdate', 'withdrawdate', 'withdrawaldate', 'exitwithdrawdate', 'leavedate', 'enrollmentenddate', 'enddate'],
  gender: ['gender', 'sex', 'gendercode'],
  race_ethnicity: ['raceethnicity', 'race', 'ethnicity', 'ethnic', 'racecode', 'ethnicitycode', 'federalrace'],
  frl: ['frl', 'frpl', 'frlstatus', 'freereduced', 'freereducedlunch', 'lunch', 'lunchstatus', 'econdis', 'economicallydisadvantaged', 'lowincome', 'ses'],
  ell: ['ell', 'el', 'lep', 'englishlearner', 'englishlanguagelearner', 'elstatus', 'ellstatus'],
  swd: ['swd', 'sped', 'iep', 'specialed', 'specialeducation', 'disability', 'studentwithdisability'],
  family_id: ['familyid', 'householdid', 'family', 'household', 'famid'],
};

/** Synonyms that depend on the extract (a bare `Date` or `Code` means something else in each). */
export const EXTRACT_SYNONYMS: Partial<Record<ExtractName, Record<string, readonly string[]>>> = {
  visits: {
    visit_id: ['visitid', 'visitnumber', 'visitno', 'homevisitid', 'hvid', 'visitkey'],
    visit_date: ['visitdate', 'dateofvisit', 'homevisitdate', 'hvdate', 'date'],
    scheduled_date: ['scheduleddate', 'scheduledate', 'appointmentdate', 'arrangeddate'],
    visit_type: ['visittype', 'type', 'hvtype', 'visitkind'],
    status: ['visitstatus', 'status', 'outcome', 'result'],
    educator_ids: ['educatorids', 'educators', 'staffids', 'staff', 'teacherids', 'teachers', 'visitors'],
    educator_count: ['educatorcount', 'staffcount', 'numeducators', 'numberofeducators'],
    reflection_date: ['reflectiondate', 'reflectdate'],
    compensated: ['compensated', 'paid', 'stipendpaid'],
    stipend_amount: ['stipendamount', 'stipend', 'cost', 'amount'],
    duration_min: ['durationmin', 'durationminutes', 'minutes', 'duration', 'visitlength', 'length'],
    language: ['language', 'lang', 'visitlanguage'],
  },
  attendance_daily: {
    date: ['attdate', 'attendancedate', 'absencedate', 'calendardate', 'schooldate', 'eventdate', 'day', 'date'],
    status: ['attendancecode', 'attcode', 'absencecode', 'attendancestatus', 'attstatus', 'code', 'mark', 'status'],
    duration: ['duration', 'portion', 'fraction', 'dayfraction', 'absentfraction'],
  },
  attendance_summary: {
    days_enrolled: ['daysenrolled', 'enrolleddays', 'daysinmembership', 'daysmembership', 'membershipdays', 'membership', 'dayspossible', 'possibledays'],
    days_absent: ['daysabsent', 'absentdays', 'daysabs', 'absences', 'totalabsences'],
    days_excused: ['daysexcused', 'excuseddays', 'excusedabsences', 'excused'],
    days_unexcused: ['daysunexcused', 'unexcuseddays', 'unexcusedabsences', 'unexcused'],
    days_suspended: ['dayssuspended', 'suspendeddays', 'suspensiondays', 'ossdays'],
  },
  discipline: {
    incident_id: ['incidentid', 'incidentnumber', 'incidentno', 'incident', 'referralid', 'eventid'],
    incident_date: ['incidentdate', 'dateofincident', 'referraldate', 'eventdate', 'date'],
    behavior: ['behavior', 'behaviour', 'behaviorcode', 'offense', 'offence', 'offensecode', 'infraction', 'violation'],
    action: ['action', 'actioncode', 'actiontaken', 'disciplineaction', 'consequence', 'disposition', 'resolution'],
    action_days: ['actiondays', 'actionlength', 'numdays', 'days', 'duration'],
  },
  assessments: {
    subject: ['subject', 'subjectarea', 'subjectcode', 'contentarea', 'content', 'testsubject', 'test'],
    grade_tested: ['gradetested', 'testedgrade', 'testgrade', 'gradeassessed', 'assessedgrade', 'grade', 'gradelevel'],
    scale_score: ['scalescore', 'scaledscore', 'score', 'ss', 'scorevalue'],
    performance_level: ['performancelevel', 'perflevel', 'achievementlevel', 'proficiencylevel', 'level', 'plevel'],
    proficient: ['proficient', 'isproficient', 'metstandard', 'met'],
  },
  schools: {
    school_name: ['schoolname', 'name', 'buildingname', 'sitename', 'campusname'],
    site: ['site', 'program', 'programsite'],
    state: ['state', 'st'],
    title1: ['title1', 'titlei', 'titleone', 'title1school'],
    enrollment: ['enrollment', 'enrolment', 'totalenrollment', 'students'],
  },
};

/** The normalised names a header may have for a canonical column of an extract, best first. */
export function synonymsFor(extract: ExtractName, column: string): string[] {
  const own = EXTRACT_SYNONYMS[extract]?.[column] ?? [];
  const common = COMMON_SYNONYMS[column] ?? [];
  return [...new Set([column.replace(/[^a-z0-9]/g, ''), ...own, ...common])];
}
