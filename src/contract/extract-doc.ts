/** The per-extract part of the data contract: the column tables and row rules, generated from EXTRACT_SPECS. */
import { EXTRACT_SPECS, type ColumnSpec, type ExtractName, type ExtractSpec } from './extract-specs.js';
import { list, paragraph, type DocBlock } from './render-doc.js';

/** The extracts a pipeline names under `sources:` (attendance covers the daily and the summary shape). */
export const CONTRACT_EXTRACTS = ['students', 'visits', 'attendance', 'discipline', 'assessments', 'schools', 'educators'] as const;
export type ContractExtract = (typeof CONTRACT_EXTRACTS)[number];

interface ExtractIntro {
  required: boolean;
  grain: string;
  specs: { spec: ExtractName; title?: string; grain?: string }[];
  /** how the analysis uses the extract, as the code does it */
  use: string[];
}

const INTRO: Record<ContractExtract, ExtractIntro> = {
  students: {
    required: true,
    grain: 'one row per student × school × school year enrolled',
    specs: [{ spec: 'students' }],
    use: [
      'The school years present here are the years every other extract is checked against (`date_outside_year`), and its student_ids are the known students (`unknown_student`).',
      'A student enrolled in two schools in the outcome year belongs to the school where they have the most days enrolled in attendance (ties: the lowest school_id); the other rows are kept.',
      'Prior-year measures come from the year before the outcome year; a student without a students row in that year has no prior discipline measures.',
    ],
  },
  visits: {
    required: true,
    grain: 'one row per home visit, completed or not',
    specs: [{ spec: 'visits' }],
    use: [
      'A student is visited when they have at least one `completed` visit whose visit_date falls in the outcome year (a visit of another year is accepted but does not count).',
      'Program schools are the schools (visits.school_id) with at least one completed visit in the outcome year; by default (`comparison: program_schools`) the comparison group is the unvisited students of those schools.',
      'visit_type `relationship` and `academic` feed the descriptive dose analysis; the first visit date decides summer vs school-year timing.',
      'The practice fields (scheduled_date, visit_type, educator_ids or educator_count, compensated, stipend_amount, reflection_date, duration_min) feed the fidelity measures of the outcome year; a field that no completed visit of that year records is "not recorded", never 0% or 100%.',
    ],
  },
  attendance: {
    required: true,
    grain: 'daily rows (one per student × school day) or yearly summaries (one per student × school × year)',
    specs: [
      { spec: 'attendance_daily', title: 'attendance, daily', grain: 'one row per student × school day enrolled, whatever happened that day' },
      { spec: 'attendance_summary', title: 'attendance, summary', grain: 'one row per student × school × school year' },
    ],
    use: ['The attendance rules below say how days absent and days enrolled are counted.'],
  },
  discipline: {
    required: false,
    grain: 'one row per student × incident',
    specs: [{ spec: 'discipline' }],
    use: [
      'Without it, the behaviour outcomes are absent.',
      'incident_count counts the distinct incident_ids of a student in a school year (the year of incident_date); any incident is incident_count > 0.',
      'any suspension: at least one incident with action `in_school_suspension` or `out_of_school_suspension` (an expulsion is not counted as a suspension).',
    ],
  },
  assessments: {
    required: false,
    grain: 'one row per student × school year × subject tested',
    specs: [{ spec: 'assessments' }],
    use: [
      'Without it, the achievement outcomes are absent.',
      'Scores become z-scores within school year × subject × grade_tested, over every row with a scale_score; only `ela` and `math` are outcomes.',
      'Proficiency is the proficient flag when given, else performance_level ≥ `definitions.proficient_level` (default 3).',
    ],
  },
  schools: {
    required: false,
    grain: 'one row per school',
    specs: [{ spec: 'schools' }],
    use: ['Read and checked; the analysis takes the schools from the other extracts.'],
  },
  educators: {
    required: false,
    grain: 'one row per educator × school (× school year)',
    specs: [{ spec: 'educators' }],
    use: [
      'The roster of a school in the outcome year is its rows with that school_year or an empty one; rows of other years are accepted and not used. Its educator_ids are not checked against the visits.',
      'Fidelity: the share of a school\'s roster who made at least one completed visit in the outcome year (their id in visits.educator_ids of that school). Without it, that share is not reported.',
    ],
  },
};

const code = (v: string) => `\`${v}\``;

/** The "meaning and values" cell of a column: its description, codes, default and range. */
export function columnMeaning(col: ColumnSpec): string {
  const d = col.description ?? '';
  const parts = [d && !/[.!?]$/.test(d) ? `${d}.` : d];
  if (col.codes) parts.push(`Codes: ${col.codes.map(code).join(', ')}.`);
  if (col.default) parts.push(`Empty or absent: ${code(col.default)}.`);
  if (col.range) parts.push(`From ${col.range[0]} to ${col.range[1]}.`);
  return parts.filter(Boolean).join(' ');
}

/** The row rules of an extract spec beyond the column types: key, known student, school-year window, extra range rule. */
export function ruleItems(spec: ExtractSpec): string[] {
  const items = [
    `Key: ${spec.key.map(code).join(' + ')}. The first row with a key is kept; later rows with the same key are rejected as \`duplicate_key\`.`,
  ];
  if (spec.checkStudent) items.push('Every row must name a student_id of the students extract (else `unknown_student`).');
  for (const d of spec.windowDates) items.push(`${code(d)} must fall in a school year of the students extract (else \`date_outside_year\`).`);
  if (spec.windowYear) items.push(`${code(spec.windowYear)} must be a school year of the students extract (else \`date_outside_year\`).`);
  if (spec.outOfRange) items.push(`A row with ${code(spec.outOfRange)} is rejected as \`out_of_range\`.`);
  return items;
}

/** The column table of an extract spec. */
export function columnTable(spec: ExtractSpec): DocBlock {
  return {
    kind: 'table',
    head: ['column', 'type', 'required', 'meaning and values'],
    rows: spec.columns.map((c) => [code(c.name), c.type, c.required ? 'yes' : 'no', columnMeaning(c)]),
  };
}

/** The blocks of one extract's section: what a row is, the column tables, the row rules and how the analysis uses it. */
export function extractBlocks(extract: ContractExtract): DocBlock[] {
  const intro = INTRO[extract];
  const blocks: DocBlock[] = [
    { kind: 'heading', level: 2, text: `${extract} (${intro.required ? 'required' : 'optional'})` },
    paragraph(`${intro.grain[0]!.toUpperCase()}${intro.grain.slice(1)}.`),
  ];
  for (const s of intro.specs) {
    const spec = EXTRACT_SPECS[s.spec];
    if (s.title) blocks.push({ kind: 'heading', level: 3, text: s.title }, paragraph(`${s.grain![0]!.toUpperCase()}${s.grain!.slice(1)}.`));
    blocks.push(columnTable(spec), list(ruleItems(spec)));
  }
  blocks.push(paragraph('**How the analysis uses it.**'), list(intro.use));
  return blocks;
}
