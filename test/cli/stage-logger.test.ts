/** The one printer of progress: a line per stage; on a terminal also one live line with done / total and an ETA. */
import { describe, it, expect } from 'vitest';
import { stageLogger, progressText, formatDuration, etaSeconds, endProgressLine } from '../../src/cli/stage-logger.js';

/** A stand-in for stderr and a clock the test moves by hand. */
function fake(isTTY: boolean) {
  const out: string[] = [];
  let t = 1_000_000;
  return { stream: { isTTY, columns: 200, write: (s: string) => out.push(s) }, now: () => t, tick: (ms: number) => (t += ms), out };
}

describe('progress text and ETA', () => {
  it('says done of total with the percentage, rounded down', () => {
    expect(progressText({ stage: 'ingest', done: 5_389_783, total: 16_250_822, unit: 'rows' }, null)).toBe('ingest: 5,389,783 of 16,250,822 rows (33%)');
    expect(progressText({ stage: 'estimate', done: 2, total: 3, unit: 'models' }, 45)).toBe('estimate: 2 of 3 models (66%), ETA 45 s');
  });

  it('estimates the time left from the rate since the stage began', () => {
    // 25 of 100 done 10 s after the first report at 0 → 2.5 a second → 75 left take 30 s
    expect(etaSeconds({ t: 0, done: 0 }, 10_000, { stage: 's', done: 25, total: 100, unit: 'models' })).toBe(30);
    // from 10 at t = 0 to 40 at t = 5 s: 6 a second, 60 left → 10 s
    expect(etaSeconds({ t: 0, done: 10 }, 5_000, { stage: 's', done: 40, total: 100, unit: 'rows' })).toBe(10);
    // no ETA in the first second, nor without progress
    expect(etaSeconds({ t: 0, done: 0 }, 900, { stage: 's', done: 50, total: 100, unit: 'rows' })).toBeNull();
    expect(etaSeconds({ t: 0, done: 5 }, 5_000, { stage: 's', done: 5, total: 100, unit: 'rows' })).toBeNull();
  });

  it('formats durations for people', () => {
    expect(formatDuration(44.6)).toBe('45 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });
});

describe('stageLogger', () => {
  it('on a terminal: one live line rewritten in place, cleared by the next stage line', () => {
    const f = fake(true);
    const log = stageLogger(false, f);
    f.tick(1500);
    log('ingest students: read 10, accepted 10, rejected 0');
    log.progress({ stage: 'estimate', done: 0, total: 100, unit: 'models' });
    f.tick(100); // within 200 ms of the last draw: not redrawn
    log.progress({ stage: 'estimate', done: 5, total: 100, unit: 'models' });
    f.tick(3900); // 4 s after the first report: 20 done → 5 a second → 80 left take 16 s
    log.progress({ stage: 'estimate', done: 20, total: 100, unit: 'models' });
    log('estimate: 10 outcomes');
    expect(f.out).toEqual([
      '[  1.5s] ingest students: read 10, accepted 10, rejected 0\n',
      '\r\x1b[2K[  1.5s] estimate: 0 of 100 models (0%)',
      '\r\x1b[2K[  5.5s] estimate: 20 of 100 models (20%), ETA 16 s',
      '\r\x1b[2K',
      '[  5.5s] estimate: 10 outcomes\n',
    ]);
  });

  it('starts a new ETA when the count goes back (the next DuckDB query of a stage)', () => {
    const f = fake(true);
    const log = stageLogger(false, f);
    log.progress({ stage: 'ingest', done: 0, total: 1000, unit: 'rows' });
    f.tick(2000);
    log.progress({ stage: 'ingest', done: 900, total: 1000, unit: 'rows' });
    f.tick(1000);
    log.progress({ stage: 'ingest', done: 100, total: 1000, unit: 'rows' });
    f.tick(1000); // 1 s after the restart: 100 → 300 is 200 a second, 700 left → 3.5 s, shown as 4 s
    log.progress({ stage: 'ingest', done: 300, total: 1000, unit: 'rows' });
    expect(f.out.slice(1)).toEqual([
      '\r\x1b[2K[  2.0s] ingest: 900 of 1,000 rows (90%), ETA 0 s',
      '\r\x1b[2K[  3.0s] ingest: 100 of 1,000 rows (10%)',
      '\r\x1b[2K[  4.0s] ingest: 300 of 1,000 rows (30%), ETA 4 s',
    ]);
    endProgressLine();
    expect(f.out.at(-1)).toBe('\r\x1b[2K');
  });

  it('off a terminal: the stage lines only', () => {
    const f = fake(false);
    const log = stageLogger(false, f);
    log.progress({ stage: 'estimate', done: 1, total: 2, unit: 'models' });
    f.tick(2000);
    log('estimate: 10 outcomes');
    endProgressLine();
    expect(f.out).toEqual(['[  2.0s] estimate: 10 outcomes\n']);
  });

  it('quiet: nothing, on a terminal or not', () => {
    const f = fake(true);
    const log = stageLogger(true, f);
    log.progress({ stage: 'estimate', done: 1, total: 2, unit: 'models' });
    log('estimate: 10 outcomes');
    expect(f.out).toEqual([]);
  });
});
