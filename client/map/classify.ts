/**
 * Colours for a choropleth, from values alone. Pure; the map layer only draws what it is given.
 * With a target, units are coloured by attainment (met, near, below), which is what an operations
 * room reads at a glance; without one, by classes between round values (nice-breaks.ts) of a
 * sequential palette whose most salient end is the worse one, by the indicator's direction.
 * Every legend ends with the colour of units without a figure.
 */
import type { Indicator } from '../../data/schema/indicator.ts';
import type { FacilityKind } from '../../data/schema/pack.ts';
import type { Status } from '../../data/schema/view.ts';
import { niceBreaks } from './nice-breaks.ts';

export type Rgb = [number, number, number];

// Okabe–Ito hues (bluish green, yellow, vermillion): told apart with the common colour-vision deficiencies; styles.css holds the same.
export const STATUS_COLOURS: Record<Status, Rgb> = { met: [0, 158, 115], near: [240, 190, 40], below: [213, 94, 0] };
/** Neutral grey, lighter than the context land and without the palette's hue. */
export const NO_DATA: Rgb = [124, 130, 142];
/** A figure that is provisional or partial: no status colour, and apart from no data (lighter, bluish). */
export const PENDING: Rgb = [190, 200, 222];

export interface FacilityMark {
  colour: Rgb;
  /** In rem. */
  radius: number;
}

/** Facility points: by kind, bigger for the higher tiers; none for bodies that give no care. */
export const FACILITY_MARKS: Record<FacilityKind, FacilityMark | null> = {
  provincial_hospital: { colour: [255, 255, 255], radius: 0.55 },
  provincial_clinic: { colour: [140, 200, 255], radius: 0.45 },
  area_health_centre: { colour: [255, 214, 102], radius: 0.45 },
  commune_health_station: { colour: [255, 138, 101], radius: 0.32 },
  private: { colour: [186, 156, 255], radius: 0.32 },
  provincial_agency: null,
};

/** Whether maps draw a kind of facility (bodies that give no care they do not). */
export const onMaps = (f: { kind: FacilityKind }): boolean => FACILITY_MARKS[f.kind] !== null;

/** The mark of a kind that maps draw (onMaps). */
export function markOf(kind: FacilityKind): FacilityMark {
  const mark = FACILITY_MARKS[kind];
  if (!mark) throw new Error(`no map mark for facility kind ${kind}`);
  return mark;
}
/**
 * From the least to the most salient on the wall's dark ground: a muted slate blue rising in
 * lightness and saturation through violet and red to orange, so the worse end draws the eye.
 */
export const SEQUENTIAL: Rgb[] = [
  [62, 92, 130],
  [106, 94, 166],
  [166, 82, 158],
  [226, 84, 96],
  [255, 152, 54],
];
/**
 * The same on paper (a printed briefing), where salience is ink: from a pale mauve to a deep
 * crimson (ColorBrewer PuRd), darker for the worse end, and clear of the status hues.
 */
export const SEQUENTIAL_PAPER: Rgb[] = [
  [212, 185, 218],
  [201, 148, 199],
  [223, 101, 176],
  [221, 28, 119],
  [152, 0, 67],
];

export interface LegendItem {
  colour: Rgb;
  /** Status class; or the bounds of a class (no `from`: the first, open below; no `to`: the last, open above); or no data. */
  status?: Status;
  from?: number;
  to?: number;
  noData?: true;
  /** Figures that are provisional or partial, judged by no one. */
  pending?: true;
}

export interface Classification {
  colourOf(value: number | null, status: Status | null): Rgb;
  legend: LegendItem[];
  /** Decimals the class bounds are written with. */
  decimals: number;
}

const noDataItem: LegendItem = { colour: NO_DATA, noData: true };

/** `pending`: some unit's figure is provisional or partial, so the legend names that colour. */
export function classifyByStatus(pending = false): Classification {
  return {
    colourOf: (value, status) => (value === null ? NO_DATA : status === null ? PENDING : STATUS_COLOURS[status]),
    legend: [
      ...(['met', 'near', 'below'] as const).map((status) => ({ colour: STATUS_COLOURS[status], status })),
      ...(pending ? [{ colour: PENDING, pending: true as const }] : []),
      noDataItem,
    ],
    decimals: 0,
  };
}

/**
 * Classes between round values, coloured so that the worse end is the most salient: the lowest
 * values for an indicator where higher is better, the highest otherwise (neutral ones included,
 * where more is what stands out).
 */
export function classifyByBreaks(values: (number | null)[], direction: Indicator['direction'], palette: Rgb[] = SEQUENTIAL): Classification {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return { colourOf: () => NO_DATA, legend: [noDataItem], decimals: 0 };
  const { breaks, decimals } = niceBreaks(present, palette.length);
  const classes = breaks.length + 1;
  // Spread over the whole palette, so two classes still differ as much as the ends.
  const ramp = Array.from({ length: classes }, (_, i) => palette[classes === 1 ? palette.length - 1 : Math.round((i * (palette.length - 1)) / (classes - 1))]!);
  const ordered = direction === 'higher_is_better' ? ramp.reverse() : ramp;
  const classOf = (v: number) => breaks.filter((b) => v >= b).length;
  const single = classes === 1 ? { from: present[0]!, to: present[0]! } : null;
  return {
    colourOf: (value) => (value === null || !Number.isFinite(value) ? NO_DATA : ordered[classOf(value)]!),
    legend: [
      ...ordered.map((colour, i) => single ? { colour, ...single } : { colour, ...(i > 0 ? { from: breaks[i - 1]! } : {}), ...(i < classes - 1 ? { to: breaks[i]! } : {}) }),
      noDataItem,
    ],
    decimals,
  };
}
