/**
 * The colours scripts draw in (charts, the map), for the wall's dark ground or, when printing, for
 * paper: dark ink on white, light fills, so a printed briefing is light on ink. Status colours
 * (met, near, below: the Okabe–Ito hues of classify.ts) are the same on both, so they keep their
 * meaning; only what surrounds them changes. styles.css does the same for the page (`.print`).
 */
import { SEQUENTIAL, SEQUENTIAL_PAPER, type Rgb } from '../map/classify.ts';
import { CONTEXT_COLOURS as DARK_CONTEXT } from '../map/map-context.ts';
import { PRINTING } from './printing.ts';

const DARK = {
  text: '#e6edf7',
  muted: '#8aa0bf',
  grid: '#24324d',
  /** The target line of a ranking. */
  target: '#ffffff',
  /** A trend's line, and bars without a status. */
  series: '#6fa8ff',
  bar: '#4f7cff',
  /** The band where a target is met, and its label. */
  band: 'rgba(34, 160, 96, 0.18)',
  bandLabel: '#7fe0a8',
  /** Between the cells of a matrix. */
  cellBorder: '#0b1220',
  /** The epidemic channel: the usual level and the alert zone. */
  usual: 'rgb(30, 92, 78)',
  alert: 'rgb(112, 96, 40)',
  /** A forecast's 80% and 95% intervals: the series' hue, the likelier band the denser. */
  interval80: 'rgba(111, 168, 255, 0.45)',
  interval95: 'rgba(111, 168, 255, 0.2)',
  /** A panel's ground (styles.css --panel): the halo that keeps a label legible over lines and bands. */
  panel: '#111a2e',
};

const PAPER: typeof DARK = {
  text: '#1a2230',
  muted: '#4d5b70',
  grid: '#dde3ea',
  target: '#1a2230',
  series: '#0b5cad',
  bar: '#3b6fd8',
  band: 'rgba(0, 158, 115, 0.14)',
  bandLabel: '#00664a',
  cellBorder: '#ffffff',
  usual: 'rgb(186, 224, 209)',
  alert: 'rgb(247, 226, 156)',
  interval80: 'rgba(11, 92, 173, 0.3)',
  interval95: 'rgba(11, 92, 173, 0.12)',
  panel: '#ffffff',
};

export const INK = PRINTING ? PAPER : DARK;

/** The map's context on paper: pale land and sea, grey borders and names; today's province a shade darker than its neighbours. */
const PAPER_CONTEXT: typeof DARK_CONTEXT = {
  sea: [222, 234, 245],
  land: [240, 240, 237],
  province: [226, 228, 232],
  border: [176, 182, 192],
  outline: [96, 104, 118],
  label: [88, 94, 106],
  seaLabel: [64, 104, 156],
};

/** What the map draws around the units, in the theme's colours (map-context.ts holds the wall's). */
export const CONTEXT_COLOURS = PRINTING ? PAPER_CONTEXT : DARK_CONTEXT;

/** The map's names (with a halo of the ground's colour) and the lines between units (the ground showing through). */
export const MAP_INK: { label: [number, number, number, number]; halo: [number, number, number, number]; unitLine: [number, number, number, number] } = PRINTING
  ? { label: [17, 24, 39, 255], halo: [255, 255, 255, 255], unitLine: [255, 255, 255, 255] }
  : { label: [255, 255, 255, 235], halo: [11, 18, 32, 255], unitLine: [11, 18, 32, 255] };

/** Classes between round values: from the least to the most salient on the theme's ground. */
export const SEQUENTIAL_PALETTE: Rgb[] = PRINTING ? SEQUENTIAL_PAPER : SEQUENTIAL;
