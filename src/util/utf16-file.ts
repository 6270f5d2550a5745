import { closeSync, openSync, readSync } from 'node:fs';

/** Whether a file opens with a UTF-16 byte-order mark (FF FE or FE FF), as Excel's "Unicode text" export does. */
export function isUtf16File(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const n = readSync(fd, buf, 0, 2, 0);
    return n === 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff));
  } finally {
    closeSync(fd);
  }
}

/** The sentence for a UTF-16 file (`subject`: how to name it), which the CSV reader would read as garbled text. */
export function utf16FileMessage(subject: string): string {
  return `${subject} is UTF-16 text, which the CSV reader cannot read; save it as UTF-8 ("CSV UTF-8" in Excel) and rerun.`;
}
