import { describe, expect, it } from 'vitest';
import type { Facility } from '../../data/schema/pack.ts';
import { placeFacilities, type Point } from '../../client/map/place-facilities.ts';

const facility = (code: string, unitCode: string, tier: Facility['tier'], location: Point | null = null): Facility => ({
  code,
  name: code,
  shortName: code,
  kind: tier === 'province' ? 'provincial_hospital' : tier === 'area' ? 'area_health_centre' : 'commune_health_station',
  tier,
  unitCode,
  location,
});
const anchors = new Map<string, Point>([
  ['58', [108.8, 11.7]],
  ['582', [109.0, 11.6]],
  ['22810', [108.7, 11.8]],
]);

describe('placing facilities on the map', () => {
  it('puts a facility with a location where it stands, not approximate', () => {
    const [placed] = placeFacilities([facility('BV-X', '58', 'province', [108.95, 11.55])], anchors, '582', 0.02);
    expect(placed).toEqual({ facility: expect.objectContaining({ code: 'BV-X' }), position: [108.95, 11.55], approximate: false });
  });

  it('puts a lone station just below its commune label, marked approximate', () => {
    const [placed] = placeFacilities([facility('TYT-22810', '22810', 'commune')], anchors, '582', 0.02);
    expect(placed!.approximate).toBe(true);
    expect(placed!.position[0]).toBeCloseTo(108.7, 9);
    expect(placed!.position[1]).toBeCloseTo(11.78, 9);
  });

  it('puts province-level facilities in the seat unit, spread on a round ring with the area centre', () => {
    const placed = placeFacilities(
      [facility('BV-A', '58', 'province'), facility('BV-B', '58', 'province'), facility('TTYT-582', '582', 'area'), facility('BV-C', '58', 'province')],
      anchors,
      '582',
      0.02,
    );
    expect(placed).toHaveLength(4);
    const [x, y] = anchors.get('582')!;
    const xScale = Math.cos((y * Math.PI) / 180);
    for (const p of placed) expect(Math.hypot((p.position[0] - x) * xScale, p.position[1] - y)).toBeCloseTo(0.02, 9);
    expect(new Set(placed.map((p) => p.position.join()))).toHaveProperty('size', 4);
  });

  it('leaves out a facility whose unit the map does not show', () => {
    expect(placeFacilities([facility('TYT-99999', '99999', 'commune')], anchors, '582', 0.02)).toEqual([]);
  });
});
