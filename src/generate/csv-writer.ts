import { openSync, writeSync, closeSync } from 'node:fs';
import { csvQuote } from '../util/csv.js';

/** A buffered CSV file writer of the generator's extracts, written as given with `csvQuote` (synchronous, so output order is exactly the call order). */
export class CsvWriter {
  private fd: number;
  private buffer: string[] = [];
  private size = 0;
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.fd = openSync(path, 'w');
    this.line(header.join(','));
  }

  /** Write one record. */
  row(values: readonly (string | number | boolean | null | undefined)[]): void {
    this.line(values.map(csvQuote).join(','));
    this.rows += 1;
  }

  /** Write a raw line as is (used to inject malformed lines). */
  line(text: string): void {
    this.buffer.push(text);
    this.size += text.length + 1;
    if (this.size > 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.buffer.length) writeSync(this.fd, this.buffer.join('\n') + '\n');
    this.buffer = [];
    this.size = 0;
  }

  /** Flush and close. */
  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}
