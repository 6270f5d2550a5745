/** The `surveys` block of results.json (issue 12): teacher and parent survey psychometrics and group comparisons, as flat rows the privacy gate can hide values of. */
import { z } from 'zod';
import { NoteSchema, SE_TYPES } from './vocabulary.js';

const count = z.number().int().nonnegative().nullable();
const share = z.number().min(0).max(1).nullable();
const num = z.number().finite().nullable();
const display = z.record(z.string(), z.string()).optional().describe('what a report shows for a value the privacy gate hid: field → "fewer than 10", "suppressed"');

/** Who answered a survey. */
export const RESPONDENT_TYPES = ['teacher', 'parent'] as const;
export const RespondentTypeSchema = z.enum(RESPONDENT_TYPES);
export type RespondentType = z.infer<typeof RespondentTypeSchema>;

/** How a survey SE was computed: the project's SE types, and a paired t-test of within-respondent change. */
export const SURVEY_SE_TYPES = [...SE_TYPES, 'paired_t'] as const;
export const SurveySeTypeSchema = z.enum(SURVEY_SE_TYPES);

/** Why a survey response row was rejected. */
export const SURVEY_REJECT_REASONS = [
  'missing_required', // respondent_id, respondent_type, school_id or wave is empty
  'bad_respondent_type', // respondent_type is neither teacher nor parent
  'unknown_item', // long format: an item the instrument does not name
  'bad_number', // a response that is not a number
  'out_of_range', // a response outside the item's range
  'duplicate_respondent_wave', // a second row (wide) or a second answer to an item (long) of one respondent and wave
  'malformed_row', // a CSV line that could not be parsed
] as const;
export const SurveyRejectReasonSchema = z.enum(SURVEY_REJECT_REASONS);
export type SurveyRejectReason = z.infer<typeof SurveyRejectReasonSchema>;

/** One instrument file: its name and hash, and a warning per licensed scale whose items are not shipped. */
export const SurveyInstrumentSchema = z
  .object({
    name: z.string(),
    file: z.string().describe('the file name (no folder)'),
    file_sha256: z.string().regex(/^[0-9a-f]{64}$/),
    licensed_warnings: z.array(z.object({ scale: z.string(), label: z.string(), source: z.string() }).strict()).describe('licensed scales whose items are not shipped: the report warns'),
  })
  .strict();

/** Row accounting of the survey file(s): read = accepted + rejected; rows are respondent-waves (wide) or answers (long). */
export const SurveyRespondentsSchema = z
  .object({
    format: z.enum(['wide', 'long']),
    read: z.number().int().nonnegative(),
    accepted: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
    by_reason: z.partialRecord(SurveyRejectReasonSchema, z.number().int().nonnegative()),
    respondents: count.describe('distinct respondents with an accepted row; with groups, only those in a group or in a scale row (not the few without a group left out of every statistic)'),
    by_type: z
      .array(z.object({ respondent_type: RespondentTypeSchema, wave: z.string(), n: count, display }).strict())
      .describe('respondents per type and wave, counted as `respondents` is: the few without a group left out of the statistics are not counted here; sample sizes, published exactly by the gate (small ones too: a count of who answered reveals no answer)'),
  })
  .strict();

/** The share of an item's respondents who gave one response value; null when fewer than min_cell respondents gave it (or to protect such a share). */
export const ResponseShareSchema = z.object({ value: z.number().int(), share, display }).strict();

/** One item of a scale: mean (after reverse keying), item–rest correlation and alpha if dropped, from the complete cases of the scale. */
export const ItemStatSchema = z
  .object({
    item: z.string(),
    reversed: z.boolean(),
    text: z.string().nullable().optional().describe("the item as worded in the instrument file (its scale's wording:), or null"),
    n: count.describe('respondents who answered the item'),
    mean: num.describe('after reverse keying, over respondents who answered it'),
    item_rest_r: num,
    alpha_if_dropped: num,
    response_shares: z.array(ResponseShareSchema).describe('raw responses (before reverse keying), one per point of the range'),
    display,
  })
  .strict();

/** Reliability of one scale for one respondent type and wave. */
export const ScaleStatSchema = z
  .object({
    instrument: z.string(),
    scale: z.string(),
    label: z.string(),
    respondent_type: RespondentTypeSchema,
    wave: z.string(),
    range: z.tuple([z.number(), z.number()]),
    n: count.describe('respondents with a scale score'),
    n_complete: count.describe('respondents who answered every item (the listwise sample of alpha)'),
    items: z.number().int().positive(),
    alpha: num.describe("Cronbach's alpha (raw), complete cases"),
    alpha_ci_low: num.describe('Feldt (1965) 95% interval'),
    alpha_ci_high: num,
    low_alpha: z.boolean().nullable().describe('alpha < 0.70'),
    mean: num,
    sd: num,
    favourable: share.describe('share of respondents with a score ≥ the favourable threshold'),
    favourable_threshold: z.number(),
    higher_is_better: z.boolean().optional().describe("the scale's direction; false: the share ≥ the threshold is the unfavourable end (e.g. high burnout)"),
    n_without_group: count.optional().describe('with groups: scored respondents of this cell without a group (no educator_id, student_id or family_id, or no --group value); hidden below min_cell'),
    without_group_excluded: z.boolean().optional().describe('true: they were 1 to min_cell − 1 and are left out of every statistic of this row (else the row minus the groups would give their scores back)'),
    item_stats: z.array(ItemStatSchema),
    display,
  })
  .strict();
export type ScaleStat = z.infer<typeof ScaleStatSchema>;

/** How the groups were formed: program membership (hve run) or a two-valued column (hve survey --group). */
export const GroupingSchema = z
  .object({
    source: z.enum(['program', 'column']),
    column: z.string().nullable().describe('the --group column; null for program membership'),
    level: z.string().nullable().describe("the column's treated value; null for program membership, where rows name teachers 'visiting' / 'not_visiting' and parents 'visited' / 'not_visited'"),
    reference: z.string().nullable(),
    label: z
      .string()
      .nullable()
      .default(null)
      .describe('the comparison in words for a report: "visits: yes vs. no" (column: level vs. reference), or the program groups; null in results before 2.1.1'),
  })
  .strict();

/** The WWC baseline-equivalence check of a post-wave comparison on the same scale at the first wave. */
export const SurveyBaselineSchema = z
  .object({
    wave: z.string().nullable(),
    effect_size: num,
    band: z.enum(['satisfied', 'adjustment_required', 'not_satisfied', 'undefined']),
    verdict: z.enum(['meets_with_reservations', 'does_not_meet', 'not_assessed']),
    n_level: count,
    n_reference: count,
    display,
  })
  .strict();

/** The fields that name a scale of an instrument for one kind of respondent. */
const scaleOf = { instrument: z.string(), scale: z.string(), label: z.string(), respondent_type: RespondentTypeSchema };

/** The interval and test of a difference (a comparison, or a difference-in-differences). */
const interval = { se: num, df: num, ci_low: num, ci_high: num, p_value: num };

/** How the SE was made, the survey domain's BH decision, and what the gate hid. */
const testTail = {
  se_type: SurveySeTypeSchema.nullable(),
  clusters: z.number().int().nullable(),
  bh_p_value: num.describe('Benjamini–Hochberg within the survey domain (the comparisons after the first wave and the changes; null at the baseline wave of a survey with several waves)'),
  bh_significant: z.boolean().nullable(),
};

/** One group comparison of a scale score at one wave: level − reference. */
export const SurveyComparisonSchema = z
  .object({
    ...scaleOf,
    wave: z.string(),
    group_level: z.string(),
    group_reference: z.string(),
    higher_is_better: z.boolean(),
    n_level: count,
    n_reference: count,
    mean_level: num,
    mean_reference: num,
    sd_level: num,
    sd_reference: num,
    favourable_level: share,
    favourable_reference: share,
    estimate: num.describe('level minus reference, scale points'),
    ...interval,
    effect_size: num.describe("Hedges' g"),
    ...testTail,
    baseline: SurveyBaselineSchema.nullable().describe('null at the first wave or with a single wave'),
    suppressed: z.boolean(),
    display,
    notes: z.array(NoteSchema),
  })
  .strict();
export type SurveyComparison = z.infer<typeof SurveyComparisonSchema>;

/** Pre/post change among respondents present in both waves (paired), per group, and the difference-in-differences. */
export const SurveyChangeSchema = z
  .object({
    ...scaleOf,
    wave_pre: z.string(),
    wave_post: z.string(),
    group_level: z.string(),
    group_reference: z.string(),
    higher_is_better: z.boolean(),
    n_level: count.describe('respondents of the level group with a score in both waves'),
    n_reference: count,
    change_level: num.describe('mean of post − pre'),
    change_level_ci_low: num,
    change_level_ci_high: num,
    change_reference: num,
    change_reference_ci_low: num,
    change_reference_ci_high: num,
    change_level_se_type: SurveySeTypeSchema.nullable().default(null).describe("the per-group change's CI: cluster-robust by school (cr2_satterthwaite, cr1_t) when the group has respondents in enough schools, else paired_t"),
    change_level_clusters: z.number().int().nullable().default(null),
    change_reference_se_type: SurveySeTypeSchema.nullable().default(null),
    change_reference_clusters: z.number().int().nullable().default(null),
    estimate: num.describe('difference-in-differences: change_level − change_reference'),
    ...interval,
    ...testTail,
    suppressed: z.boolean(),
    unpaired: z
      .object({
        level: z.array(z.number().int().nonnegative()),
        reference: z.array(z.number().int().nonnegative()),
        all: z.array(z.number().int().nonnegative()),
      })
      .strict()
      .optional()
      .describe(
        'for the privacy gate only, which removes it (never published): per group, its first-wave respondents outside its panel, its later-wave respondents outside it, and panel members who moved into the group; for all groups together the first two',
      ),
    display,
    notes: z.array(NoteSchema),
  })
  .strict();
export type SurveyChange = z.infer<typeof SurveyChangeSchema>;

/** Group means of one scale in one school (descriptive, no test). */
export const SurveySchoolRowSchema = z
  .object({
    school_id: z.string(),
    instrument: z.string(),
    scale: z.string(),
    respondent_type: RespondentTypeSchema,
    wave: z.string(),
    n_level: count,
    n_reference: count,
    mean_level: num,
    mean_reference: num,
    estimate: num,
    display,
  })
  .strict();

/** The visit-count bands of visiting teachers: completed visits in Y. */
export const VISIT_BANDS = [
  { band: '1–2', min: 1, max: 2 },
  { band: '3–5', min: 3, max: 5 },
  { band: '6+', min: 6, max: null },
] as const;

/** Visiting teachers who answered one wave, by their number of completed visits in Y (hve run only). */
export const TeacherVisitsSchema = z
  .object({
    wave: z.string(),
    teachers: count.describe('visiting teachers who answered this wave (respondents)'),
    bands: z.array(
      z
        .object({
          band: z.enum(['1–2', '3–5', '6+']),
          min: z.number().int().positive(),
          max: z.number().int().positive().nullable(),
          n: count.describe('visiting teachers of this wave with a number of completed visits in [min, max]'),
          display,
        })
        .strict(),
    ),
    median_visits: num.describe('median completed visits of these teachers; hidden below min_cell teachers'),
    display,
  })
  .strict();
export type TeacherVisits = z.infer<typeof TeacherVisitsSchema>;

/** The surveys block. */
export const SurveyResultsSchema = z
  .object({
    instruments: z.array(SurveyInstrumentSchema),
    respondents: SurveyRespondentsSchema,
    free_text_respondents: count.describe('respondents who wrote in a free-text column; the text is never published'),
    free_text_display: display,
    grouping: GroupingSchema.nullable().describe('null: no grouping (hve survey without --group): psychometrics only'),
    waves: z.array(z.string()).describe('in order; the first is the pre wave of changes'),
    scales: z.array(ScaleStatSchema),
    comparisons: z.array(SurveyComparisonSchema),
    changes: z.array(SurveyChangeSchema),
    by_school: z.array(SurveySchoolRowSchema),
    teacher_visits: z.array(TeacherVisitsSchema).default([]).describe('per wave, visiting teachers who answered it by completed visits in Y (hve run); empty without program groups'),
  })
  .strict();
export type SurveyResults = z.infer<typeof SurveyResultsSchema>;
