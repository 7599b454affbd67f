/** `npm run geo:build`: rebuilds the shipped boundaries and unit tables from geo/<pack>/sources. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packFiles } from './pack-files.ts';
import { ninhThuan } from './ninh-thuan/recipe.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const [path, content] of packFiles(ninhThuan)) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
  console.log(`${path}  ${(Buffer.byteLength(content) / 1024).toFixed(1)} KiB`);
}
