/** Debian's Chromium for the browser tests: installed when missing (with poppler-utils for pdftotext), never downloaded. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from '../../server/briefing/chromium.ts';

export { launchChromium } from '../../server/briefing/chromium.ts';

export function ensureChromium(): void {
  const missing = [
    ...(existsSync(CHROMIUM) ? [] : ['chromium', 'fonts-noto-core']),
    ...(existsSync('/usr/bin/pdftotext') ? [] : ['poppler-utils']),
  ];
  if (missing.length === 0) return;
  console.log(`Installing Debian ${missing.join(', ')} for the browser and briefing tests…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', ...missing], { stdio: 'inherit', env });
}
