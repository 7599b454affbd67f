/**
 * Whether this page is being rendered for a briefing (`?print=1`, set by the server's renderer):
 * charts then draw SVG (their text stays text in a PDF), the map keeps its drawing buffer (so it
 * can be copied into the page), and each screen carries a print band. Read once: a printed
 * page's URL does not change.
 */
export const PRINTING = new URLSearchParams(location.search).has('print');
