/**
 * Run one `bench/step.ts` step in a child process (under `/usr/bin/time -v` when it exists) and collect its
 * stage messages and peak RSS. Peak RSS comes from time's "Maximum resident set size" (JS heap + DuckDB's
 * native memory), else from the child's own process.resourceUsage().maxRSS.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const STEP = resolve('bench/step.ts');
const TIME = '/usr/bin/time';

/** One stage message as the child saw it: `t` seconds since the step started, `seconds` since the previous message. */
export interface StageMessage {
  msg: string;
  t: number;
  seconds: number;
  rss_mb: number;
  max_rss_mb: number;
}

/** What one child-process step measured. */
export interface StepResult {
  step: string;
  /** seconds inside the child, from before the work to its end (no Node start-up) */
  seconds: number;
  /** seconds of the whole child process, start-up included */
  wall_seconds: number;
  peak_rss_mb: number;
  rss_source: string;
  messages: StageMessage[];
  /** what the step reported at the end (row counts, student counts) */
  info: Record<string, unknown>;
  /** the machine's 1-minute load average when the step started and ended (the CPU is shared: above the core count, times are inflated) */
  load: [number, number];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The resident set of a process in MB from /proc (0 when it is gone). */
function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process and its children's children, as /proc lists them. */
function processTree(pid: number): number[] {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return [pid, ...kids.flatMap(processTree)];
  } catch {
    return [pid];
  }
}

/**
 * Run `bench/step.ts <args>` in a child and collect its stage timings and peak RSS; `echo` prints each message as
 * it comes. With `maxRssMb`, a watchdog kills the step when its processes hold more than that (the machine is shared).
 */
export async function runStep(name: string, args: string[], echo = true, maxRssMb?: number): Promise<StepResult> {
  const useTime = existsSync(TIME);
  const node = [process.execPath, '--import', 'tsx', STEP, ...args];
  const started = performance.now();
  const load0 = loadavg()[0]!;
  const child = useTime ? spawn(TIME, ['-v', ...node], { stdio: ['ignore', 'pipe', 'pipe'] }) : spawn(node[0]!, node.slice(1), { stdio: ['ignore', 'pipe', 'pipe'] });
  let killedAt: number | null = null;
  const watchdog = maxRssMb
    ? setInterval(() => {
        const tree = processTree(child.pid!);
        const rss = tree.reduce((a, p) => a + rssMb(p), 0);
        if (rss > maxRssMb && killedAt == null) {
          killedAt = Math.round(rss);
          for (const p of tree.reverse()) {
            try {
              process.kill(p, 'SIGKILL');
            } catch {
              /* already gone */
            }
          }
        }
      }, 500)
    : undefined;
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const messages: StageMessage[] = [];
  let done: { seconds: number; max_rss_mb: number; info: Record<string, unknown> } | undefined;
  for await (const line of createInterface({ input: child.stdout })) {
    if (!line.startsWith('{')) continue;
    const o = JSON.parse(line);
    if (o.done) done = o;
    else {
      const prev = messages.at(-1)?.t ?? 0;
      messages.push({ ...o, seconds: o.t - prev });
      if (echo) console.log(`  [${o.t.toFixed(1).padStart(6)}s] ${o.msg}  (rss ${o.rss_mb} MB, peak so far ${o.max_rss_mb} MB)`);
    }
  }
  const code: number | null = await new Promise((res) => child.on('close', res));
  if (watchdog) clearInterval(watchdog);
  if (killedAt != null) stderr += `\nkilled by the bench watchdog: the step held ${killedAt} MB, above --max-rss ${maxRssMb} MB`;
  const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  if (code !== 0 || !done) {
    const err = stderr.split('\n').filter((l) => !/^\t|^\s*Command (being timed|exited)/.test(l)).join('\n').trim();
    throw Object.assign(new Error(`bench step ${name} failed (exit ${code}${kb ? `, peak RSS ${Math.round(Number(kb) / 1024)} MB` : ''}):\n${err.slice(-4000)}`), {
      peak_rss_mb: kb ? Math.round(Number(kb) / 1024) : null,
      seconds: (performance.now() - started) / 1000,
      messages,
    });
  }
  const last = messages.at(-1)?.t ?? 0;
  messages.push({ msg: '(after the last message, until the call returned)', t: done.seconds, seconds: done.seconds - last, rss_mb: NaN, max_rss_mb: done.max_rss_mb });
  return {
    step: name,
    seconds: done.seconds,
    wall_seconds: (performance.now() - started) / 1000,
    peak_rss_mb: kb ? Math.round(Number(kb) / 1024) : done.max_rss_mb,
    rss_source: kb ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS',
    messages,
    info: done.info ?? {},
    load: [round2(load0), round2(loadavg()[0]!)],
  };
}
