/** The client bundle as a browser first meets it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The wall's initial JavaScript (the entry and what it preloads, not the lazy map and charts), gzipped bytes. */
export function initialJsGzipped(clientDir: string): number {
  const html = readFileSync(join(clientDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  return files.reduce((sum, f) => sum + gzipSync(readFileSync(join(clientDir, f))).length, 0);
}
