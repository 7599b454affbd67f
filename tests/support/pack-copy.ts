/** A copy of the bundled pack in a temp folder, edited by a test (to make it incomplete or wrong). */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../../server/config.ts';

export function copyPack(edit: (file: (name: string, change: (text: string) => string) => void) => void): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'ioc-pack-')), 'pack');
  cpSync(readConfig({}).packDir, dir, { recursive: true });
  edit((name, change) => writeFileSync(join(dir, name), change(readFileSync(join(dir, name), 'utf8'))));
  return dir;
}
