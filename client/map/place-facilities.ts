/**
 * Where the map draws facilities. Pure. A facility with a location stands there; one without
 * (the sources give none) is placed by the unit it belongs to: a station in its commune, a centre
 * in its area, a province-level hospital in the area of the province's seat. Facilities sharing
 * a unit are set around its label point on a small ring, starting below the label, and are
 * marked approximate so the legend can say so.
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
 * `radius`: the ring's radius in degrees of latitude (the map picks it from its extent).
 */
export function placeFacilities(facilities: Facility[], anchors: Map<string, Point>, seat: string | undefined, radius: number): PlacedFacility[] {
  const placed: PlacedFacility[] = facilities.filter((f) => f.location).map((f) => ({ facility: f, position: f.location!, approximate: false }));
  const byAnchor = new Map<string, Facility[]>();
  for (const f of facilities) {
    if (f.location) continue;
    const unit = f.tier === 'province' && seat ? seat : f.unitCode;
    if (!anchors.has(unit)) continue;
    byAnchor.set(unit, [...(byAnchor.get(unit) ?? []), f]);
  }
  for (const [unit, group] of byAnchor) {
    const [x, y] = anchors.get(unit)!;
    // A degree of longitude shrinks with latitude: scaled so the ring is round on the map.
    const xScale = 1 / Math.cos((y * Math.PI) / 180);
    group.forEach((facility, k) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * k) / group.length;
      placed.push({ facility, position: [x + radius * Math.cos(angle) * xScale, y + radius * Math.sin(angle)], approximate: true });
    });
  }
  return placed;
}
