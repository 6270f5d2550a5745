import type { Results } from '../results/results-schema.js';

/** The words a report uses for its two groups: home visits (a pipeline run, or `hve compare --program home-visits`) or treatment vs. comparison. */
export interface GroupTerms {
  homeVisits: boolean;
  /** the treated group as an adjective or short noun: "visited" / "treatment" ("n visited", "visited − comparison") */
  treated: string;
  /** the same, capitalised, for table heads and chart legends */
  Treated: string;
  /** the treated students in a sentence */
  treatedStudents: string;
  /** the comparison students after "than" when the estimate is adjusted */
  similarComparison: string;
  /** the comparison students after "than" when it is not */
  comparisonStudents: string;
  /** what the treated group received, after "associated with" */
  intervention: string;
  /** why a raw difference is not an effect */
  selection: string;
  /** what standard errors are clustered by: "school", the cluster column, or null (none) */
  cluster: string | null;
}

/** The report's program wording: `definitions.program`, else home visits for a pipeline run and generic for an analytic file. */
export function isHomeVisitProgram(r: Pick<Results, 'definitions'>): boolean {
  return (r.definitions.program ?? (r.definitions.source === 'analytic_file' ? 'generic' : 'home_visits')) === 'home_visits';
}

/** The group words of these results. */
export function groupTerms(r: Pick<Results, 'definitions'>): GroupTerms {
  const pipeline = r.definitions.source !== 'analytic_file';
  const cluster = pipeline ? 'school' : r.definitions.cluster === undefined ? 'cluster' : r.definitions.cluster;
  if (isHomeVisitProgram(r)) {
    return {
      homeVisits: true,
      treated: 'visited',
      Treated: 'Visited',
      treatedStudents: 'students whose families received a home visit',
      similarComparison: 'similar students whose families did not',
      comparisonStudents: 'students whose families did not',
      intervention: 'home visits',
      selection: 'families chose whether to be visited',
      cluster,
    };
  }
  return {
    homeVisits: false,
    treated: 'treatment',
    Treated: 'Treatment',
    treatedStudents: 'students in the treatment group',
    similarComparison: 'similar students in the comparison group',
    comparisonStudents: 'students in the comparison group',
    intervention: 'the treatment',
    selection: 'the treatment was not assigned at random',
    cluster,
  };
}

/** A sentence's first letter in upper case. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
