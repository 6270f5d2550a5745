/** A progress printer: one line per stage on stderr (quiet with --quiet). */
export function stageLogger(quiet: boolean): (msg: string) => void {
  const t0 = Date.now();
  return (msg) => {
    if (!quiet) process.stderr.write(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)}s] ${msg}\n`);
  };
}
