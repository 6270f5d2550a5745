/**
 * Print bench/results.json as the Markdown table of docs/scaling.md: one column per size × format, one row
 * per hve stage, then ingest + student_year, the bare baseline, their ratio, the whole run and peak RSS.
 *
 *   npx tsx bench/results-table.ts [bench/results.json]
 */
import { readFileSync } from 'node:fs';

interface Run {
  students: number;
  format: string;
  bare: { seconds?: number; runs_seconds?: number[]; peak_rss_mb?: number; failed?: string };
  hve: { seconds: number | null; peak_rss_mb: number | null; ingest_seconds?: number | null; ingest_plus_student_year_seconds?: number | null; failed?: string; load?: number[]; stages: { stage: string; seconds: number }[] };
  ratio_ingest_student_year_to_bare: number | null;
  until_student_year?: boolean;
  check: { equal: boolean } | null;
  pandas: { ran: boolean; seconds?: number; reason?: string };
}

/** The Markdown table of the runs in a results.json. */
export function resultsTable(runs: readonly Run[]): string {
  const s = (x: number | null | undefined, d = 1) => (x == null ? '—' : x.toFixed(d));
  const stages = [...new Set(runs.flatMap((r) => r.hve.stages.map((x) => x.stage)))];
  const rows: [string, (r: Run) => string][] = [
    ...stages.map((name): [string, (r: Run) => string] => [`hve ${name}`, (r) => s(r.hve.stages.find((x) => x.stage === name)?.seconds)]),
    ['**hve ingest + student_year**', (r) => `**${s(r.hve.ingest_plus_student_year_seconds)}**`],
    ['**bare DuckDB, same outcomes** (2 runs)', (r) => (r.bare.seconds == null ? 'failed' : `**${s(r.bare.seconds, 2)}** (${(r.bare.runs_seconds ?? []).map((x) => x.toFixed(2)).join(', ')})`)],
    ['**ratio hve / bare**', (r) => (r.ratio_ingest_student_year_to_bare == null ? '—' : `**${r.ratio_ingest_student_year_to_bare.toFixed(1)}×**`)],
    ['hve whole run', (r) => (r.hve.failed ? `failed after ${s(r.hve.seconds)}` : r.until_student_year ? 'stopped after student_year' : s(r.hve.seconds))],
    ['hve peak RSS (MB)', (r) => String(r.hve.peak_rss_mb ?? '?')],
    ['bare peak RSS (MB)', (r) => String(r.bare.peak_rss_mb ?? '—')],
    ['load average during hve (start → end)', (r) => (r.hve.load ?? []).join(' → ') || '—'],
    ['outcomes equal to bare', (r) => (r.check == null ? 'not checked' : r.check.equal ? 'yes, exactly' : '**NO**')],
    ['pandas', (r) => (r.pandas.ran ? s(r.pandas.seconds) : 'not installed')],
  ];
  const head = `| seconds | ${runs.map((r) => `${r.students >= 1e6 ? `${r.students / 1e6}M` : `${r.students / 1000}k`} ${r.format}`).join(' | ')} |`;
  const rule = `|---|${runs.map(() => '---:').join('|')}|`;
  return [head, rule, ...rows.map(([label, f]) => `| ${label} | ${runs.map(f).join(' | ')} |`)].join('\n');
}

const path = process.argv[2] ?? 'bench/results.json';
console.log(resultsTable((JSON.parse(readFileSync(path, 'utf8')) as { runs: Run[] }).runs));
