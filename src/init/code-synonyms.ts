/**
 * Codes districts use for the canonical values of coded columns, compared after `normaliseHeader`
 * (`Out-of-School Suspension` is `outofschoolsuspension`). Keyed by `<spec>.<column>`; each canonical value
 * lists the source codes taken to mean it.
 */
export const CODE_SYNONYMS: Record<string, Record<string, readonly string[]>> = {
  'attendance_daily.status': {
    present: ['p', 'pr', 'prs', 'pres', 'present', 'here', 'attended'],
    unexcused: ['a', 'ab', 'abs', 'absent', 'u', 'ua', 'au', 'ux', 'unx', 'unex', 'unexc', 'unexcused', 'unexcusedabsence', 'absentunexcused'],
    excused: ['e', 'ea', 'ae', 'ex', 'exa', 'exc', 'excu', 'excused', 'excusedabsence', 'absentexcused'],
    tardy: ['t', 'tr', 'trd', 'tar', 'tdy', 'tardy', 'l', 'late', 'te', 'tu', 'tardyexcused', 'tardyunexcused'],
    suspended: ['s', 'su', 'sus', 'susp', 'oss', 'suspended', 'suspension', 'outofschoolsuspension'],
  },
  'visits.status': {
    completed: ['c', 'cmp', 'comp', 'complete', 'completed', 'done', 'held', 'visited', 'y', 'yes', 'successful', 'success'],
    attempted: ['a', 'att', 'atmp', 'attempt', 'attempted', 'noshow', 'ns', 'nothome', 'noanswer', 'unsuccessful'],
    cancelled: ['x', 'cx', 'can', 'canc', 'cncl', 'cancel', 'cancelled', 'canceled'],
    declined: ['d', 'dec', 'decl', 'decline', 'declined', 'refused', 'refusal', 'optout', 'optedout'],
  },
  'visits.visit_type': {
    relationship: ['r', 'rel', 'relation', 'relationship', 'relationshipbuilding', 'first', '1', '1st', 'v1', 'hv1', 'visit1', 'fall', 'hopesanddreams', 'hd'],
    academic: ['acad', 'aca', 'academic', 'academics', 'second', '2', '2nd', 'v2', 'hv2', 'visit2', 'spring', 'apt', 'academicpartnership'],
    other: ['o', 'oth', 'other'],
  },
  'discipline.action': {
    referral: ['r', 'ref', 'refer', 'referral', 'odr', 'officereferral', 'officedisciplinereferral', 'office'],
    in_school_suspension: ['iss', 'inschoolsuspension', 'inschool', 'insch'],
    out_of_school_suspension: ['oss', 's', 'sus', 'susp', 'suspension', 'suspended', 'outofschoolsuspension', 'outofschool'],
    expulsion: ['exp', 'expel', 'expelled', 'expulsion'],
    other: ['o', 'oth', 'other', 'det', 'detention', 'warning', 'conference', 'parentcontact'],
  },
  'assessments.subject': {
    ela: ['ela', 'english', 'englishlanguagearts', 'languagearts', 'la', 'rla', 'reading', 'read', 'rdg', 'literacy', 'elaliteracy'],
    math: ['math', 'maths', 'mathematics', 'mth', 'ma', 'mat'],
    science: ['science', 'sci', 'sc'],
    social_studies: ['socialstudies', 'soc', 'sst', 'history'],
    writing: ['writing', 'wri', 'wr', 'wrt'],
  },
};

/** Yes/no codes beyond the canonical words, for yes/no columns. */
export const BOOL_SYNONYMS: Record<'yes' | 'no', readonly string[]> = {
  yes: ['eligible', 'elig', 'free', 'reduced', 'freereduced', 'x'],
  no: ['noteligible', 'ineligible', 'notelig', 'paid', 'full', 'fullprice'],
};

/** Codes that mean the value is not known, mapped to missing (null) in optional columns. */
export const MISSING_CODES: readonly string[] = ['', 'u', 'unk', 'unknown', 'na', 'nil', 'null', 'none', 'missing', 'notreported', 'notspecified', 'unspecified', 'blank', 'undefined'];
