/** The privacy gate of the `surveys` block: every count rests on respondents, and a hidden one is protected from the totals and partners that would give it back. */
import type { SurveyResults } from '../results/survey-results-schema.js';
import type { Suppressor, At } from './suppressor.js';

type Comparison = SurveyResults['comparisons'][number];
type Change = SurveyResults['changes'][number];
type School = SurveyResults['by_school'][number];
type Scale = SurveyResults['scales'][number];
type Item = Scale['item_stats'][number];
type TeacherVisits = SurveyResults['teacher_visits'][number];

const COMPARISON_FIELDS = [
  'n_level', 'n_reference', 'mean_level', 'mean_reference', 'sd_level', 'sd_reference', 'favourable_level', 'favourable_reference',
  'estimate', 'se', 'df', 'ci_low', 'ci_high', 'p_value', 'effect_size', 'bh_p_value', 'bh_significant',
] as const;
const CHANGE_FIELDS = [
  'n_level', 'n_reference', 'change_level', 'change_level_ci_low', 'change_level_ci_high', 'change_reference', 'change_reference_ci_low',
  'change_reference_ci_high', 'estimate', 'se', 'df', 'ci_low', 'ci_high', 'p_value', 'bh_p_value', 'bh_significant',
] as const;
const SCHOOL_FIELDS = ['n_level', 'n_reference', 'mean_level', 'mean_reference', 'estimate'] as const;
const SCALE_FIELDS = ['n', 'n_complete', 'alpha', 'alpha_ci_low', 'alpha_ci_high', 'low_alpha', 'mean', 'sd', 'favourable', 'n_without_group'] as const;
const ITEM_FIELDS = ['n', 'mean', 'item_rest_r', 'alpha_if_dropped'] as const;

/** Hide the listed fields of a row, showing "fewer than k" for a small count and "suppressed" for the rest. */
function hideAll<T extends { display?: Record<string, string> | undefined }>(row: T, fields: readonly (keyof T & string)[], s: Suppressor, at: At, rule: 'primary' | 'complementary', reason: 'small_group' | 'protects_part'): void {
  for (const f of fields) {
    const v = row[f];
    s.hide(row, f, at, rule, reason, f.startsWith('n_') || f === 'n' ? (s.small(v as number | null) ? s.fewer : 'suppressed') : 'suppressed');
  }
}

/** A share of n whose numerator or its complement is 1 to k − 1. */
function smallShare(p: number | null, n: number | null, s: Suppressor): boolean {
  if (p === null || n === null) return false;
  const x = Math.round(p * n);
  return s.small(x) || s.small(n - x);
}

/** Hide an item's response shares of 1 to k − 1 respondents, a partner when one alone is hidden, and then its mean (which with the shares gives them back). */
function gateItem(it: Item, s: Suppressor, at: At): boolean {
  if (s.small(it.n)) {
    hideAll(it, ITEM_FIELDS, s, at, 'primary', 'small_group');
    it.response_shares.forEach((r, j) => s.hide(r, 'share', { ...at, cell: `${at.cell} = ${r.value}`, path: `${at.path}/response_shares/${j}` }, 'primary', 'small_group'));
    return true;
  }
  const n = it.n;
  const count = (p: number | null) => (p === null || n === null ? null : Math.round(p * n));
  const atShare = (j: number) => ({ ...at, cell: `${at.cell} = ${it.response_shares[j]!.value}`, path: `${at.path}/response_shares/${j}` });
  let hidden = 0;
  it.response_shares.forEach((r, j) => {
    if (s.small(count(r.share))) {
      s.hide(r, 'share', atShare(j), 'primary', 'small_numerator', s.fewer);
      hidden++;
    }
  });
  if (hidden === 1) {
    const partner = it.response_shares
      .map((r, j) => ({ r, j }))
      .filter(({ r }) => r.share !== null && r.share > 0)
      .sort((a, b) => a.r.share! - b.r.share!)[0];
    if (partner) s.hide(partner.r, 'share', atShare(partner.j), 'complementary', 'protects_part');
  }
  if (hidden) s.hide(it, 'mean', at, 'complementary', 'protects_part');
  return hidden > 0;
}

/** Gate one scale's reliability row: a small n hides the row, a small complete-case n hides alpha and the item statistics. */
function gateScale(sc: Scale, s: Suppressor, at: At): void {
  const items = (j: number) => ({ ...at, cell: `${at.cell} / ${sc.item_stats[j]!.item}`, path: `${at.path}/item_stats/${j}` });
  if (s.small(sc.n)) {
    hideAll(sc, SCALE_FIELDS, s, at, 'primary', 'small_group');
    sc.item_stats.forEach((it, j) => {
      hideAll(it, ITEM_FIELDS, s, items(j), 'primary', 'small_group');
      it.response_shares.forEach((r, k) => s.hide(r, 'share', { ...items(j), path: `${items(j).path}/response_shares/${k}` }, 'primary', 'small_group'));
    });
    return;
  }
  // respondents without a group: 1 to k − 1 were left out of the row (survey/ungrouped.ts); their count shows "fewer than k"
  if (s.small(sc.n_without_group)) s.hide(sc, 'n_without_group', at, 'primary', 'small_group', s.fewer);
  if (s.small(sc.n_complete)) {
    for (const f of ['n_complete', 'alpha', 'alpha_ci_low', 'alpha_ci_high', 'low_alpha'] as const) s.hide(sc, f, at, 'primary', 'small_group', f === 'n_complete' ? s.fewer : 'suppressed');
    sc.item_stats.forEach((it, j) => {
      for (const f of ['item_rest_r', 'alpha_if_dropped'] as const) s.hide(it, f, items(j), 'primary', 'small_group');
    });
  }
  if (smallShare(sc.favourable, sc.n, s)) s.hide(sc, 'favourable', at, 'primary', 'small_numerator');
  // 1 to k − 1 scored respondents skipped an item: items × the scale's n·mean minus the items' sums gives their answers
  // back (the item n's tell which items they skipped), so the items with fewer respondents than the scale are hidden
  const partial = sc.n !== null && sc.n_complete !== null ? sc.n - sc.n_complete : null;
  if (s.small(partial)) {
    sc.item_stats.forEach((it, j) => {
      if (it.n === null || it.n >= sc.n!) return;
      for (const f of ['mean', 'item_rest_r', 'alpha_if_dropped'] as const) s.hide(it, f, items(j), 'primary', 'small_group');
      it.response_shares.forEach((r, k) => s.hide(r, 'share', { ...items(j), cell: `${items(j).cell} = ${r.value}`, path: `${items(j).path}/response_shares/${k}` }, 'primary', 'small_group'));
    });
  }
  const withHiddenMean = sc.item_stats.map((it, j) => gateItem(it, s, items(j)));
  // with every item answered, the scale mean is the mean of the item means: one hidden item mean needs a partner
  if (withHiddenMean.filter(Boolean).length === 1) {
    const j = sc.item_stats.findIndex((it, i) => !withHiddenMean[i] && it.mean !== null);
    if (j >= 0) s.hide(sc.item_stats[j]!, 'mean', items(j), 'complementary', 'protects_part');
  }
}

/** A two-group row with a group of 1 to k − 1 respondents is hidden whole (the other group with the scale's total would give it back). */
function gateTwoGroup<T extends Comparison | Change>(row: T, fields: readonly string[], s: Suppressor, at: At): void {
  if (s.small(row.n_level) || s.small(row.n_reference)) {
    hideAll(row as never, fields as never, s, at, 'primary', 'small_group');
    if ('baseline' in row && row.baseline) {
      hideAll(row.baseline, ['n_level', 'n_reference', 'effect_size'], s, { ...at, path: `${at.path}/baseline` }, 'primary', 'small_group');
    }
    row.suppressed = true;
    return;
  }
  if ('favourable_level' in row) {
    const c = row as Comparison;
    if (smallShare(c.favourable_level, c.n_level, s)) s.hide(c, 'favourable_level', at, 'primary', 'small_numerator');
    if (smallShare(c.favourable_reference, c.n_reference, s)) s.hide(c, 'favourable_reference', at, 'primary', 'small_numerator');
  }
  if ('baseline' in row && row.baseline && (s.small(row.baseline.n_level) || s.small(row.baseline.n_reference))) {
    hideAll(row.baseline, ['n_level', 'n_reference', 'effect_size'], s, { ...at, path: `${at.path}/baseline` }, 'primary', 'small_group');
  }
}

/** A group's statistic and its partner's and the scale row's: [scale field, level field, reference field]. */
const PARTNERED = [
  ['favourable', 'favourable_level', 'favourable_reference'],
  ['mean', 'mean_level', 'mean_reference'],
  ['sd', 'sd_level', 'sd_reference'],
] as const;

/**
 * The scale row of a wave is the total of its two groups (respondents without a group are 0 or min_cell or more,
 * survey/ungrouped.ts): when one group's statistic is hidden, the partner group's is hidden too (else the scale row
 * minus the shown group gives it back), and when the scale row's is hidden, both groups' are (else their sum gives it
 * back). A hidden group mean also hides the difference, its interval and g (mean minus difference is the other mean).
 */
function gatePartners(c: Comparison, sc: Scale | undefined, s: Suppressor, at: At): void {
  if (c.suppressed) return;
  const row = c as unknown as Record<string, unknown>;
  const hidden = (r: { display?: Record<string, string> | undefined }, f: string) => (r as Record<string, unknown>)[f] === null && r.display?.[f] !== undefined;
  for (const [total, level, reference] of PARTNERED) {
    const scaleHidden = sc !== undefined && hidden(sc, total);
    if (scaleHidden || hidden(c, level) || hidden(c, reference)) {
      for (const f of [level, reference] as const) if (row[f] !== null) s.hide(c, f, at, 'complementary', 'protects_part');
    }
  }
  if (hidden(c, 'mean_level') || hidden(c, 'mean_reference')) {
    for (const f of ['estimate', 'se', 'df', 'ci_low', 'ci_high', 'p_value', 'effect_size', 'bh_p_value', 'bh_significant'] as const) s.hide(c, f, at, 'complementary', 'protects_part');
  }
}

/**
 * A change row rests on the panel of each group: its first-wave group's sum minus (the later wave's group sum minus
 * the panel's change sum) is the sum of the first-wave respondents outside the panel, and so on. Where a group's
 * respondents outside its panel (first wave only, later wave only, or moved into the group) are 1 to k − 1, that
 * group's change is hidden, and with it the difference-in-differences; where all groups together leave 1 to k − 1
 * outside the panel, both are. `unpaired` is the stage's count for this rule, and is removed here.
 */
function gatePanel(c: Change, s: Suppressor, at: At): void {
  const u = c.unpaired;
  delete c.unpaired;
  if (c.suppressed || !u) return;
  const all = u.all.some((x) => s.small(x));
  const hideLevel = all || u.level.some((x) => s.small(x));
  const hideReference = all || u.reference.some((x) => s.small(x));
  if (hideLevel) for (const f of ['change_level', 'change_level_ci_low', 'change_level_ci_high'] as const) s.hide(c, f, at, 'primary', 'small_group');
  if (hideReference) for (const f of ['change_reference', 'change_reference_ci_low', 'change_reference_ci_high'] as const) s.hide(c, f, at, 'primary', 'small_group');
  if (hideLevel || hideReference) for (const f of ['estimate', 'se', 'df', 'ci_low', 'ci_high', 'p_value', 'bh_p_value', 'bh_significant'] as const) s.hide(c, f, at, 'complementary', 'protects_part');
}

/**
 * Schools: a school whose level or reference group has 1 to k − 1 respondents is hidden whole (a school with three
 * visiting teachers shows nothing of them). The site's group n and mean minus the shown schools give back the hidden
 * schools' group together, so for each group (level, reference) whose hidden respondents total 1 to k − 1, shown
 * schools with respondents of that group (n > 0: a school without any protects nothing) are hidden too, the
 * smallest that brings the total to k first, until it is k or more. The school rows of a group partition the scale
 * row too (a school without respondents of the group adds 0), so where no shown school is left to bring a group's
 * hidden total to k, the whole by-school table of that scale × wave is hidden.
 */
function gateSchools(rows: School[], s: Suppressor): void {
  const families = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const k = `${r.instrument}\u0001${r.scale}\u0001${r.respondent_type}\u0001${r.wave}`;
    families.set(k, [...(families.get(k) ?? []), i]);
  });
  const at = (i: number) => ({ table: 'surveys by school', cell: `${rows[i]!.school_id} / ${rows[i]!.scale} / ${rows[i]!.respondent_type} / ${rows[i]!.wave}`, path: `/surveys/by_school/${i}` });
  for (const idx of families.values()) {
    // counts before hiding: a hidden row's counts become null
    const n = new Map(idx.map((i) => [i, { n_level: rows[i]!.n_level ?? 0, n_reference: rows[i]!.n_reference ?? 0 }]));
    const hidden = new Set(idx.filter((i) => s.small(rows[i]!.n_level) || s.small(rows[i]!.n_reference)));
    const primary = [...hidden];
    for (const g of ['n_level', 'n_reference'] as const) {
      let total = [...hidden].reduce((t, i) => t + n.get(i)![g], 0);
      while (s.small(total)) {
        const need = s.k - total;
        const shown = idx.filter((i) => !hidden.has(i) && n.get(i)![g] > 0).sort((a, b) => n.get(a)![g] - n.get(b)![g] || a - b);
        if (!shown.length) {
          for (const i of idx) hidden.add(i);
          break;
        }
        const partner = shown.find((i) => n.get(i)![g] >= need) ?? shown[shown.length - 1]!;
        hidden.add(partner);
        total += n.get(partner)![g];
      }
    }
    for (const i of primary) hideAll(rows[i]!, SCHOOL_FIELDS, s, at(i), 'primary', 'small_group');
    for (const i of hidden) if (!primary.includes(i)) hideAll(rows[i]!, SCHOOL_FIELDS, s, at(i), 'complementary', 'protects_part');
  }
}

/**
 * Visiting teachers by visit-count band, per wave: fewer than k teachers in the wave hides the row (count, bands and
 * median). Otherwise a band of 1 to k − 1 teachers is hidden, and since the bands add up to the wave's count, shown
 * bands with teachers are hidden too, the smallest that brings the hidden total to k first, until it is k or more;
 * the median is shown (it rests on k or more teachers).
 */
function gateTeacherVisits(rows: TeacherVisits[], s: Suppressor): void {
  rows.forEach((w, i) => {
    const at = { table: 'survey visiting teachers', cell: `${w.wave}`, path: `/surveys/teacher_visits/${i}` };
    const band = (j: number) => ({ ...at, cell: `${w.wave} / ${w.bands[j]!.band} visits`, path: `${at.path}/bands/${j}` });
    if (s.small(w.teachers)) {
      s.hide(w, 'teachers', at, 'primary', 'small_group', s.fewer);
      s.hide(w, 'median_visits', at, 'primary', 'small_group');
      w.bands.forEach((b, j) => s.hide(b, 'n', band(j), 'primary', 'small_group', s.small(b.n) ? s.fewer : 'suppressed'));
      return;
    }
    const n = w.bands.map((b) => b.n ?? 0);
    const hidden = new Set(w.bands.map((b, j) => (s.small(b.n) ? j : -1)).filter((j) => j >= 0));
    const primary = [...hidden];
    let total = primary.reduce((t, j) => t + n[j]!, 0);
    while (s.small(total)) {
      const need = s.k - total;
      const shown = n.map((x, j) => ({ x, j })).filter(({ x, j }) => !hidden.has(j) && x > 0).sort((a, b) => a.x - b.x || a.j - b.j);
      if (!shown.length) break;
      const partner = shown.find(({ x }) => x >= need) ?? shown[shown.length - 1]!;
      hidden.add(partner.j);
      total += partner.x;
    }
    for (const j of primary) s.hide(w.bands[j]!, 'n', band(j), 'primary', 'small_group', s.fewer);
    for (const j of hidden) if (!primary.includes(j)) s.hide(w.bands[j]!, 'n', band(j), 'complementary', 'protects_part');
  });
}

/** Gate the `surveys` block (a copy; the input is not changed). */
export function gateSurvey(input: SurveyResults | undefined, s: Suppressor): SurveyResults | undefined {
  if (!input) return undefined;
  const r: SurveyResults = structuredClone(input);
  // respondent counts (distinct, and by type and wave) are sample sizes, published exactly (docs/privacy.md, "Surveys"):
  // a count of people who answered reveals no answer, and the row accounting (accepted) and the scale rows would give
  // a hidden one back
  if (s.small(r.free_text_respondents)) {
    r.free_text_respondents = null;
    r.free_text_display = { free_text_respondents: s.fewer };
    s.log.push({ table: 'survey respondents', cell: 'free text', rule: 'primary', reason: 'small_group', path: '/surveys/free_text_respondents', display: s.fewer });
  }
  r.scales.forEach((sc, i) => gateScale(sc, s, { table: 'survey scales', cell: `${sc.scale} / ${sc.respondent_type} / ${sc.wave}`, path: `/surveys/scales/${i}` }));
  r.comparisons.forEach((c, i) => gateTwoGroup(c, COMPARISON_FIELDS, s, { table: 'survey comparisons', cell: `${c.scale} / ${c.respondent_type} / ${c.wave}`, path: `/surveys/comparisons/${i}` }));
  r.comparisons.forEach((c, i) => {
    const sc = r.scales.find((x) => x.instrument === c.instrument && x.scale === c.scale && x.respondent_type === c.respondent_type && x.wave === c.wave);
    gatePartners(c, sc, s, { table: 'survey comparisons', cell: `${c.scale} / ${c.respondent_type} / ${c.wave}`, path: `/surveys/comparisons/${i}` });
  });
  r.changes.forEach((c, i) => {
    const at = { table: 'survey changes', cell: `${c.scale} / ${c.respondent_type} / ${c.wave_pre}–${c.wave_post}`, path: `/surveys/changes/${i}` };
    gateTwoGroup(c, CHANGE_FIELDS, s, at);
    gatePanel(c, s, at);
  });
  gateSchools(r.by_school, s);
  gateTeacherVisits(r.teacher_visits, s);
  return r;
}
