/**
 * How a screen in English is found to hold Vietnamese (issue 15): the visible text outside what is
 * marked Vietnamese on purpose, less proper names and documents' numbers, that still has a letter
 * or a short word only Vietnamese uses. Shared by the browser tests of English screens.
 */
import type { Page } from 'playwright-core';
import type { BrowserWall } from './browser-wall.ts';

/** Letters only Vietnamese uses, and its short words that carry none. */
export const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ]|\b(và|của|các|theo|trong|năm|tháng|kỳ|số)\b/i;

/** Names a screen shows in every language, longest first: units, facilities, the province, and the places the map names. */
export async function properNames(bw: BrowserWall): Promise<string[]> {
  const topology = (await (await fetch(`${bw.server.url}/api/boundaries`)).json()) as { objects: Record<string, { geometries?: { properties?: { name?: string; province?: string } }[] }> };
  const boundaryNames = Object.values(topology.objects).flatMap((o) => (o.geometries ?? []).flatMap((g) => [g.properties?.name ?? '', g.properties?.province ?? '']));
  const { pack } = bw.wall;
  return [
    ...pack.units.flatMap((u) => [u.name, u.fullName]),
    ...pack.facilities.flatMap((f) => [f.name, f.shortName]),
    ...(pack.formerUnits ?? []).map((u) => u.name),
    pack.name.vi,
    // Provinces, communes and the archipelago the map names (its context included).
    ...boundaryNames,
  ]
    .filter((n): n is string => Boolean(n))
    .sort((a, b) => b.length - a.length);
}

/** Every visible piece of text on the page, but what is marked Vietnamese on purpose. */
export function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
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
}

/** The texts that still read as Vietnamese once proper names and documents' numbers (QĐ 5316/QĐ-BYT, KH 3648/KH-UBND) are taken out. */
export function vietnameseLeftovers(texts: string[], names: string[]): string[] {
  const documents = /\b(QĐ|KH|TT|CV|BC)[\s-][^\s,;()]+/g;
  return texts.map((text) => names.reduce((t, name) => t.split(name).join(' '), text).replace(documents, ' ')).filter((text) => VIETNAMESE.test(text));
}
