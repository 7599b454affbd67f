/**
 * Where the map draws facilities. Pure. A facility with a location stands there; one without
 * (the sources give none) is placed by the unit it belongs to: a station in its commune, a centre
 * in its area, a province-level hospital in the area of the province's seat, unless the pack
 * places it elsewhere (placedIn: a former province's seat). Facilities sharing
 * a unit are set around its label point on a ring, starting below the label, wide enough for its
 * marks to stand apart, and are marked approximate so the legend can say so. Marks of
 * neighbouring units that still overlap on screen are then pushed apart (spreadApart).
 */
import type { Facility } from '../../data/schema/pack.ts';

export type Point = [number, number];

export interface PlacedFacility {
  facility: Facility;
  position: Point;
  approximate: boolean;
}

/**
 * `anchors`: a label point per unit code; `seat`: the unit for province-level facilities;
 * `radius`: the ring's least radius in degrees of latitude (the map picks it from its extent);
 * `spacing`: the least distance between neighbours on a ring, in the same degrees (a ring of
 * many grows until they have it).
 */
export function placeFacilities(facilities: Facility[], anchors: Map<string, Point>, seat: string | undefined, radius: number, spacing = 0): PlacedFacility[] {
  const placed: PlacedFacility[] = facilities.filter((f) => f.location).map((f) => ({ facility: f, position: f.location!, approximate: false }));
  const byAnchor = new Map<string, Facility[]>();
  for (const f of facilities) {
    if (f.location) continue;
    const unit = f.placedIn ?? (f.tier === 'province' && seat ? seat : f.unitCode);
    if (!anchors.has(unit)) continue;
    byAnchor.set(unit, [...(byAnchor.get(unit) ?? []), f]);
  }
  for (const [unit, group] of byAnchor) {
    const [x, y] = anchors.get(unit)!;
    // A degree of longitude shrinks with latitude: scaled so the ring is round on the map.
    const xScale = 1 / Math.cos((y * Math.PI) / 180);
    // n marks on a ring of radius r stand 2·r·sin(π/n) apart.
    const ring = group.length > 1 ? Math.max(radius, spacing / (2 * Math.sin(Math.PI / group.length))) : radius;
    group.forEach((facility, k) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * k) / group.length;
      placed.push({ facility, position: [x + ring * Math.cos(angle) * xScale, y + ring * Math.sin(angle)], approximate: true });
    });
  }
  return placed;
}

/** A mark on the screen: centre and radius in pixels; a fixed one (a surveyed location) does not move. */
export interface Mark {
  x: number;
  y: number;
  r: number;
  fixed: boolean;
}

/**
 * Marks that overlap (closer than their radii and `gap`) pushed apart, each pair half the overlap
 * each (all of it for the one that may move when the other is fixed), and out of the `obstacles`
 * (names written on the map: left, top, right, bottom), round after round until none overlaps or
 * `rounds` are spent. Returns the new centres, in the marks' order.
 */
export function spreadApart(marks: Mark[], gap: number, obstacles: [number, number, number, number][] = [], rounds = 40): [number, number][] {
  const at = marks.map((m) => [m.x, m.y] as [number, number]);
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    marks.forEach((m, i) => {
      if (m.fixed) return;
      for (const [l, t, r, b] of obstacles) {
        const [x, y] = at[i]!;
        const [nx, ny] = [Math.max(l, Math.min(r, x)), Math.max(t, Math.min(b, y))];
        const d = Math.hypot(x - nx, y - ny);
        if (d >= m.r + gap) continue;
        // Inside the box: out by its nearest side; else straight away from it.
        const out = d > 1e-6 ? [(x - nx) / d, (y - ny) / d] : [[-1, 0, x - l], [1, 0, r - x], [0, -1, y - t], [0, 1, b - y]].reduce((a, c) => (c[2]! < a[2]! ? c : a)).slice(0, 2);
        const push = d > 1e-6 ? m.r + gap - d : m.r + gap + Math.min(x - l, r - x, y - t, b - y);
        at[i] = [x + out[0]! * push, y + out[1]! * push];
        moved = true;
      }
    });
    for (let i = 0; i < marks.length; i++)
      for (let j = i + 1; j < marks.length; j++) {
        const [a, b] = [marks[i]!, marks[j]!];
        if (a.fixed && b.fixed) continue;
        let [dx, dy] = [at[j]![0] - at[i]![0], at[j]![1] - at[i]![1]];
        const need = a.r + b.r + gap;
        let d = Math.hypot(dx, dy);
        if (d >= need) continue;
        // Marks on the same spot part along a direction of their own (the same at every render).
        if (d < 1e-6) [dx, dy, d] = [Math.cos(i + j), Math.sin(i + j), 1];
        const push = need - d;
        const [share, other] = a.fixed ? [0, 1] : b.fixed ? [1, 0] : [0.5, 0.5];
        at[i] = [at[i]![0] - (dx / d) * push * share, at[i]![1] - (dy / d) * push * share];
        at[j] = [at[j]![0] + (dx / d) * push * other, at[j]![1] + (dy / d) * push * other];
        moved = true;
      }
    if (!moved) break;
  }
  return at;
}

/**
 * Which kinds of facility a map draws: the larger kinds first (hospitals, then centres, then
 * stations), each only while all the marks drawn cover at most `share` of the units' area on
 * screen, so that the figures' colours stay what the eye reads. A kind left out is said in the
 * legend (a drill-down, with fewer units at a larger scale, draws it). `radiusOf` is a kind's mark
 * radius in px; `unitsArea` the units' area on screen in px².
 */
export function kindsToDraw<K extends string>(counts: Map<K, number>, radiusOf: (kind: K) => number, unitsArea: number, share = 0.12): { drawn: K[]; left: K[] } {
  const kinds = [...counts.keys()].sort((a, b) => radiusOf(b) - radiusOf(a));
  const drawn: K[] = [];
  let covered = 0;
  for (const kind of kinds) {
    covered += counts.get(kind)! * Math.PI * radiusOf(kind) ** 2;
    // The largest kind always shows: a handful of hospitals never hides a map.
    if (drawn.length > 0 && covered > share * unitsArea) break;
    drawn.push(kind);
  }
  return { drawn, left: kinds.filter((k) => !drawn.includes(k)) };
}

/** The area of polygons' rings on screen (px²), holes taken out: each ring's shoelace sum, signed by its winding. */
export function ringsArea(polygons: Point[][][]): number {
  let total = 0;
  for (const rings of polygons) {
    rings.forEach((ring, i) => {
      let sum = 0;
      for (let k = 0, j = ring.length - 1; k < ring.length; j = k++) sum += (ring[j]![0] - ring[k]![0]) * (ring[j]![1] + ring[k]![1]);
      total += (i === 0 ? 1 : -1) * Math.abs(sum / 2);
    });
  }
  return total;
}
