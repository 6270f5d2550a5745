import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { CompareOptionsSchema, COMPARE_FLAG, Z_SCORE_UNIT, type CompareOptions } from './compare-options.js';
import { openDb, queryRows, queryOne } from '../util/duckdb.js';
import { ident } from '../util/sql.js';
import { InputError } from '../util/input-error.js';
import { readAnalyticFile } from './read-analytic-file.js';
import { loadFrame } from '../estimate/analysis-frame.js';
import { estimateFrame } from '../estimate/estimate-all.js';
import type { OutcomeDef } from '../estimate/outcomes.js';
import type { CovariateSpec } from '../estimate/covariate-design.js';
import { SCHEMA_VERSION, type Results } from '../results/results-schema.js';
import { privacyRule, type Publishable } from '../privacy/privacy-gate.js';
import { publishFolder } from '../run/publish-folder.js';
import { fileDefinitions, fileProvenance } from '../run/file-provenance.js';

/** The frame column that holds the fixed-effects column (internal: never shown, renamed in the results). */
const FE = 'fe__';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*|BOOLEAN)$/;

/** Every option keyed by outcome (--baseline, --units, --domain, --counts, --lower-is-better) must name an --outcome column. */
function checkOutcomeKeys(o: CompareOptions): void {
  const keyed: [keyof CompareOptions, string[]][] = [
    ['baselines', Object.keys(o.baselines)],
    ['units', Object.keys(o.units)],
    ['domains', Object.keys(o.domains)],
    ['counts', o.counts],
    ['lowerIsBetter', o.lowerIsBetter],
  ];
  for (const [key, names] of keyed) {
    const stray = names.find((n) => !o.outcomes.includes(n));
    if (stray !== undefined) throw new InputError(`${COMPARE_FLAG[key]} names "${stray}", which is not one of the --outcome columns (${o.outcomes.join(', ')}).`);
  }
}

/** More levels than this make a text covariate an identifier or free text, not a category. */
const MAX_TEXT_LEVELS = 50;

/**
 * `hve compare`: run the same estimators, privacy gate and report on any student-level table (CSV or Parquet)
 * an evaluator already has: a 0/1 treatment column, outcome columns, covariates, optional fixed effects and clusters.
 */
export async function compareAnalyticFile(input: unknown, opts: { now?: Date; onStage?: (m: string) => void } = {}): Promise<{ folder: string; results: Results; publishable: Publishable<Results> }> {
  const parsed = CompareOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    const key = String(i.path[0] ?? '');
    throw new InputError(`${COMPARE_FLAG[key as keyof CompareOptions] ?? `--${key}`}: ${i.message}.`);
  }
  const o: CompareOptions = parsed.data;
  checkOutcomeKeys(o);
  const file = resolve(o.data);
  if (!existsSync(file)) throw new InputError(`The analytic file ${o.data} does not exist.`, { file: o.data });
  const log = opts.onStage ?? (() => {});
  const db = await openDb();
  try {
    const rejects = await readAnalyticFile(db.conn, file, o.data);
    if (rejects.rejected) {
      const reasons = Object.entries(rejects.byReason).map(([k, n]) => `${n} ${k}`).join(', ');
      log(`compare: rejected ${rejects.rejected} rows of ${basename(file)} (${reasons}; line ${rejects.lines.join(', ')}${rejects.rejected > rejects.lines.length ? ', …' : ''})`);
    }
    const cols = await queryRows<{ column_name: string; column_type: string }>(db.conn, 'SELECT column_name, column_type FROM (DESCRIBE data)');
    const type = new Map(cols.map((c) => [c.column_name.toLowerCase(), c]));
    const named = [o.treatment, ...o.outcomes, ...o.covariates, ...(o.fixedEffects ? [o.fixedEffects] : []), ...(o.cluster ? [o.cluster] : []), ...Object.values(o.baselines)];
    const missing = [...new Set(named.filter((c) => !type.has(c.toLowerCase())))];
    if (missing.length) {
      throw new InputError(`${o.data} has no column ${missing.map((m) => `"${m}"`).join(', ')} (its columns are: ${cols.map((c) => c.column_name).join(', ')}).`, { file: o.data, column: missing[0] });
    }
    const col = (c: string) => ident(type.get(c.toLowerCase())!.column_name);
    for (const c of [...o.outcomes, ...Object.values(o.baselines)]) {
      if (!NUMERIC.test(type.get(c.toLowerCase())!.column_type)) throw new InputError(`Column "${c}" of ${o.data} must be numeric (it is ${type.get(c.toLowerCase())!.column_type}).`, { column: c });
    }
    const bad = await queryOne<{ n: number; example: string | null }>(
      db.conn,
      `SELECT count(*)::INTEGER AS n, any_value(${col(o.treatment)}::VARCHAR) AS example FROM data
       WHERE ${col(o.treatment)} IS NOT NULL AND lower(${col(o.treatment)}::VARCHAR) NOT IN ('0', '1', 'true', 'false', '0.0', '1.0')`,
    );
    if (bad!.n > 0) throw new InputError(`The treatment column "${o.treatment}" must be 0/1 or true/false; ${bad!.n} rows are not (e.g. "${bad!.example}").`, { column: o.treatment });

    const numericCov = o.covariates.filter((c) => NUMERIC.test(type.get(c.toLowerCase())!.column_type));
    const categoricalCov = o.covariates.filter((c) => !numericCov.includes(c));
    const clusterCol = o.cluster ?? o.fixedEffects;
    const t = `(CASE WHEN lower(${col(o.treatment)}::VARCHAR) IN ('1', 'true', '1.0') THEN 1 WHEN ${col(o.treatment)} IS NULL THEN NULL ELSE 0 END)`;
    await db.conn.run(`CREATE TABLE student_year AS
      SELECT row_number() OVER () AS row_id, ${t}::DOUBLE AS visited,
        ${clusterCol ? `${col(clusterCol)}::VARCHAR` : `(row_number() OVER ())::VARCHAR`} AS school_id,
        ${o.fixedEffects ? `${col(o.fixedEffects)}::VARCHAR` : 'NULL::VARCHAR'} AS ${FE},
        ${[...new Set([...o.outcomes, ...numericCov, ...Object.values(o.baselines)])].map((c) => `${col(c)}::DOUBLE AS ${ident(`n__${c}`)}`).join(', ')}
        ${categoricalCov.length ? ', ' + categoricalCov.map((c) => `${col(c)}::VARCHAR AS ${ident(`c__${c}`)}`).join(', ') : ''}
      FROM data`);
    const rows = await queryOne<{ n: number; with_t: number; visited: number }>(
      db.conn,
      'SELECT count(*)::INTEGER AS n, count(visited)::INTEGER AS with_t, coalesce(sum(visited), 0)::INTEGER AS visited FROM student_year',
    );
    const numericCols = [...new Set([...o.outcomes, ...numericCov, ...Object.values(o.baselines)])].map((c) => `n__${c}`);
    const frame = await loadFrame(db.conn, 'student_year', ['visited', ...numericCols], ['school_id', FE, ...categoricalCov.map((c) => `c__${c}`)], 'visited IS NOT NULL', 'row_id');
    // expose columns under their own names for the estimators
    for (const c of [...new Set([...o.outcomes, ...numericCov, ...Object.values(o.baselines)])]) frame.numeric[c] = frame.numeric[`n__${c}`]!;
    for (const c of categoricalCov) frame.categorical[c] = frame.categorical[`c__${c}`]!;
    // a text covariate's level names are published (balance table, love plot): one with many levels, or with most
    // levels on fewer than min_cell rows, is an identifier or free text, whose values must not reach a report
    for (const c of categoricalCov) {
      const cat = frame.categorical[c]!;
      const sizes = new Int32Array(cat.levels.length);
      for (const code of cat.codes) if (code >= 0) sizes[code]!++;
      const rare = sizes.filter((k) => k < o.minCell).length;
      if (cat.levels.length > MAX_TEXT_LEVELS || (cat.levels.length > 2 && rare > cat.levels.length / 2)) {
        throw new InputError(
          `--covariates ${c} is a text column with ${cat.levels.length.toLocaleString('en-US')} distinct values${rare ? `, ${rare.toLocaleString('en-US')} of them on fewer than ${o.minCell} rows` : ''}: it looks like an identifier or free text, whose values would be printed in the report; leave it out, or recode it into a few groups.`,
        );
      }
    }

    const defs: OutcomeDef[] = [];
    for (const y of o.outcomes) {
      const v = frame.numeric[y]!;
      let binary = true;
      for (let i = 0; i < v.length && binary; i++) if (!Number.isNaN(v[i]!) && v[i] !== 0 && v[i] !== 1) binary = false;
      const type = o.counts.includes(y) ? 'count' : binary ? 'binary' : 'continuous';
      const given = o.units[y];
      if (given !== undefined && type === 'binary') throw new InputError(`${COMPARE_FLAG.units} gives "${y}" the unit "${given}", but it is a 0/1 outcome, shown as a percentage (difference in percentage points).`, { column: y });
      // SD only for an outcome the user calls a z-score; any other unit is shown as given, none as a bare number
      const unit = type === 'binary' ? 'percent' : given !== undefined && Z_SCORE_UNIT.test(given) ? 'sd' : 'value';
      defs.push({ outcome: y, label: y, domain: o.domains[y] ?? y, type, lower_is_better: o.lowerIsBetter.includes(y), unit, baseline: o.baselines[y] ?? null, needs: 'none' });
    }
    const spec: CovariateSpec = { numeric: numericCov, categorical: categoricalCov, ...(o.fixedEffects ? { fixedEffects: FE } : {}) };
    const parts = estimateFrame(frame, null, defs, spec, {
      methods: o.methods,
      seed: o.seed,
      caliperSd: o.caliperSd,
      exact: [],
      trim: o.trim,
      cr2Below: 40,
      subgroups: false,
      schoolVisitThreshold: 0.1,
      dose: false,
      schoolLevel: false,
    }, log);
    // the fixed-effects column under its own name (the frame holds it under an internal one)
    if (parts.covariates && o.fixedEffects) parts.covariates = parts.covariates.map((c) => (c.name === FE ? { ...c, name: o.fixedEffects! } : c));
    for (const out of parts.outcomes) {
      const given = o.units[out.outcome];
      if (given !== undefined && out.unit === 'value') out.unit_label = given;
    }
    const raw: Results = {
      schema_version: SCHEMA_VERSION,
      name: o.title,
      site: 'compare',
      state: null,
      outcome_year: o.year,
      generated_at: (opts.now ?? new Date()).toISOString(),
      // rows read = rows with the treatment + rows without it (missing_required) + lines the reader rejected
      provenance: await fileProvenance(db.conn, 'hve compare', o, o.seed, file, {
        extract: 'analytic file',
        rows_read: rows!.n + rejects.rejected,
        rows_accepted: rows!.with_t,
        rows_rejected: rows!.n - rows!.with_t + rejects.rejected,
        rejected_by_reason: { ...rejects.byReason, ...(rows!.n - rows!.with_t ? { missing_required: rows!.n - rows!.with_t } : {}) },
      }),
      definitions: fileDefinitions({
        comparison: `rows with ${o.treatment} = 0`,
        visited: `rows with ${o.treatment} = 1`,
        program: o.program === 'home-visits' ? 'home_visits' : 'generic',
        cluster: o.cluster ?? o.fixedEffects ?? null,
      }),
      privacy: { min_cell: o.minCell, rule: privacyRule(o.minCell), top_bottom_code: null },
      sample_flow: [
        // the count of rows without the treatment is the step's `excluded` (set and gated by the privacy gate), not text
        { step: `Rows with ${o.treatment} given (analytic)`, students: rows!.with_t, visited: rows!.visited, comparison: rows!.with_t - rows!.visited },
      ],
      ...parts,
      suppression_log: [],
    };
    const { folder, publishable: gated } = await publishFolder(raw, o.minCell, o.out);
    log(`compare: wrote ${folder}`);
    return { folder, results: gated.data, publishable: gated };
  } finally {
    db.close();
  }
}
