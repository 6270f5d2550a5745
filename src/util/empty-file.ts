import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Whether a text file holds nothing but a byte-order mark and white space (an empty export), read from its
 * first 64 KiB: a file that has anything else there is not empty, whatever follows.
 */
export function isBlankFile(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 16);
    const n = readSync(fd, buf, 0, buf.length, 0);
    if (n === buf.length) return false;
    return buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trim() === '';
  } finally {
    closeSync(fd);
  }
}

/** The sentence for an empty CSV file (`subject`: how to name it): it has no header line, so no column can be found in it. */
export function blankFileMessage(subject: string): string {
  return `${subject} is empty (no header line and no rows); export it again with its header line and its rows.`;
}
