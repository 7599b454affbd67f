/**
 * Whether this page is being rendered for a briefing (`?print=1`, set by the server's renderer):
 * charts then draw SVG (their text stays text in a PDF), the map keeps its drawing buffer (so it
 * can be copied into the page), each screen carries a print band, and the page takes the light
 * print theme (dark ink on white paper: the `print` class on the root element, styles.css, and
 * ink.ts for what scripts draw). Read once: a printed page's URL does not change.
 */
export const PRINTING = typeof location !== 'undefined' && new URLSearchParams(location.search).has('print');

if (PRINTING) document.documentElement.classList.add('print');
