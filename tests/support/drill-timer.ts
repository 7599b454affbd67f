/**
 * Times a drill-down inside the page: from the tap's click event to the frame after the drilled
 * view (explore's data-unit = `unit`) has every view answered and its map and charts drawn
 * (screen.ts). Playwright's own wait for the button to settle before it taps is not the app's time.
 */
import type { Page } from 'playwright-core';
import { screenPainted } from '../../data/schema/screen.ts';

/** Call before the tap; `tapToDrawn` then gives the milliseconds. */
export async function armDrillTimer(page: Page, unit: string): Promise<void> {
  // Evaluated by the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(`window.screenPainted = ${screenPainted}`);
  await page.evaluate((code) => {
    const w = window as unknown as { tappedAt?: number; drawnAt?: number; screenPainted(): boolean };
    w.drawnAt = undefined;
    document.addEventListener('click', () => (w.tappedAt = performance.now()), { capture: true, once: true });
    new MutationObserver((_, observer) => {
      if (document.querySelector('[data-testid=explore]')?.getAttribute('data-unit') === code && w.screenPainted()) {
        // The next frame starts once the drawn one has been composited onto the screen.
        requestAnimationFrame(() => (w.drawnAt = performance.now()));
        observer.disconnect();
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-unit', 'data-ready', 'data-painted'] });
  }, unit);
}

export async function tapToDrawn(page: Page): Promise<number> {
  const ms = await page.waitForFunction(() => {
    const w = window as unknown as { tappedAt?: number; drawnAt?: number };
    return w.drawnAt !== undefined && w.tappedAt !== undefined && w.drawnAt - w.tappedAt;
  });
  return (await ms.jsonValue()) as number;
}
