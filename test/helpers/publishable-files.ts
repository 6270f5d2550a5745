import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every publishable file of a run folder: not rejects/ or the analytic DuckDB file, which are restricted. */
export function publishableFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) {
        if (f !== 'rejects') walk(p);
      } else if (!p.endsWith('.duckdb')) out.push(p);
    }
  };
  walk(root);
  return out;
}
