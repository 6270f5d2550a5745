import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { interruptRequested } from './interrupt.js';

/**
 * SHA-256 of a file, streamed, as lowercase hex. When a signal stops the run it stops reading and resolves with ''
 * (never published: the interrupted run is abandoned), so a hash computed beside a DuckDB read does not reject alone.
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) {
    if (interruptRequested()) return '';
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

/** SHA-256 of a string or buffer, as lowercase hex. */
export function sha256Text(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}
