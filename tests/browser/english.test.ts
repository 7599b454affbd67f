/**
 * Both languages complete (issue 15): every screen in English, with the demo figures, holds no
 * Vietnamese text but proper names (units, facilities, provinces, documents' numbers), and counts
 * take the plural where they are more than one.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENES } from '../../client/scenes/scene-specs.ts';
import { screenPainted } from '../../data/schema/screen.ts';
import { browserWallForFile } from '../support/browser-wall.ts';

let boundaryNames: string[];
const bw = browserWallForFile();
beforeAll(async () => {
  const topology = (await (await fetch(`${bw.server.url}/api/boundaries`)).json()) as { objects: Record<string, { geometries?: { properties?: { name?: string; province?: string } }[] }> };
  boundaryNames = Object.values(topology.objects).flatMap((o) => (o.geometries ?? []).flatMap((g) => [g.properties?.name ?? '', g.properties?.province ?? '']));
}, 120_000);

/** Letters only Vietnamese uses, and its short words that carry none. */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ]|\b(và|của|các|theo|trong|năm|tháng|kỳ|số)\b/i;

const SCREENS = [
  ...SCENES.map((s) => `/?rotate=0&lang=en&scene=${s.id}`),
  '/explore?lang=en&indicator=outpatient_visits&unit=58&by=sex',
  '/explore?lang=en&indicator=ehr_coverage&unit=585',
  '/explore?lang=en&indicator=quality&unit=58',
  '/guide?lang=en&indicator=ehr_coverage',
  '/briefings?lang=en',
];

describe('every screen in English', () => {
  it.each(SCREENS)('%s: no Vietnamese but proper names, plurals where more than one', async (path) => {
    const page = await bw.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${bw.server.url}${path}`);
    if (!path.startsWith('/briefings')) await page.waitForFunction(screenPainted, undefined, { timeout: 30_000 });
    else await page.waitForSelector('.briefings');
    const { pack } = bw.wall;
    const names = [
      ...pack.units.flatMap((u) => [u.name, u.fullName]),
      ...pack.facilities.flatMap((f) => [f.name, f.shortName]),
      ...(pack.formerUnits ?? []).map((u) => u.name),
      pack.name.vi,
      // Provinces, communes and the archipelago the map names (its context included).
      ...boundaryNames,
    ]
      .filter((n): n is string => Boolean(n))
      .sort((a, b) => b.length - a.length);
    const texts = await page.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement!;
        const text = node.textContent?.trim();
        // Text marked as Vietnamese on purpose: the language switch naming itself, the other-language name, a document's own words.
        if (text && element.offsetParent !== null && !element.closest('[lang=vi], option:not(:checked)')) out.push(text);
      }
      return out;
    });
    // Documents' numbers: QĐ 5316/QĐ-BYT, KH 3648/KH-UBND, TT 46/2018/TT-BYT.
    const documents = /\b(QĐ|KH|TT|CV|BC)[\s-][^\s,;()]+/g;
    const leftovers = texts
      .map((text) => names.reduce((t, name) => t.split(name).join(' '), text).replace(documents, ' '))
      .filter((text) => VIETNAMESE.test(text));
    expect(leftovers).toEqual([]);
    // "1 facilities", "7 area" and the like, in a text or across a figure and its label.
    const facts = await page.$$eval('.fact', (all) => all.map((f) => [...f.children].map((c) => c.textContent?.trim()).join(' ')));
    expect(facts.filter((f) => /^(?:[2-9]|\d{2,}|\d{1,3}(?:,\d{3})+) .*\b(area|commune|ward|facility|hospital|centre|station|unit)$/i.test(f))).toEqual([]);
    const unplural = texts.filter((t) => /\b(?:[2-9]|\d{2,}) (area|commune|facility|hospital|report|case|unit|station|centre)\b/.test(t) || /\b1 (areas|communes|facilities|hospitals|reports|units)\b/.test(t));
    expect(unplural).toEqual([]);
    await page.close();
  }, 60_000);
});
