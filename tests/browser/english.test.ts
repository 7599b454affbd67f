/**
 * Both languages complete (issue 15): every screen in English, with the demo figures, holds no
 * Vietnamese text but proper names (units, facilities, provinces, documents' numbers), and counts
 * take the plural where they are more than one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENES } from '../../client/scenes/scene-specs.ts';
import { screenPainted } from '../../data/schema/screen.ts';
import { browserWallForFile } from '../support/browser-wall.ts';
import { properNames, vietnameseLeftovers, visibleTexts } from '../support/vietnamese-text.ts';

let names: string[];
const bw = browserWallForFile();
beforeAll(async () => {
  names = await properNames(bw);
}, 120_000);

const SCREENS = [
  ...SCENES.map((s) => `/?rotate=0&lang=en&scene=${s.id}`),
  '/explore?lang=en&indicator=outpatient_visits&unit=58&by=sex',
  '/explore?lang=en&indicator=ehr_coverage&unit=585',
  '/explore?lang=en&indicator=quality&unit=58',
  '/explore?lang=en&indicator=scores&unit=58&period=2026-Q3&set=cashless_payment_rate:585:95&el=financing:information:0.5:',
  '/guide?lang=en&indicator=ehr_coverage',
  '/briefings?lang=en',
];

describe('every screen in English', () => {
  it.each(SCREENS)('%s: no Vietnamese but proper names, plurals where more than one', async (path) => {
    const page = await bw.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${bw.server.url}${path}`);
    if (!path.startsWith('/briefings')) await page.waitForFunction(screenPainted, undefined, { timeout: 30_000 });
    else await page.waitForSelector('.briefings');
    const texts = await visibleTexts(page);
    expect(vietnameseLeftovers(texts, names)).toEqual([]);
    // "1 facilities", "7 area" and the like, in a text or across a figure and its label.
    const facts = await page.$$eval('.fact', (all) => all.map((f) => [...f.children].map((c) => c.textContent?.trim()).join(' ')));
    expect(facts.filter((f) => /^(?:[2-9]|\d{2,}|\d{1,3}(?:,\d{3})+) .*\b(area|commune|ward|facility|hospital|centre|station|unit)$/i.test(f))).toEqual([]);
    const unplural = texts.filter((t) => /\b(?:[2-9]|\d{2,}) (area|commune|facility|hospital|report|case|unit|station|centre)\b/.test(t) || /\b1 (areas|communes|facilities|hospitals|reports|units)\b/.test(t));
    expect(unplural).toEqual([]);
    await page.close();
  }, 60_000);
});
