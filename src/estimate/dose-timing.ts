import type { AnalysisFrame } from './analysis-frame.js';
import type { OutcomeDef } from './outcomes.js';
import type { ContrastResult } from '../results/results-schema.js';
import { descriptiveContrast, valuesWhere } from './descriptive-contrast.js';

/**
 * Dose and timing as descriptive contrasts (families chose how many visits and when): 1 and 2+ visits vs. none;
 * relationship and academic visits vs. relationship only; a summer first visit vs. a school-year first visit.
 */
export function doseAndTiming(frame: AnalysisFrame, defs: readonly OutcomeDef[]): ContrastResult[] {
  const count = frame.numeric.visit_count!;
  const rel = frame.numeric.relationship_visit!;
  const acad = frame.numeric.academic_visit!;
  const summer = frame.numeric.summer_visit!;
  const out: ContrastResult[] = [];
  for (const def of defs) {
    const y = frame.numeric[def.outcome]!;
    const none = valuesWhere(y, (i) => count[i] === 0);
    out.push(descriptiveContrast('visits received', def, '1 visit', valuesWhere(y, (i) => count[i] === 1), 'no visit', none));
    out.push(descriptiveContrast('visits received', def, '2 or more visits', valuesWhere(y, (i) => count[i]! >= 2), 'no visit', none));
    out.push(
      descriptiveContrast(
        'visit types',
        def,
        'relationship and academic visits',
        valuesWhere(y, (i) => count[i]! > 0 && rel[i] === 1 && acad[i] === 1),
        'relationship visit only',
        valuesWhere(y, (i) => count[i]! > 0 && rel[i] === 1 && acad[i] === 0),
      ),
    );
    out.push(
      descriptiveContrast(
        'first-visit timing',
        def,
        'summer (before the first school day)',
        valuesWhere(y, (i) => count[i]! > 0 && summer[i] === 1),
        'during the school year',
        valuesWhere(y, (i) => count[i]! > 0 && summer[i] === 0),
      ),
    );
  }
  return out;
}
