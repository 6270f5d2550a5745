/** The outcomes of METHODS.md §2 with their domain, type and direction. */
export interface OutcomeDef {
  outcome: string;
  label: string;
  /** the Benjamini–Hochberg family: attendance, behavior or achievement here; any name in hve compare */
  domain: string;
  type: 'continuous' | 'binary' | 'count';
  lower_is_better: boolean;
  /** how to show a group mean: as a percentage, a number of days/incidents, or an SD-unit score */
  unit: 'percent' | 'days' | 'incidents' | 'sd' | 'value';
  /** the prior-year measure that is its baseline */
  baseline: string | null;
  needs: 'attendance' | 'discipline' | 'assessments' | 'none';
}

export const OUTCOMES: readonly OutcomeDef[] = [
  { outcome: 'attendance_rate', label: 'Attendance rate', domain: 'attendance', type: 'continuous', lower_is_better: false, unit: 'percent', baseline: 'prior_attendance_rate', needs: 'attendance' },
  { outcome: 'chronic_absence', label: 'Chronically absent', domain: 'attendance', type: 'binary', lower_is_better: true, unit: 'percent', baseline: 'prior_chronic_absence', needs: 'attendance' },
  { outcome: 'days_absent', label: 'Days absent', domain: 'attendance', type: 'count', lower_is_better: true, unit: 'days', baseline: 'prior_days_absent', needs: 'attendance' },
  { outcome: 'any_incident', label: 'Any discipline incident', domain: 'behavior', type: 'binary', lower_is_better: true, unit: 'percent', baseline: 'prior_any_incident', needs: 'discipline' },
  { outcome: 'incident_count', label: 'Discipline incidents', domain: 'behavior', type: 'count', lower_is_better: true, unit: 'incidents', baseline: 'prior_incident_count', needs: 'discipline' },
  { outcome: 'any_suspension', label: 'Any suspension', domain: 'behavior', type: 'binary', lower_is_better: true, unit: 'percent', baseline: 'prior_any_suspension', needs: 'discipline' },
  { outcome: 'ela_z', label: 'ELA score (z)', domain: 'achievement', type: 'continuous', lower_is_better: false, unit: 'sd', baseline: 'prior_ela_z', needs: 'assessments' },
  { outcome: 'math_z', label: 'Math score (z)', domain: 'achievement', type: 'continuous', lower_is_better: false, unit: 'sd', baseline: 'prior_math_z', needs: 'assessments' },
  { outcome: 'ela_proficient', label: 'Proficient in ELA', domain: 'achievement', type: 'binary', lower_is_better: false, unit: 'percent', baseline: 'prior_ela_proficient', needs: 'assessments' },
  { outcome: 'math_proficient', label: 'Proficient in math', domain: 'achievement', type: 'binary', lower_is_better: false, unit: 'percent', baseline: 'prior_math_proficient', needs: 'assessments' },
];
