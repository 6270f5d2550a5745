import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedPipeline } from '../config/load-pipeline.js';
import { EXTRACT_SPECS, type ExtractSpec } from '../contract/extract-specs.js';
import { InputError } from '../util/input-error.js';
import { queryRows } from '../util/duckdb.js';
import { ident, lit } from '../util/sql.js';
import { csvCellSql } from '../util/csv.js';
import { sha256File, sha256Text } from '../util/sha256.js';
import { resolveSource, type ResolvedSource } from './resolve-source.js';
import { ingestExtract, ingestRows, prepareSource, type ExtractAccounting } from './ingest-extract.js';
import { canGroup, ingestDailyGroups } from './ingest-daily-groups.js';

/** An ingested extract with the hashes of its files. */
export interface IngestedExtract extends ExtractAccounting {
  path: string;
  sha256: string;
}

/** The whole ingest: accounting per extract, the school years found and which optional extracts exist. */
export interface IngestResult {
  extracts: IngestedExtract[];
  years: number[];
  attendanceKind: 'daily' | 'summary';
  /** daily attendance is in attendance_daily_groups (per student × school × year), not in rows */
  attendanceGrouped: boolean;
  has: { discipline: boolean; assessments: boolean; schools: boolean; educators: boolean };
}

/** Decide whether an attendance source is daily or summary from its (mapped) headers. */
export function attendanceSpecFor(kind: 'auto' | 'daily' | 'summary', headers: string[], columns: Record<string, string>, file: string): ExtractSpec {
  if (kind === 'daily') return EXTRACT_SPECS.attendance_daily;
  if (kind === 'summary') return EXTRACT_SPECS.attendance_summary;
  const lower = new Set(headers.map((h) => h.toLowerCase()));
  const has = (c: string) => lower.has((columns[c] ?? c).toLowerCase());
  // the shape whose columns are (partly) there wins; a missing column of that shape is then named by the column check
  if (has('days_enrolled') || has('days_absent')) return EXTRACT_SPECS.attendance_summary;
  if (has('date') || has('status')) return EXTRACT_SPECS.attendance_daily;
  throw new InputError(
    `${file} is neither daily attendance (date, status) nor summary attendance (school_year, days_enrolled, days_absent); map its headers with columns: or set kind:.`,
    { file },
  );
}

/** Hash all files of a source (a glob's files are hashed in order, then the list is hashed). */
async function hashSource(src: ResolvedSource): Promise<string> {
  if (src.files.length === 1) return sha256File(src.files[0]!);
  const parts = [];
  for (const f of src.files) parts.push(`${await sha256File(f)}  ${f}`);
  return sha256Text(parts.join('\n'));
}

/**
 * Ingest every extract of a pipeline into DuckDB: students first (they define known students and
 * school years), then the rest. Rejects stay in `rej_<extract>` tables; `writeRejects` writes them out.
 */
export async function ingestAll(conn: DuckDBConnection, p: LoadedPipeline, onStage?: (msg: string) => void): Promise<IngestResult> {
  const s = p.config.sources;
  const yearStart = p.config.school_year_start;
  const resolved = {
    students: await resolveSource(conn, 'students', s.students, p.dir),
    visits: await resolveSource(conn, 'visits', s.visits, p.dir),
    attendance: await resolveSource(conn, 'attendance', s.attendance, p.dir),
    discipline: s.discipline ? await resolveSource(conn, 'discipline', s.discipline, p.dir) : undefined,
    assessments: s.assessments ? await resolveSource(conn, 'assessments', s.assessments, p.dir) : undefined,
    schools: s.schools ? await resolveSource(conn, 'schools', s.schools, p.dir) : undefined,
    educators: s.educators ? await resolveSource(conn, 'educators', s.educators, p.dir) : undefined,
  };
  const extracts: IngestedExtract[] = [];
  // each source is hashed while DuckDB reads it (the hash streams the file in this thread, DuckDB works in its own)
  const add = async (ingest: () => Promise<ExtractAccounting>, src: ResolvedSource, path: string) => {
    const hash = hashSource(src);
    let acc: ExtractAccounting;
    try {
      acc = await ingest();
    } catch (e) {
      await hash.catch(() => undefined);
      throw e;
    }
    extracts.push({ ...acc, path, sha256: await hash });
    onStage?.(`ingest ${acc.extract}: read ${acc.rows_read}, accepted ${acc.rows_accepted}, rejected ${acc.rows_rejected}`);
    return acc;
  };

  await add(() => ingestExtract(conn, EXTRACT_SPECS.students, s.students, resolved.students, { yearStart }), resolved.students, s.students.path);
  await conn.run(`CREATE OR REPLACE TABLE known_students AS SELECT DISTINCT student_id FROM students`);
  const years = (await queryRows<{ y: number }>(conn, `SELECT DISTINCT school_year AS y FROM students ORDER BY 1`)).map((r) => r.y);
  if (!years.includes(p.config.outcome_year)) {
    throw new InputError(
      `The students extract has no rows for outcome_year ${p.config.outcome_year} (it has ${years.join(', ') || 'no accepted rows'}).`,
    );
  }
  const ctx = { knownStudents: 'known_students', years, yearStart };

  await add(() => ingestExtract(conn, EXTRACT_SPECS.visits, s.visits, resolved.visits, ctx), resolved.visits, s.visits.path);
  const attendanceFile = resolved.attendance.files[0]!;
  // daily attendance, the largest extract, is kept as per-student groups, not rows (ingestDailyGroups)
  const att = await add(
    async () => {
      const prepared = await prepareSource(conn, EXTRACT_SPECS.attendance_daily, s.attendance, resolved.attendance, ctx, (headers) =>
        attendanceSpecFor(s.attendance.kind, headers, s.attendance.columns, attendanceFile),
      );
      return canGroup(prepared, ctx) ? ingestDailyGroups(conn, prepared, resolved.attendance, ctx) : ingestRows(conn, prepared, resolved.attendance);
    },
    resolved.attendance,
    s.attendance.path,
  );
  if (s.discipline && resolved.discipline) {
    const src = resolved.discipline;
    await add(() => ingestExtract(conn, EXTRACT_SPECS.discipline, s.discipline!, src, ctx), src, s.discipline.path);
  }
  if (s.assessments && resolved.assessments) {
    const src = resolved.assessments;
    await add(() => ingestExtract(conn, EXTRACT_SPECS.assessments, s.assessments!, src, ctx), src, s.assessments.path);
  }
  if (s.schools && resolved.schools) {
    const src = resolved.schools;
    await add(() => ingestExtract(conn, EXTRACT_SPECS.schools, s.schools!, src, { yearStart }), src, s.schools.path);
  }
  if (s.educators && resolved.educators) {
    // a roster names staff, not students: no known-student or school-year check (a row of another year is kept and unused)
    const src = resolved.educators;
    await add(() => ingestExtract(conn, EXTRACT_SPECS.educators, s.educators!, src, { yearStart }), src, s.educators.path);
  }
  return {
    extracts,
    years,
    attendanceKind: att.kind === 'summary' ? 'summary' : 'daily',
    attendanceGrouped: !!att.grouped,
    has: { discipline: !!s.discipline, assessments: !!s.assessments, schools: !!s.schools, educators: !!s.educators },
  };
}

/** Write each extract's rejects to `<dir>/<extract>.csv` (restricted: they hold student IDs). */
export async function writeRejects(conn: DuckDBConnection, ingest: IngestResult, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const e of ingest.extracts) {
    // every ingested extract has its reject table (ingestExtract makes it, empty or not)
    const table = `rej_${e.spec}`;
    const path = join(dir, `${e.extract}.csv`);
    // raw fields that a spreadsheet would run as formulas are written with a leading apostrophe
    const cols = await queryRows<{ column_name: string; column_type: string }>(conn, `DESCRIBE ${table}`);
    const select = cols.map((c) => (c.column_type === 'VARCHAR' ? `${csvCellSql(ident(c.column_name))} AS ${ident(c.column_name)}` : ident(c.column_name)));
    await conn.run(`COPY (SELECT ${select.join(', ')} FROM ${table} ORDER BY source_file, source_line) TO ${lit(path)} (HEADER, DELIMITER ',')`);
    written.push(path);
  }
  return written;
}
