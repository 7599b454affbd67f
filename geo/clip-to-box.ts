/**
 * Cuts polygons to a box (Sutherland–Hodgman, one box edge at a time). Pure. Enough for map
 * context: a concave shape may keep zero-width slivers along the box's edge, which fill nothing.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type Box = [west: number, south: number, east: number, north: number];

type Edge = { inside(p: Position): boolean; cross(a: Position, b: Position): Position };

function edges([west, south, east, north]: Box): Edge[] {
  const atX = (x: number) => (a: Position, b: Position): Position => [x, a[1]! + ((b[1]! - a[1]!) * (x - a[0]!)) / (b[0]! - a[0]!)];
  const atY = (y: number) => (a: Position, b: Position): Position => [a[0]! + ((b[0]! - a[0]!) * (y - a[1]!)) / (b[1]! - a[1]!), y];
  return [
    { inside: (p) => p[0]! >= west, cross: atX(west) },
    { inside: (p) => p[0]! <= east, cross: atX(east) },
    { inside: (p) => p[1]! >= south, cross: atY(south) },
    { inside: (p) => p[1]! <= north, cross: atY(north) },
  ];
}

/** A closed ring cut to the box: closed again, or null when nothing of it is left. */
export function clipRing(ring: Position[], box: Box): Position[] | null {
  let points = ring.slice(0, -1);
  for (const edge of edges(box)) {
    const kept: Position[] = [];
    points.forEach((point, i) => {
      const previous = points[(i + points.length - 1) % points.length]!;
      if (edge.inside(point)) {
        if (!edge.inside(previous)) kept.push(edge.cross(previous, point));
        kept.push(point);
      } else if (edge.inside(previous)) kept.push(edge.cross(previous, point));
    });
    points = kept;
    if (points.length < 3) return null;
  }
  return [...points, points[0]!];
}

/** The parts of a polygon or multipolygon inside the box, or null when none is. */
export function clipToBox(geometry: Polygon | MultiPolygon, box: Box): MultiPolygon | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const clipped = polygons.flatMap((rings) => {
    const outer = clipRing(rings[0]!, box);
    if (!outer) return [];
    const holes = rings.slice(1).map((hole) => clipRing(hole, box)).filter((hole): hole is Position[] => hole !== null);
    return [[outer, ...holes]];
  });
  return clipped.length > 0 ? { type: 'MultiPolygon', coordinates: clipped } : null;
}
