/**
 * When a screen (a wall scene or an explore view) is fully drawn: every view it shows has its
 * answer (`data-ready` on the screen's root), every map and chart has drawn its current figures
 * (`data-painted`, set by the panels; a panel whose code is still loading has none), and the
 * fonts are in. The contract between the client's markup and whatever waits for a finished
 * picture: the tests, the benchmarks, the briefing renderer. Evaluated inside the page, so it
 * must not close over anything.
 */
export function screenPainted(): boolean {
  const roots = [...document.querySelectorAll('[data-ready]')];
  const panels = [...document.querySelectorAll('.map, .chart')];
  return (
    roots.length > 0 &&
    roots.every((r) => r.getAttribute('data-ready') === 'yes') &&
    panels.every((p) => p.getAttribute('data-painted') === 'yes') &&
    document.fonts.status === 'loaded'
  );
}

/**
 * The same test for one part of the page (a wall scene drawing hidden before its turn). Kept apart
 * from screenPainted, which is sent into the page as source and so cannot call it.
 */
export function paintedWithin(root: Element): boolean {
  const ready = [root, ...root.querySelectorAll('[data-ready]')].filter((r) => r.hasAttribute('data-ready'));
  return (
    ready.length > 0 &&
    ready.every((r) => r.getAttribute('data-ready') === 'yes') &&
    [...root.querySelectorAll('.map, .chart')].every((p) => p.getAttribute('data-painted') === 'yes') &&
    document.fonts.status === 'loaded'
  );
}
