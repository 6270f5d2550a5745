/** One line from DuckDB's CSV errors: the explanation kept, the quoted line dropped, a too-long line named by its number. */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstLongLine, readerErrorText } from '../../src/util/reader-error-text.js';
import { blankFileMessage, isBlankFile } from '../../src/util/empty-file.js';
import { isUtf16File } from '../../src/util/utf16-file.js';

const dir = mkdtempSync(join(tmpdir(), 'hve-reader-error-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readerErrorText', () => {
  it('names the first line longer than the limit, by its number and length', () => {
    const file = join(dir, 'long.csv');
    writeFileSync(file, `a,b\n1,2\n3,${'x'.repeat(25)}\n5,6\n`);
    // line 3 is "3," plus 25 x: 27 bytes
    expect(firstLongLine(file, 20)).toEqual({ line: 3, bytes: 27 });
    expect(firstLongLine(file, 27)).toBeNull();
    const msg = `Invalid Input Error: CSV Error on Line: 1\nOriginal Line: 3,xxxx\nMaximum line size of 20 bytes exceeded. Actual Size:28 bytes.\n\nPossible Solution: …`;
    expect(readerErrorText(msg, file)).toBe('line 3 is 27 bytes long, more than the 20 bytes the CSV reader takes in one line; fix or remove that line (a field of megabytes, or a stray quote) and rerun');
  });

  it('keeps the explanation of a CSV error, not its quoted line', () => {
    const msg = 'Invalid Input Error: CSV Error on Line: 7\nOriginal Line: a,b,c\nExpected Number of Columns: 2 Found: 3\n\nPossible Solution: …\n  file = x.csv';
    expect(readerErrorText(msg)).toBe('Expected Number of Columns: 2 Found: 3');
    expect(readerErrorText('IO Error: No files found that match the pattern "x.csv"\nmore')).toBe('IO Error: No files found that match the pattern "x.csv"');
  });

  it('says the dialect could not be told when the sniffer fails without a long line', () => {
    const file = join(dir, 'short.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    expect(readerErrorText('Invalid Input Error: Error when sniffing file "short.csv".\nIt was not possible…', file)).toMatch(/^the CSV reader could not tell its delimiter and quoting/);
  });
});

describe('empty and UTF-16 files', () => {
  it('an empty file holds nothing but a BOM and white space', () => {
    const cases: [string, string | Buffer, boolean][] = [['e0', '', true], ['e1', '\uFEFF\r\n \n', true], ['e2', 'a\n', false], ['e3', Buffer.alloc(70_000, 0x20), false]];
    for (const [name, content, blank] of cases) {
      writeFileSync(join(dir, name), content);
      expect(isBlankFile(join(dir, name)), name).toBe(blank);
    }
    expect(blankFileMessage('x.csv')).toBe('x.csv is empty (no header line and no rows); export it again with its header line and its rows.');
  });

  it('a UTF-16 file opens with FF FE or FE FF', () => {
    writeFileSync(join(dir, 'le'), Buffer.from([0xff, 0xfe, 0x61, 0x00]));
    writeFileSync(join(dir, 'be'), Buffer.from([0xfe, 0xff, 0x00, 0x61]));
    writeFileSync(join(dir, 'u8'), '\uFEFFa,b\n');
    expect([isUtf16File(join(dir, 'le')), isUtf16File(join(dir, 'be')), isUtf16File(join(dir, 'u8'))]).toEqual([true, true, false]);
  });
});
