import { closeSync, openSync, readSync } from 'node:fs';

/** The first physical line of a file longer than `limit` bytes: its 1-based number and length, or null (streamed in 1 MiB chunks). */
export function firstLongLine(path: string, limit: number): { line: number; bytes: number } | null {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  let line = 1;
  let len = 0;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      for (let i = 0; i < n; i++) {
        if (buf[i] === 0x0a) {
          if (len > limit) return { line, bytes: len };
          line++;
          len = 0;
        } else len++;
      }
    }
    return len > limit ? { line, bytes: len } : null;
  } finally {
    closeSync(fd);
  }
}

/**
 * One line of text for a DuckDB reader error, to follow "Could not read <file>: ". DuckDB's CSV errors open with
 * "CSV Error on Line: N" (a line of the sniffer's sample, not always of the file) and then quote the whole line,
 * which may be megabytes; this keeps what went wrong, with the file's own line when a line is too long.
 */
export function readerErrorText(message: string, file?: string): string {
  const lines = message.split('\n').map((l) => l.trim());
  const size = /Maximum line size of (\d+) bytes exceeded/.exec(message);
  const sniff = /Error when sniffing file/.test(message);
  if (size || sniff) {
    // DuckDB's default max_line_size; a line past it stops the sniffer, or the reader within the sniffer's sample
    const limit = size ? Number(size[1]) : 2_000_000;
    const long = file ? firstLongLine(file, limit) : null;
    if (long || size) {
      const where = long ? `line ${long.line} is ${long.bytes.toLocaleString('en-US')} bytes long` : 'a line (or a quoted field that is never closed) is';
      return `${where}, more than the ${limit.toLocaleString('en-US')} bytes the CSV reader takes in one line; fix or remove that line (a field of megabytes, or a stray quote) and rerun`;
    }
    return 'the CSV reader could not tell its delimiter and quoting (no dialect reads every sampled line the same way); set delimiter: for this source, or check for a stray quote';
  }
  const first = (lines[0] ?? '').replace(/[.\s]+$/, '');
  if (!/CSV Error on Line/i.test(first)) return first;
  // the explanation is the line before the first blank one (the quoted original line may itself span lines)
  const blank = lines.indexOf('', 1);
  const before = blank > 1 ? lines[blank - 1]! : '';
  const why = before.startsWith('Original Line') ? '' : before;
  const shown = why.length > 300 ? `${why.slice(0, 300)}…` : why;
  return shown ? shown.replace(/[.\s]+$/, '') : first.replace(/\s*on Line: \d+/i, '');
}
