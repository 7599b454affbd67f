/**
 * Colours for a choropleth, from values alone. Pure; the map layer only draws what it is given.
 * With a target, units are coloured by attainment (met, near, below), which is what an operations
 * room reads at a glance; without one, by quantile classes of a sequential palette.
 */
import type { FacilityKind } from '../../data/schema/pack.ts';
import type { Status } from '../../data/schema/view.ts';

export type Rgb = [number, number, number];

export const STATUS_COLOURS: Record<Status, Rgb> = { met: [34, 160, 96], near: [230, 168, 23], below: [214, 64, 69] };
export const NO_DATA: Rgb = [70, 80, 100];

/** Facility points: by kind, bigger for the higher tiers (radius in rem). */
export const FACILITY_MARKS: Record<FacilityKind, { colour: Rgb; radius: number }> = {
  provincial_hospital: { colour: [255, 255, 255], radius: 0.55 },
  area_health_centre: { colour: [255, 214, 102], radius: 0.45 },
  commune_health_station: { colour: [255, 138, 101], radius: 0.32 },
  private: { colour: [186, 156, 255], radius: 0.32 },
};
const SEQUENTIAL: Rgb[] = [
  [222, 235, 247],
  [158, 202, 225],
  [107, 174, 214],
  [49, 130, 189],
  [8, 81, 156],
];

export interface LegendItem {
  colour: Rgb;
  /** Status class, or the bounds of a quantile class. */
  status?: Status;
  from?: number;
  to?: number;
}

export interface Classification {
  colourOf(value: number | null, status: Status | null): Rgb;
  legend: LegendItem[];
}

export function classifyByStatus(): Classification {
  return {
    colourOf: (value, status) => (value === null || status === null ? NO_DATA : STATUS_COLOURS[status]),
    legend: (['met', 'near', 'below'] as const).map((status) => ({ colour: STATUS_COLOURS[status], status })),
  };
}

/** Quantile classes: at most five, fewer when breaks would coincide (few units, or equal values). */
export function classifyByQuantile(values: (number | null)[]): Classification {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return { colourOf: () => NO_DATA, legend: [] };
  const wanted = Math.min(SEQUENTIAL.length, new Set(sorted).size);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))]!;
  const breaks = [...new Set(Array.from({ length: wanted + 1 }, (_, i) => at(i / wanted)))];
  if (breaks.length === 1) breaks.push(breaks[0]!);
  const classes = breaks.length - 1;
  const palette = SEQUENTIAL.slice(SEQUENTIAL.length - classes);
  const classOf = (v: number) => Math.max(0, Math.min(classes - 1, breaks.findIndex((b, i) => i > 0 && v <= b) - 1));
  return {
    colourOf: (value) => (value === null ? NO_DATA : palette[classOf(value)]!),
    legend: palette.map((colour, i) => ({ colour, from: breaks[i]!, to: breaks[i + 1]! })),
  };
}
