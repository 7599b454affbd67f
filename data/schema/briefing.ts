/** What the briefing API answers, shared by the server and the screens that show it. */

/** One week's briefing in the index: its PDF (a cover, then a page per scene) and a PNG per scene. */
export interface BriefingEntry {
  week: string;
  madeAt: string;
  pdf: string;
  pngs: string[];
  /** Milliseconds per page (the cover; a scene: its PNG and its PDF page), the map included. */
  msPerPage: number;
}

/** Where some figures come from (/api/sources), for a printed page's band. */
export interface FigureSources {
  /**
   * The documents the figures cite, most figures first ("BC-SYT-NT-2024H1 Bảng 2"); demo figures
   * are one entry without a document (`document: null`), which a page names in its language
   * ("Dữ liệu demo (sinh tự động)"). Never a file path.
   */
  sources: { document: string | null; figures: number; demo: boolean }[];
  /** The latest day a figure of these was reported: "số liệu đến ngày …". */
  lastReported: string | null;
}

/**
 * A file path inside a source, brackets and all: a word with a slash that ends in a file extension
 * ("data/x.csv", "(./demo.ts)"), or a Windows path, spaces and all ("C:\\Số liệu\\x.xlsx").
 */
const PATH = /\(?(?:[A-Za-z]:\\[^()]*?|[^\s()]*[\\/][^\s()]*)\.[A-Za-z][A-Za-z0-9]{0,4}\b\)?/g;

/**
 * A figure's source as a document names it: what the uploader wrote ("BC-SYT-NT-2024H1 Bảng 2",
 * "KH 3648/KH-UBND"), less any file path in it; null when nothing but a path (or nothing) is left.
 * Document numbers keep their slashes: a path is a slash followed, at its end, by a file extension.
 */
export function sourceDocument(source: string): string | null {
  const document = source.replace(PATH, ' ').replace(/\s+/g, ' ').replace(/[\s:;,–-]+$/, '').trim();
  return document === '' ? null : document;
}
