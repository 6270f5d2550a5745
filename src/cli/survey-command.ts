import type { CommandModule } from 'yargs';
import { surveyFile } from '../survey/survey-file.js';
import { stageLogger } from './stage-logger.js';
import { InputError } from '../util/input-error.js';

interface Args {
  responses: string;
  instrument: string[];
  group?: string;
  'group-level'?: string;
  cluster?: string;
  layout: string;
  'respondent-type'?: string;
  out: string;
  'min-cell': number;
  title?: string;
  waves?: string;
  'free-text'?: string;
  quiet: boolean;
}

/** A comma-separated option as its non-empty values. */
const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

/** `hve survey`: survey psychometrics and group comparisons on a survey file alone (no district extracts). */
export const surveyCommand: CommandModule<object, Args> = {
  command: 'survey <responses>',
  describe: 'Reliability (Cronbach’s alpha, Feldt interval) and group comparisons of a teacher or parent survey file alone',
  builder: (y) =>
    y
      .positional('responses', { type: 'string', demandOption: true, describe: 'CSV or Parquet survey file, wide (one column per item) or long (respondent_id, wave, item, response)' })
      .option('instrument', { type: 'string', array: true, demandOption: true, describe: 'instrument YAML (repeatable), e.g. pipelines/instruments/teacher-short.yaml' })
      .option('group', { type: 'string', describe: 'a column with two values to compare (the level is --group-level, else the second in sort order)' })
      .option('group-level', { type: 'string', describe: 'the value of --group that is the program (level) group, e.g. yes; the other value is the reference' })
      .option('cluster', { type: 'string', describe: 'a column to cluster standard errors by (e.g. school_id)' })
      .option('layout', { type: 'string', default: 'auto', choices: ['auto', 'wide', 'long'], describe: 'wide or long; auto: long when the file has item and response columns' })
      .option('respondent-type', { type: 'string', choices: ['teacher', 'parent'], describe: 'who answered, for a file without a respondent_type column' })
      .option('out', { type: 'string', demandOption: true, describe: 'output folder (replaced atomically)' })
      .option('min-cell', { type: 'number', default: 10, describe: 'privacy: suppress statistics resting on fewer respondents than this' })
      .option('title', { type: 'string', describe: 'report title (default: "Survey results")' })
      .option('waves', { type: 'string', describe: 'the order of the wave labels, first = pre (e.g. fall,spring); needed when two or more waves are not dates' })
      .option('free-text', { type: 'string', describe: 'free-text columns, comma-separated (counted, never published); default: a column named comments, comment or notes' }) as never,
  handler: async (a) => {
    if (!Number.isInteger(a['min-cell']) || a['min-cell'] < 1) throw new InputError(`--min-cell expects a whole number of at least 1, got "${a['min-cell']}".`);
    const r = await surveyFile(
      {
        responses: a.responses,
        instruments: a.instrument,
        group: a.group ?? null,
        groupLevel: a['group-level'] !== undefined ? a['group-level'].trim() || null : null,
        cluster: a.cluster ?? null,
        layout: a.layout as 'auto',
        respondentType: (a['respondent-type'] as 'teacher' | 'parent' | undefined) ?? null,
        out: a.out,
        minCell: a['min-cell'],
        ...(a.title ? { title: a.title } : {}),
        waves: a.waves ? list(a.waves) : null,
        freeText: a['free-text'] !== undefined ? list(a['free-text']) : null,
      },
      { onStage: stageLogger(a.quiet) },
    );
    process.stdout.write(`${r.folder}\n`);
  },
};
