/**
 * Renders screens of the wall as a person would see them, in Debian's Chromium: the page is
 * opened with ?print=1 (charts as SVG, a print band with unit, period, data date and sources),
 * and captured only once every view has its answer and the map and charts have drawn
 * (data/schema/screen.ts), never after a fixed sleep.
 * PNG: 16:9, 1920×1080 or 3840×2160 (the same layout at twice the pixels).
 * PDF: A4 landscape, one page per screen, laid out at 1920 px wide; the map's WebGL pixels are
 * copied into an image first, since printing does not carry a WebGL canvas.
 */
import type { Browser, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { screenPainted } from '../../data/schema/screen.ts';

export type ExportFormat = 'png' | 'pdf';
export const PNG_SIZES = { '1920x1080': 1, '3840x2160': 2 } as const;
export type PngSize = keyof typeof PNG_SIZES;

const WIDTH = 1920;
/** A4 landscape is 297 × 210 mm: at 1920 px wide, 1358 px tall. */
const A4_HEIGHT = Math.round((WIDTH * 210) / 297);

/** How long a screen may take to draw before its render fails. */
export const DRAWN_WITHIN_MS = 30_000;

export class RenderError extends Error {}

/** The wall's address and the viewer token its screens are opened with. */
export interface Site {
  baseUrl: string;
  token: string;
}

/** Only the app's own screens, as a path with its query: "/?scene=digital", "/explore?…". */
export function checkPage(page: string): string | null {
  if (!/^\/(explore)?(\?[^#\s]*)?$/.test(page)) return `page must be a screen of the wall: "/?scene=…" or "/explore?…", got "${page}"`;
  return null;
}

async function openDrawn(browser: Browser, site: Site, page: string, viewport: { width: number; height: number }, scale: number, within: number): Promise<Page> {
  const url = new URL(page, site.baseUrl);
  url.searchParams.set('print', '1');
  url.searchParams.set('rotate', '0');
  const context = await browser.newContext({ viewport, deviceScaleFactor: scale });
  // The cookie a wall PC would hold after opening the wall with its display token.
  await context.addCookies([{ name: 'ioc_token', value: site.token, url: site.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
  const tab = await context.newPage();
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  try {
    await tab.goto(url.toString());
    await tab.waitForFunction(screenPainted, undefined, { timeout: within });
  } catch (err) {
    const pending = await tab
      .evaluate(() => [...document.querySelectorAll('[data-ready=no], .map:not([data-painted=yes]), .chart:not([data-painted=yes])')].map((e) => e.getAttribute('data-testid') ?? e.className))
      .catch(() => []);
    await context.close();
    throw new RenderError(
      `${page}: the screen did not finish drawing within ${within / 1000} s` +
        (pending.length ? ` (still waiting: ${pending.join(', ')})` : '') +
        (errors.length ? ` (page error: ${errors[0]})` : '') +
        ` (${(err as Error).message.split('\n')[0]})`,
    );
  }
  return tab;
}

export async function renderPng(browser: Browser, site: Site, page: string, size: PngSize, within = DRAWN_WITHIN_MS): Promise<Buffer> {
  const tab = await openDrawn(browser, site, page, { width: WIDTH, height: 1080 }, PNG_SIZES[size], within);
  try {
    return await tab.screenshot({ type: 'png' });
  } finally {
    await tab.context().close();
  }
}

/** One A4 landscape page per screen, in order, as one PDF. */
export async function renderPdf(browser: Browser, site: Site, pages: string[], title: string, within = DRAWN_WITHIN_MS): Promise<Buffer> {
  const pdfs: Buffer[] = [];
  for (const page of pages) {
    const tab = await openDrawn(browser, site, page, { width: WIDTH, height: A4_HEIGHT }, 1, within);
    try {
      pdfs.push(await pdfPage(tab));
    } finally {
      await tab.context().close();
    }
  }
  return mergePdfs(pdfs, title);
}

/** A screen as a 1920×1080 PNG and an A4 page, from one load: the page is resized and drawn again in between. */
export async function renderScreen(browser: Browser, site: Site, page: string, within = DRAWN_WITHIN_MS): Promise<{ png: Buffer; pdf: Buffer }> {
  const tab = await openDrawn(browser, site, page, { width: WIDTH, height: 1080 }, 1, within);
  try {
    const png = await tab.screenshot({ type: 'png' });
    await tab.setViewportSize({ width: WIDTH, height: A4_HEIGHT });
    // Two frames: the map and charts see the new size and mark themselves not yet drawn.
    await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await tab.waitForFunction(screenPainted, undefined, { timeout: within });
    return { png, pdf: await pdfPage(tab) };
  } finally {
    await tab.context().close();
  }
}

async function pdfPage(tab: Page): Promise<Buffer> {
  await tab.evaluate(() => {
    for (const canvas of document.querySelectorAll<HTMLCanvasElement>('.map canvas')) {
      const image = new Image();
      image.src = canvas.toDataURL('image/png');
      image.style.cssText = `position:absolute;left:0;top:0;width:${canvas.clientWidth}px;height:${canvas.clientHeight}px`;
      canvas.after(image);
      canvas.style.visibility = 'hidden';
    }
  });
  await tab.emulateMedia({ media: 'screen' });
  return tab.pdf({ width: '297mm', height: '210mm', printBackground: true, scale: 1122.5 / WIDTH, margin: { top: '0', right: '0', bottom: '0', left: '0' }, pageRanges: '1' });
}

export async function mergePdfs(pdfs: Buffer[], title: string): Promise<Buffer> {
  const merged = await PDFDocument.create();
  merged.setTitle(title);
  merged.setLanguage('vi');
  for (const bytes of pdfs) {
    const one = await PDFDocument.load(bytes);
    for (const copied of await merged.copyPages(one, one.getPageIndices())) merged.addPage(copied);
  }
  return Buffer.from(await merged.save());
}
