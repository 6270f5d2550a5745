/**
 * Group the stage messages of `hve run` into named stages. Each message ends the stage it names; the time of
 * a stage is the gap since the previous message, summed over its messages, so the stages add up to the run.
 */
import type { StageMessage } from './run-step.js';

/** One named stage of a run: seconds and the child's peak RSS when it ended. */
export interface NamedStage {
  stage: string;
  seconds: number;
  peak_rss_mb: number;
}

/** The message patterns, first match wins; a message no pattern knows becomes a stage named by its first words. */
const RULES: [RegExp, string | ((m: RegExpExecArray) => string)][] = [
  [/^ingest (\w+)/, (m) => `ingest ${m[1]}`],
  [/^quality/, 'quality gates + rejects'],
  [/^analytic/, 'student_year'],
  [/^fidelity/, 'fidelity'],
  [/^survey/, 'surveys'],
  [/^estimate: \d+ subgroup/, 'subgroups'],
  [/bootstrap/, 'school level, dose, bootstrap'],
  [/privacy gate/, 'results + privacy gate'],
  [/^estimate/, 'estimation'],
  [/^render/, 'analytic.duckdb + render'],
  [/^\(after the last message/, 'publish (rename, close)'],
];

/** The stage a message ends. */
export function stageOf(msg: string): string {
  for (const [re, name] of RULES) {
    const m = re.exec(msg);
    if (m) return typeof name === 'string' ? name : name(m);
  }
  return msg.split(/[:(]/)[0]!.trim().slice(0, 40) || 'other';
}

/** The named stages of a run in the order they first appear, with summed seconds. */
export function hveStages(messages: readonly StageMessage[]): NamedStage[] {
  const out = new Map<string, NamedStage>();
  for (const m of messages) {
    const name = stageOf(m.msg);
    const s = out.get(name) ?? { stage: name, seconds: 0, peak_rss_mb: 0 };
    s.seconds += m.seconds;
    s.peak_rss_mb = Math.max(s.peak_rss_mb, Number.isFinite(m.max_rss_mb) ? m.max_rss_mb : 0);
    out.set(name, s);
  }
  return [...out.values()];
}

/** Seconds from the start of the run to the last extract's ingest message (every extract read, checked and hashed); null when absent. */
export function ingestSeconds(messages: readonly StageMessage[]): number | null {
  return messages.filter((m) => /^ingest /.test(m.msg)).at(-1)?.t ?? null;
}

/** Seconds from the start of the run to the message that says student_year is built (ingest + checks + student_year); null when absent. */
export function ingestPlusStudentYear(messages: readonly StageMessage[]): number | null {
  return messages.find((m) => /^analytic/.test(m.msg))?.t ?? null;
}
