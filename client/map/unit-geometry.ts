/** Points and extents of unit outlines, for labels, facility placement and framing. Pure. */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import type { Point } from './place-facilities.ts';

export type UnitFeature = Feature<Polygon | MultiPolygon, { code: string; name: string }>;

/** West, south, east, north of a unit's largest ring (its main body, not its islands). */
function mainBox(unit: UnitFeature): [number, number, number, number] {
  const rings = unit.geometry.type === 'Polygon' ? [unit.geometry.coordinates[0]!] : unit.geometry.coordinates.map((p) => p[0]!);
  const largest = rings.reduce((a, b) => (b.length > a.length ? b : a));
  const xs = largest.map((p) => p[0]!);
  const ys = largest.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Where to write a unit's name: the middle of its largest ring's bounding box. */
export function labelPoint(unit: UnitFeature): Point {
  const [west, south, east, north] = mainBox(unit);
  return [(west + east) / 2, (south + north) / 2];
}

/**
 * The units whose names are written, at this scale: a name (about 0.55 em a letter) may be at most
 * a third wider than its unit, and may not overlap a name already chosen, larger units first.
 * Small units crowded together (the wards of a city seen from the whole province) then stay
 * unlabelled until drilled into, instead of overprinting each other.
 */
export function chooseLabels(units: UnitFeature[], project: (p: Point) => Point, fontPx: number): UnitFeature[] {
  const boxes: Box[] = [];
  const sized = units.map((unit) => {
    const [west, , east, north] = mainBox(unit);
    return { unit, width: project([east, north])[0] - project([west, north])[0] };
  });
  return sized
    .sort((a, b) => b.width - a.width)
    .filter(({ unit, width }) => {
      const box = labelBox(project(labelPoint(unit)), unit.properties.name, fontPx);
      // Few units (a province's areas): every name matters, and a long one may run past its shape (the halo keeps it readable).
      if (box[2] - box[0] > (units.length <= 12 ? 3 : 1.33) * width) return false;
      if (boxes.some((b) => overlaps(box, b))) return false;
      boxes.push(box);
      return true;
    })
    .map(({ unit }) => unit);
}

export type Box = [left: number, top: number, right: number, bottom: number];

/** The screen box a name takes, centred on its point (about 0.55 em a letter). */
export function labelBox([x, y]: Point, text: string, fontPx: number): Box {
  const half = (text.length * 0.55 * fontPx) / 2;
  return [x - half, y - 0.6 * fontPx, x + half, y + 0.6 * fontPx];
}

export const overlaps = (a: Box, b: Box): boolean => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * West, south, east, north around the units, less their polygons in the archipelagos drawn in an
 * inset (a province holding Trường Sa would otherwise be fitted at the scale of the sea between);
 * all of them when nothing else is left (a drill-down into the archipelago's own unit).
 */
export function boundsOf(units: UnitFeature[], archipelagos: Point[][] = []): [number, number, number, number] {
  const polygons = units.flatMap((u) => (u.geometry.type === 'Polygon' ? [u.geometry.coordinates] : u.geometry.coordinates)) as unknown as Position[][][];
  const boxes = archipelagos.filter((islands) => islands.length > 0).map((islands) => {
    const [xs, ys] = [islands.map((p) => p[0]), islands.map((p) => p[1])];
    // Half a degree around the islands: their polygons are drawn from the same survey as the points.
    return [Math.min(...xs) - 0.5, Math.min(...ys) - 0.5, Math.max(...xs) + 0.5, Math.max(...ys) + 0.5];
  });
  const offshore = (polygon: Position[][]) => boxes.some(([w, s, e, n]) => polygon[0]!.every(([x, y]) => x! >= w! && x! <= e! && y! >= s! && y! <= n!));
  const mainland = polygons.filter((p) => !offshore(p));
  const points = (mainland.length > 0 ? mainland : polygons).flat(2 as 1) as unknown as Position[];
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
