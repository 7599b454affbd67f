/** The root font size in CSS pixels: canvas text (map labels, chart labels) follows it, as HTML text does, from a 1080p to a 4K wall. */
export function remPx(): number {
  return parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
}
