import { z } from 'zod';
import { CostsSchema } from '../cost/cost-schema.js';

/** One extract's source: where it is and how its headers and codes map to the canonical contract. */
/** Bytes of a DuckDB size such as 6GB, 4096MiB or 1.5 GB (KB/MB/GB/TB are powers of 1000, KiB/MiB/GiB/TiB of 1024). */
function sizeInBytes(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGTkmgt])(i?)[Bb]$/.exec(v);
  if (!m) return NaN;
  const power = 'KMGT'.indexOf(m[2]!.toUpperCase()) + 1;
  return Number(m[1]) * (m[3] ? 1024 : 1000) ** power;
}

export const SourceSchema = z
  .object({
    path: z.string().min(1).describe('CSV or Parquet file, or a glob; relative to the pipeline file'),
    format: z.enum(['auto', 'csv', 'parquet']).default('auto').describe('auto: by file extension'),
    delimiter: z.string().optional().describe('CSV delimiter; default: sniffed by DuckDB'),
    columns: z
      .record(z.string(), z.string())
      .default({})
      .describe('canonical column → source header; unnamed canonical columns are read from a header of the same name'),
    values: z
      .record(
        z.string(),
        // YAML reads No: false and 1: true as a boolean or a number: take them as the text they stand for
        z.record(z.string(), z.union([z.string(), z.boolean().transform(String), z.number().transform(String)]).nullable()),
      )
      .default({})
      .describe('canonical column → { source code: canonical value, or null for missing }; codes match case-insensitively; works on every coded, text and yes/no column; once a yes/no column maps a code to true or false, only its mapped codes are read'),
    date_format: z.string().optional().describe('strptime format for dates, e.g. "%m/%d/%Y"; default ISO YYYY-MM-DD'),
  })
  .strict();
export type Source = z.infer<typeof SourceSchema>;

/** The pipeline file: one evaluation of one site and outcome year. Every default is written here. */
export const PipelineSchema = z
  .object({
    name: z.string().min(1).describe('report title'),
    site: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/i, 'a short id of letters, digits, - or _')
      .describe('short site id'),
    state: z.string().optional().describe('two-letter state, optional'),
    outcome_year: z.number().int().min(1990).max(2100).describe('Y, the calendar year the school year ends; Y-1 is the baseline'),
    school_year_start: z
      .string()
      // a day of the year (29 February allowed): a month 00 or 30 February would fail later, blaming an extract
      .regex(/^(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2\d))$/, 'MM-DD, a day of the year')
      .default('07-01')
      .describe('first day (MM-DD) of a school-year window; the window of Y runs from this day in Y-1 to the day before it in Y'),
    seed: z.number().int().default(1).describe('seed for every random choice (matching ties, bootstraps)'),
    sources: z
      .object({
        students: SourceSchema,
        visits: SourceSchema,
        attendance: SourceSchema.extend({
          kind: z.enum(['auto', 'daily', 'summary']).default('auto').describe('auto: detected from the columns'),
        }),
        discipline: SourceSchema.optional(),
        assessments: SourceSchema.optional(),
        schools: SourceSchema.optional(),
        educators: SourceSchema.optional().describe('optional staff roster (educator_id, school_id, school_year, role, trained): the share of a school\'s educators who visited'),
        surveys: SourceSchema.extend({
          layout: z.enum(['auto', 'wide', 'long']).default('auto').describe('wide: one row per respondent and wave, one column per item; long: respondent_id, wave, item, response; auto: long when it has item and response columns'),
          waves: z.array(z.string().min(1)).min(1).optional().describe('the order of the wave labels, first = pre (e.g. [fall, spring]); needed when two or more waves are not dates'),
          free_text: z.array(z.string().min(1)).optional().describe('free-text columns (never published, only counted); default: a column named comments, comment or notes'),
        })
          .optional()
          .describe('optional teacher and parent survey responses (respondent_id, respondent_type, school_id, wave; educator_id for teachers, student_id or family_id for parents); needs surveys:'),
      })
      .strict(),
    definitions: z
      .object({
        chronic_threshold: z.number().gt(0).lt(1).default(0.1).describe('chronically absent when days_absent / days_enrolled ≥ this'),
        min_days_enrolled: z.number().int().min(1).default(10).describe('analytic sample: enrolled at least this many days in Y'),
        proficient_level: z.number().int().min(1).default(3).describe('proficient when performance_level ≥ this (a given flag wins)'),
      })
      .strict()
      .prefault({}),
    comparison: z
      .enum(['program_schools', 'all_schools'])
      .default('program_schools')
      .describe('program_schools: unvisited students in schools with ≥ 1 completed visit in Y'),
    analysis: z
      .object({
        methods: z
          .array(z.enum(['unadjusted', 'regression', 'matching', 'weighting']))
          .default(['unadjusted', 'regression', 'matching', 'weighting'])
          .describe('estimators to run; unadjusted always runs'),
        caliper_sd: z.number().positive().default(0.2).describe('matching caliper in SDs of logit(propensity score)'),
        exact: z.array(z.enum(['school_id', 'grade'])).default([]).describe('match exactly on these (e.g. [school_id, grade])'),
        trim: z.number().min(0).lt(0.5).nullable().default(null).describe('weighting: truncate propensity scores to [trim, 1 − trim]; null = no trimming'),
        cr2_below_clusters: z.number().int().min(2).default(40).describe('use CR2 with Satterthwaite df when there are fewer schools than this, else CR1'),
        school_visit_threshold: z.number().gt(0).lt(1).default(0.1).describe('school-level analysis: schools visiting at least this share of students (Sheldon & Jung 2018)'),
        min_schools_per_arm: z
          .number()
          .int()
          .min(1)
          .default(5)
          .describe('school-level analysis: with fewer schools than this on either side, show the group means and difference only (no SE, CI or p-value)'),
        subgroups: z.boolean().default(true).describe('estimate within grade band, EL, FRL, SWD, race/ethnicity and school, with interaction tests'),
      })
      .strict()
      .prefault({}),
    fidelity: z
      .object({
        reach_threshold: z.number().gt(0).lt(1).default(0.1).describe('a school reaches systematic implementation when it visited at least this share of its students (Sheldon & Jung 2018)'),
        reflection_days: z.number().int().min(0).default(14).describe('a reflection counts when recorded from 0 to this many days after the visit'),
        targeting_smd: z
          .number()
          .positive()
          .default(0.25)
          .describe('a school targets when its visited students were worse off than its other students by more than this standardized difference on a prior-year measure (and the difference is distinguishable from none)'),
        practice_threshold: z
          .number()
          .gt(0)
          .max(1)
          .default(0.8)
          .describe('a recorded practice share below this (e.g. fewer than 80% of visits in pairs) is listed as a practice not met'),
      })
      .strict()
      .prefault({})
      .describe('fidelity to the five core practices, reach and timing'),
    quality: z
      .object({
        max_reject_share: z
          .number()
          .min(0)
          .max(1)
          .default(0.02)
          .describe('stop the run when an extract rejects more than this share of its rows'),
        unknown_codes: z
          .enum(['stop', 'reject'])
          .default('stop')
          .describe('stop: any unknown code in a column that defines treatment or an outcome stops the run; reject: drop those rows as unknown_code and go on'),
        min_visit_match: z
          .number()
          .min(0)
          .max(1)
          .default(0.98)
          .describe('stop the run when fewer than this share of visit records name a student of the roster'),
      })
      .strict()
      .prefault({})
      .describe('data-quality gates: a run stops with one sentence before it publishes a silently wrong result'),
    privacy: z
      .object({
        min_cell: z.number().int().min(1).default(10).describe('suppress any statistic resting on fewer students'),
        secret_env: z.string().default('HVE_SITE_SECRET').describe('environment variable holding the pseudonym key'),
        top_bottom_code: z
          .tuple([z.number().gt(0).lt(0.5), z.number().gt(0.5).lt(1)])
          .nullable()
          .default(null)
          .describe('code yes/no group rates below the first or above the second value as "< x%" / "> y%" (e.g. [0.05, 0.95]); null = off'),
      })
      .strict()
      .prefault({}),
    costs: CostsSchema.optional(),
    surveys: z.array(z.string().min(1)).min(1).optional().describe('instrument YAML files (relative to the pipeline file) that name the scales and items of sources.surveys'),
    engine: z
      .object({
        memory_limit: z
          .string()
          .regex(/^(auto|\d+(\.\d+)?\s*[KMGTkmgt]i?[Bb])$/, 'auto or a size such as 6GB or 4096MiB')
          .refine((v) => v === 'auto' || sizeInBytes(v) >= 256 * 2 ** 20, 'at least 256MB (DuckDB cannot read an extract in less)')
          .default('auto')
          .describe('DuckDB memory_limit: beyond it DuckDB spills to temp_directory; auto = a quarter of the machine\'s (or container\'s) memory, 6 GiB of 24, leaving room for Node\'s own heap'),
        threads: z
          .union([z.literal('auto'), z.number().int().min(1).max(256)])
          .default('auto')
          .describe('DuckDB threads; auto = DuckDB\'s default (the number of cores); results are identical for any number'),
        temp_directory: z
          .string()
          .min(1)
          .default('auto')
          .describe('folder (relative to the pipeline file) in which DuckDB\'s spill folder hve-duckdb-<pid>-<random> is made and removed at the end; auto = the OS temp folder'),
      })
      .strict()
      .prefault({})
      .describe('the DuckDB engine: memory, threads and where it spills'),
    output: z.string().min(1).describe('output folder, relative to the pipeline file'),
  })
  .strict();

export type Pipeline = z.infer<typeof PipelineSchema>;
export type PipelineInput = z.input<typeof PipelineSchema>;
