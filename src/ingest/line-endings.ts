import { closeSync, openSync, readSync } from 'node:fs';

/** How the lines of a text file end: counts of CRLF, lone LF and lone CR line ends, and the first line whose ending differs from line 1's. */
export interface LineEndings {
  crlf: number;
  lf: number;
  cr: number;
  /** 1-based line number of the first line ending unlike the first line's; null when all agree */
  firstOther: number | null;
}

/** Count the line endings of a file, reading at most `maxBytes` (streamed in 1 MiB chunks). */
export function lineEndings(path: string, maxBytes = 256 * 1024 * 1024): LineEndings {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  const out: LineEndings = { crlf: 0, lf: 0, cr: 0, firstOther: null };
  let first: 'crlf' | 'lf' | 'cr' | null = null;
  let line = 1;
  let pendingCr = false;
  let read = 0;
  const end = (kind: 'crlf' | 'lf' | 'cr') => {
    out[kind]++;
    if (first === null) first = kind;
    else if (kind !== first && out.firstOther === null) out.firstOther = line;
    line++;
  };
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0 || read >= maxBytes) break;
      read += n;
      for (let i = 0; i < n; i++) {
        const b = buf[i];
        if (pendingCr) {
          pendingCr = false;
          if (b === 0x0a) {
            end('crlf');
            continue;
          }
          end('cr');
        }
        if (b === 0x0d) pendingCr = true;
        else if (b === 0x0a) end('lf');
      }
    }
    if (pendingCr) end('cr');
  } finally {
    closeSync(fd);
  }
  return out;
}

/** A sentence naming mixed line endings, or null when the file uses one kind. */
export function mixedLineEndingsMessage(path: string): string | null {
  const e = lineEndings(path);
  const kinds = [
    [e.crlf, 'CRLF (Windows)'],
    [e.lf, 'LF (Unix)'],
    [e.cr, 'CR (old Mac)'],
  ].filter(([n]) => (n as number) > 0) as [number, string][];
  if (kinds.length < 2) return null;
  const list = kinds.map(([n, k]) => `${n.toLocaleString('en-US')} in ${k}`).join(' and ');
  return `${path} mixes line endings (${list}; the first that differs is line ${e.firstOther}), which the CSV reader cannot parse safely; save it with one kind of line ending (e.g. \`dos2unix\` or "Save as CSV" again) and rerun.`;
}
