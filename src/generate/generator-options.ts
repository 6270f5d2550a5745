import { z } from 'zod';
import { BREAK_NAMES } from './practice-breaks.js';
import { schoolId, isProgramSchool } from './district-model.js';

/** True effects of visits in the outcome year (on the treated), and how strongly families self-select. */
export const TrueEffectsSchema = z
  .object({
    absence_logit: z
      .number()
      .default(-0.12)
      .describe('shift of the daily absence log-odds for visited students; default calibrated to a chronic-absence OR near 0.79 (Sheldon & Jung 2018)'),
    incident_rate_ratio: z
      .number()
      .positive()
      .default(0.74)
      .describe('multiplier of the incident rate; default calibrated to any-incident 9.3% vs 12.2% (McKie et al. 2021)'),
    math_sd: z.number().default(0.03).describe('shift of math scale scores in within-grade SD units (McKie et al. 2021)'),
    ela_sd: z.number().default(0.05).describe('shift of ELA scale scores in within-grade SD units'),
  })
  .strict();

/** True program effects on the generated survey traits (trait SD units, spring wave): visiting teachers and visited parents. */
export const SurveyEffectsSchema = z
  .object({
    connection: z.number().default(0.5).describe("teachers' connection to students"),
    management: z.number().default(0.3).describe("teachers' classroom management"),
    satisfaction: z.number().default(0).describe("teachers' job satisfaction (no effect: a null the report must not call a finding)"),
    burnout: z.number().default(-0.3).describe("teachers' burnout (negative = less burnout)"),
    communication: z.number().default(0.4).describe("parents' communication with the school"),
    homework: z.number().default(0.25).describe("parents' understanding of homework"),
    participation: z.number().default(0.35).describe("parents' participation at school"),
  })
  .strict();

/** Everything `hve generate` can vary. */
export const GeneratorOptionsSchema = z
  .object({
    out: z.string().min(1),
    students: z.number().int().min(50).max(5_000_000).default(5000),
    schools: z.number().int().min(2).max(2000).default(12),
    seed: z.number().int().default(1),
    outcome_year: z.number().int().min(1990).max(2100).default(2017),
    dirty: z.number().min(0).max(0.2).default(0),
    attendance: z.enum(['daily', 'summary']).default('daily'),
    selection: z.number().min(0).max(5).default(1).describe('strength of self-selection on prior attendance (0 = none)'),
    effects: TrueEffectsSchema.prefault({}),
    survey_effects: SurveyEffectsSchema.prefault({}),
    breaks: z
      .record(z.string(), z.array(z.enum(BREAK_NAMES)).min(1))
      .default({})
      .describe('practice-breaking schools: school id → breaks, e.g. { SCH003: [targeted], SCH007: [solo, no_reflection] }'),
  })
  .strict()
  .superRefine((o, ctx) => {
    const ids = Array.from({ length: o.schools }, (_, s) => schoolId(s));
    for (const id of Object.keys(o.breaks)) {
      const s = ids.indexOf(id);
      if (s < 0) {
        const range = `${ids[0]} to ${ids[ids.length - 1]}`;
        ctx.addIssue({ code: 'custom', path: ['breaks'], input: id, message: `--break names school ${id}, which this district does not have (its schools are ${range}).` });
      } else if (!isProgramSchool(s, o.schools)) {
        ctx.addIssue({ code: 'custom', path: ['breaks'], input: id, message: `--break names ${id}, a school without a program (it makes no visits), so it cannot break a practice.` });
      }
    }
  });

export type GeneratorOptions = z.infer<typeof GeneratorOptionsSchema>;
export type TrueEffects = z.infer<typeof TrueEffectsSchema>;
