/**
 * The table daily attendance is ingested into: one row per student × school × school year of accepted days, with
 * days_enrolled (the accepted rows), days_absent, first_date and, per optional column, `missing_<col>` (accepted
 * rows without a value). The rows themselves are never stored: they are what the largest districts cannot afford.
 */
export const DAILY_GROUPS_TABLE = 'attendance_daily_groups';
