import type { CommandModule } from 'yargs';
import { generateDistrict } from '../generate/generate-district.js';
import { GeneratorOptionsSchema } from '../generate/generator-options.js';
import { stageLogger } from './stage-logger.js';
import { InputError } from '../util/input-error.js';
import { issueSentence } from '../util/issue-text.js';
import { parseBreakFlags } from '../generate/break-flag.js';
import { BREAK_NAMES } from '../generate/practice-breaks.js';

interface Args {
  out: string;
  students: number;
  schools: number;
  seed: number;
  year: number;
  dirty: number;
  attendance: 'daily' | 'summary';
  selection: number;
  break: string[];
  quiet: boolean;
}

/** `hve generate`: write a synthetic district with known true effects. */
export const generateCommand: CommandModule<object, Args> = {
  command: 'generate',
  describe: 'Generate a synthetic district (CSV extracts + truth.json) with known true effects',
  builder: (y) =>
    y
      .option('out', { type: 'string', demandOption: true, describe: 'output folder (replaced atomically)' })
      .option('students', { type: 'number', default: 5000, describe: 'students in the outcome year' })
      .option('schools', { type: 'number', default: 12, describe: 'schools (about 10% of them without a program)' })
      .option('seed', { type: 'number', default: 1, describe: 'random seed; the same seed writes byte-identical files' })
      .option('year', { type: 'number', default: 2017, describe: 'outcome year Y (the school year ending in Y)' })
      .option('dirty', { type: 'number', default: 0, describe: 'rate of injected bad rows (0–0.2)' })
      .option('attendance', { choices: ['daily', 'summary'] as const, default: 'daily' as const, describe: 'one row per student and school day, or one per student and year' })
      .option('selection', { type: 'number', default: 1, describe: 'strength of self-selection on prior attendance (0 = none)' })
      .option('break', {
        type: 'string',
        array: true,
        default: [] as string[],
        describe: `make a school break practices: <school_id>:<break>[,<break>…], repeatable (e.g. --break SCH003:targeted --break SCH007:solo,no_reflection); breaks: ${BREAK_NAMES.join(', ')}`,
      }) as never,
  handler: async (a) => {
    const log = stageLogger(a.quiet);
    if (a.break.length === 0 && process.argv.includes('--break')) throw new InputError('--break needs a value: <school_id>:<break>[,<break>…], e.g. SCH003:targeted,solo.');
    const parsed = GeneratorOptionsSchema.safeParse(
      { out: a.out, students: a.students, schools: a.schools, seed: a.seed, outcome_year: a.year, dirty: a.dirty, attendance: a.attendance, selection: a.selection, breaks: parseBreakFlags(a.break) },
      { reportInput: true },
    );
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      if (i.code === 'custom') throw new InputError(i.message);
      throw new InputError(issueSentence(`--${String(i.path[0]).replace('outcome_year', 'year')}`, i));
    }
    const r = await generateDistrict(parsed.data, log);
    process.stdout.write(`Generated ${a.students} students in ${a.schools} schools into ${r.dir} in ${r.seconds.toFixed(1)} s (truth.json holds the true effects).\n`);
  },
};
