/** `hve survey`: psychometrics and group comparisons on a survey file alone, written as results.json, CSVs and a report through the privacy gate. */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { z } from 'zod';
import { openDb } from '../util/duckdb.js';
import { InputError } from '../util/input-error.js';
import { SCHEMA_VERSION, type Results } from '../results/results-schema.js';
import { privacyRule, type Publishable } from '../privacy/privacy-gate.js';
import { publishFolder } from '../run/publish-folder.js';
import { fileDefinitions, fileProvenance } from '../run/file-provenance.js';
import { loadInstrument } from './load-instrument.js';
import { surveyStage } from './survey-stage.js';
import { writeSurveyRejects } from './survey-rejects.js';

/** The options of `hve survey`. */
export const SurveyFileOptionsSchema = z
  .object({
    responses: z.string().min(1),
    instruments: z.array(z.string().min(1)).min(1),
    group: z.string().min(1).nullable().default(null),
    groupLevel: z.string().min(1).nullable().default(null).describe('the value of --group that is the level (program) group; null: the second in sort order'),
    cluster: z.string().min(1).nullable().default(null),
    layout: z.enum(['auto', 'wide', 'long']).default('auto'),
    respondentType: z.enum(['teacher', 'parent']).nullable().default(null).describe('for a file without a respondent_type column'),
    out: z.string().min(1),
    minCell: z.number().int().min(1).default(10),
    title: z.string().default('Survey results'),
    minClustersPerArm: z.number().int().min(2).default(5),
    waves: z.array(z.string().min(1)).min(1).nullable().default(null).describe('the order of the wave labels, first = pre'),
    freeText: z.array(z.string().min(1)).nullable().default(null).describe('free-text columns; null: comments, comment or notes'),
  })
  .strict();
export type SurveyFileOptions = z.input<typeof SurveyFileOptionsSchema>;

/**
 * Read the survey file and instruments, run the survey stage (groups from --group, clusters from --cluster), build a
 * minimal Results with the `surveys` block and write it through the privacy gate into `out`.
 */
export async function surveyFile(input: SurveyFileOptions, opts: { now?: Date; onStage?: (m: string) => void } = {}): Promise<{ folder: string; publishable: Publishable<Results> }> {
  const o = SurveyFileOptionsSchema.parse(input);
  if (o.groupLevel !== null && o.group === null) throw new InputError('--group-level names a value of --group, so it needs --group <column>.');
  const log = opts.onStage ?? (() => {});
  const file = resolve(o.responses);
  if (!existsSync(file)) throw new InputError(`The survey file ${o.responses} does not exist.`, { file: o.responses });
  const instruments = o.instruments.map((p) => loadInstrument(resolve(p), p));
  const db = await openDb();
  try {
    const surveys = await surveyStage(db.conn, {
      file,
      shownAs: o.responses,
      layout: o.layout,
      columns: {},
      // a file exported from another system may have no school, wave or respondent type: one of each
      fill: { school_id: '(none)', wave: '(single wave)', ...(o.respondentType ? { respondent_type: o.respondentType } : {}) },
      missingHint: { respondent_type: 'give who answered with --respondent-type teacher or --respondent-type parent' },
      freeText: o.freeText,
      waves: o.waves,
      minCell: o.minCell,
      instruments,
      grouping: o.group ? { kind: 'column', column: o.group, cluster: o.cluster, level: o.groupLevel } : null,
      rule: { clustered: o.cluster !== null, minClustersPerArm: o.minClustersPerArm, cr2Below: 40 },
    });
    const r = surveys.respondents;
    log(`survey: read ${r.read} rows of ${basename(file)}, accepted ${r.accepted}, rejected ${r.rejected}; ${surveys.scales.length} scale × wave rows, ${surveys.comparisons.length} comparisons`);
    const raw: Results = {
      schema_version: SCHEMA_VERSION,
      name: o.title,
      site: 'survey',
      state: null,
      outcome_year: null,
      generated_at: (opts.now ?? new Date()).toISOString(),
      provenance: await fileProvenance(db.conn, 'hve survey', o, 1, file, {
        extract: 'surveys', kind: r.format, rows_read: r.read, rows_accepted: r.accepted, rows_rejected: r.rejected, rejected_by_reason: r.by_reason as Record<string, number>,
      }),
      definitions: fileDefinitions({
        comparison: o.group ? `respondents with ${o.group}: ${surveys.grouping?.reference}` : 'no groups compared',
        visited: o.group ? `respondents with ${o.group}: ${surveys.grouping?.level}` : 'no groups compared',
        program: 'generic',
        cluster: o.cluster,
      }),
      privacy: { min_cell: o.minCell, rule: privacyRule(o.minCell), top_bottom_code: null },
      sample_flow: [],
      outcomes: [],
      surveys,
      suppression_log: [],
    };
    // rejects/surveys.csv beside the published files, as hve run writes rejects/<extract>.csv (restricted)
    const { folder, publishable: gated } = await publishFolder(raw, o.minCell, o.out, async (tmp) => {
      await writeSurveyRejects(db.conn, join(tmp, 'rejects'), basename(file));
    });
    log(`survey: wrote ${folder}`);
    return { folder, publishable: gated };
  } finally {
    db.close();
  }
}
