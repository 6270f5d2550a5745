/** Reject reason codes, in the fixed precedence of DATA_CONTRACT.md (a row gets the first that applies). */
export const REJECT_REASONS = [
  'malformed_row',
  'missing_required',
  'bad_date',
  'bad_number',
  'bad_bool',
  'unknown_code',
  'unknown_student',
  'date_outside_year',
  'out_of_range',
  'duplicate_key',
] as const;

export type RejectReason = (typeof REJECT_REASONS)[number];

/** One sentence per reason, for the report's data-quality section. */
export const REASON_TEXT: Record<RejectReason, string> = {
  malformed_row: 'the CSV line could not be parsed (wrong number of fields or bad quoting)',
  missing_required: 'a required value is empty',
  bad_date: 'a date could not be read with the expected format',
  bad_number: 'a number could not be read',
  bad_bool: 'a yes/no value was not one of true/false, 1/0, Y/N, yes/no',
  unknown_code: 'a code is neither canonical nor mapped in the pipeline file',
  unknown_student: 'the student is not in the students extract',
  date_outside_year: 'the date or year lies outside every school year in the students extract',
  out_of_range: 'a value lies outside its allowed range',
  duplicate_key: 'an earlier row has the same key',
};
