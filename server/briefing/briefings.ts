/**
 * Briefings: single screens exported on request, and the weekly briefing (one PDF: a cover with
 * the week's summary, then a page per scene; plus a PNG of each scene) written into a folder per
 * ISO week with an index the UI lists. Pages are printed in the light print theme (?print=1).
 * One render at a time through a bounded, fair queue (render-queue.ts), each in a fresh Chromium
 * that is closed afterwards, or at once when the job is stopped (the wall server keeps no browser
 * in memory between jobs). A week is written to a temporary folder and moved
 * into place whole, so a failed render leaves nothing half written and a second run replaces it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BriefingEntry } from '../../data/schema/briefing.ts';
import { formatPeriod, periodOf, today } from '../../data/schema/period.ts';
import { launchChromium } from './chromium.ts';
import { DRAWN_WITHIN_MS, mergePdfs, renderPdf, renderPng, renderScreen, type PngSize, type Site } from './render-page.ts';
import { RenderQueue, type JobOptions } from './render-queue.ts';
import { nextBriefingAt, type BriefingTime } from './schedule.ts';

/** The wall's scenes, in its order (client/scenes/scene-specs.ts; a test keeps the two alike). */
export const BRIEFING_SCENES = ['attention', 'overview', 'digital', 'services', 'surveillance', 'quality', 'scores'];

/** The cover of a week's briefing (client/print/BriefingCover.tsx): its first page, before the scenes. */
export const coverPage = (week: string) => `/briefings/cover?week=${encodeURIComponent(week)}`;

/** Renders waiting at most, and how long one export, and one weekly briefing, may run. */
export const RENDER_LIMITS = { depth: 8, exportMs: 60_000, briefingMs: 5 * 60_000 };

export class Briefings {
  private readonly queue = new RenderQueue({ depth: RENDER_LIMITS.depth, timeoutMs: RENDER_LIMITS.exportMs });
  private baseUrl = '';
  private token = '';

  constructor(
    readonly dir: string,
    private readonly timezone: string,
    private readonly title: string,
    /** How long a screen may take to draw (tests shorten it). */
    private readonly within = DRAWN_WITHIN_MS,
  ) {}

  /**
   * Where the wall itself is served, for Chromium to open (known once the server listens), and
   * the viewer token it opens the screens with.
   */
  serveFrom(url: string, token: string): void {
    this.baseUrl = url;
    this.token = token;
  }

  /** One screen as a file; `options` name the client (one export each at a time) and stop it when the client goes away. */
  exportPage(page: string, format: 'png' | 'pdf', size: PngSize = '1920x1080', options: Pick<JobOptions, 'client' | 'signal'> = {}): Promise<Buffer> {
    return this.job(
      async (browser) => (format === 'png' ? renderPng(browser, this.site, page, size, this.within) : renderPdf(browser, this.site, [page], this.title, this.within)),
      options,
    );
  }

  /** Makes (or makes again) the briefing of the week holding `day` (default: today). */
  produce(day?: string, now = new Date()): Promise<BriefingEntry> {
    const week = formatPeriod(periodOf('week', day ?? today(this.timezone, now)));
    // The weekly briefing goes ahead of every export waiting.
    return this.job(async (browser) => {
      mkdirSync(this.dir, { recursive: true });
      const work = mkdtempSync(join(this.dir, '.making-'));
      try {
        const started = performance.now();
        const pages = BRIEFING_SCENES.map((id) => `/?scene=${id}`);
        const pngs: string[] = [];
        const pdfs: Buffer[] = [await renderPdf(browser, this.site, [coverPage(week)], this.title, this.within)];
        for (const [i, page] of pages.entries()) {
          const { png, pdf } = await renderScreen(browser, this.site, page, this.within);
          const file = `${String(i + 1).padStart(2, '0')}-${BRIEFING_SCENES[i]}.png`;
          writeFileSync(join(work, file), png);
          pngs.push(file);
          pdfs.push(pdf);
        }
        const pdf = `giao-ban-${week}.pdf`;
        writeFileSync(join(work, pdf), await mergePdfs(pdfs, `${this.title} – ${week}`));
        const entry: BriefingEntry = { week, madeAt: now.toISOString(), pdf, pngs, msPerPage: Math.round((performance.now() - started) / (pages.length + 1)) };
        this.replaceWeek(week, work);
        this.writeIndex([entry, ...this.index().filter((e) => e.week !== week)]);
        return entry;
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }, { priority: true, timeoutMs: RENDER_LIMITS.briefingMs });
  }

  private get site(): Site {
    return { baseUrl: this.baseUrl, token: this.token };
  }

  /** Makes the briefing every week at `time` (pack time zone); returns what stops it. */
  schedule(time: BriefingTime, log: (line: string) => void): () => void {
    let timer: NodeJS.Timeout;
    const arm = () => {
      const at = nextBriefingAt(time, this.timezone, new Date());
      // Timers hold at most ~24 days: wake up by then and arm again.
      timer = setTimeout(() => (at.getTime() - Date.now() > 1000 ? arm() : run()), Math.min(at.getTime() - Date.now(), 2 ** 31 - 1));
    };
    const run = () =>
      void this.produce().then(
        (e) => log(`Weekly briefing ${e.week}: ${e.pdf} and ${e.pngs.length} PNGs in ${join(this.dir, e.week)} (${e.msPerPage} ms a page)`),
        (err: Error) => log(`Weekly briefing failed: ${err.message}`),
      ).finally(arm);
    arm();
    return () => clearTimeout(timer);
  }

  /** The briefings made, newest week first. */
  index(): BriefingEntry[] {
    const file = join(this.dir, 'index.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as BriefingEntry[]) : [];
  }

  /** A file of a week's briefing, or null when there is no such file. */
  file(week: string, name: string): string | null {
    const entry = this.index().find((e) => e.week === week);
    return entry && (entry.pdf === name || entry.pngs.includes(name)) ? join(this.dir, week, name) : null;
  }

  private replaceWeek(week: string, work: string): void {
    const target = join(this.dir, week);
    const old = `${target}.old`;
    rmSync(old, { recursive: true, force: true });
    if (existsSync(target)) renameSync(target, old);
    renameSync(work, target);
    rmSync(old, { recursive: true, force: true });
  }

  private writeIndex(entries: BriefingEntry[]): void {
    const temp = join(this.dir, 'index.json.new');
    writeFileSync(temp, JSON.stringify(entries.sort((a, b) => b.week.localeCompare(a.week)), null, 2));
    renameSync(temp, join(this.dir, 'index.json'));
  }

  private job<T>(work: (browser: Awaited<ReturnType<typeof launchChromium>>) => Promise<T>, options: JobOptions): Promise<T> {
    return this.queue.run(async (signal) => {
      const browser = await launchChromium();
      // Stopped (its client gone, or past its time): closing the browser ends every render under way.
      const stop = () => void browser.close();
      signal.addEventListener('abort', stop, { once: true });
      try {
        if (signal.aborted) throw signal.reason;
        return await work(browser);
      } finally {
        signal.removeEventListener('abort', stop);
        await browser.close();
      }
    }, options);
  }
}
