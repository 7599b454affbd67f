/** What the briefing API answers, shared by the server and the screens that show it. */

/** One week's briefing in the index: its PDF (a page per scene) and a PNG per scene. */
export interface BriefingEntry {
  week: string;
  madeAt: string;
  pdf: string;
  pngs: string[];
  /** Milliseconds per scene (its PNG and its PDF page), the map included. */
  msPerPage: number;
}

/** Where some figures come from (/api/sources), for a printed page's band. */
export interface FigureSources {
  sources: { source: string; figures: number; demo: boolean }[];
  /** The latest day a figure of these was reported: "số liệu đến ngày …". */
  lastReported: string | null;
}
