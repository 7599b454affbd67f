import { describe, expect, it } from 'vitest';
import type { Facility } from '../../data/schema/pack.ts';
import { kindsToDraw, placeFacilities, ringsArea, spreadApart, type Point } from '../../client/map/place-facilities.ts';

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

  it('puts a province-level hospital at the seat, or where the pack places it (a former province\'s seat)', () => {
    const [atSeat] = placeFacilities([facility('BV-A', '58', 'province')], anchors, '582', 0.02);
    expect(atSeat!.position[0]).toBeCloseTo(109.0, 9);
    const [placed] = placeFacilities([{ ...facility('BV-B', '58', 'province'), placedIn: '22810' }], anchors, '582', 0.02);
    expect(placed!.position[0]).toBeCloseTo(108.7, 9);
    expect(placed!.facility.unitCode).toBe('58');
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

describe('spreading facilities that share a place', () => {
  it('widens the ring of a crowded unit until its marks are `spacing` apart', () => {
    const five = ['A', 'B', 'C', 'D', 'E'].map((c) => facility(`BV-${c}`, '58', 'province'));
    const placed = placeFacilities(five, anchors, '582', 0.001, 0.01);
    const [x, y] = anchors.get('582')!;
    const xScale = Math.cos((y * Math.PI) / 180);
    const apart = (a: Point, b: Point) => Math.hypot((a[0] - b[0]) * xScale, a[1] - b[1]);
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) expect(apart(placed[i]!.position, placed[j]!.position)).toBeGreaterThanOrEqual(0.01 - 1e-9);
    expect(apart(placed[0]!.position, [x, y])).toBeCloseTo(0.01 / (2 * Math.sin(Math.PI / 5)), 9);
  });

  it('pushes overlapping marks apart until none overlaps, leaving located ones where they stand', () => {
    const marks = [
      { x: 100, y: 100, r: 10, fixed: true },
      { x: 100, y: 100, r: 10, fixed: false },
      { x: 104, y: 101, r: 6, fixed: false },
      { x: 300, y: 300, r: 6, fixed: false },
    ];
    const at = spreadApart(marks, 2);
    expect(at[0]).toEqual([100, 100]);
    expect(at[3]).toEqual([300, 300]);
    for (let i = 0; i < marks.length; i++)
      for (let j = i + 1; j < marks.length; j++)
        expect(Math.hypot(at[i]![0] - at[j]![0], at[i]![1] - at[j]![1])).toBeGreaterThanOrEqual(marks[i]!.r + marks[j]!.r + 2 - 0.5);
  });
});

describe('marks and names', () => {
  it('moves a mark placed by its unit out from under a name, and leaves a located one', () => {
    const name: [number, number, number, number] = [80, 90, 160, 110];
    const at = spreadApart(
      [
        { x: 120, y: 100, r: 8, fixed: false },
        { x: 100, y: 100, r: 8, fixed: true },
      ],
      2,
      [name],
    );
    const [x, y] = at[0]!;
    const nearest = [Math.max(80, Math.min(160, x)), Math.max(90, Math.min(110, y))];
    expect(Math.hypot(x - nearest[0]!, y - nearest[1]!)).toBeGreaterThanOrEqual(10 - 1e-6);
    expect(at[1]).toEqual([100, 100]);
  });
});

describe('how many kinds a map draws', () => {
  const radius = (kind: string) => ({ hospital: 10, centre: 8, station: 6 })[kind]!;
  const counts = new Map([
    ['station', 24],
    ['hospital', 5],
    ['centre', 7],
  ]);
  it('adds the larger kinds first while the marks cover at most 12% of the units', () => {
    // Marks: hospitals 5·π·10² = 1,571 px², centres 7·π·8² = 1,407, stations 24·π·6² = 2,714; 5,692.5 in all.
    expect(kindsToDraw(counts, radius, 5_693 / 0.12)).toEqual({ drawn: ['hospital', 'centre', 'station'], left: [] });
    expect(kindsToDraw(counts, radius, 5_692 / 0.12 - 100)).toEqual({ drawn: ['hospital', 'centre'], left: ['station'] });
    expect(kindsToDraw(counts, radius, 2_978 / 0.12 - 100)).toEqual({ drawn: ['hospital'], left: ['centre', 'station'] });
  });
  it('always draws the largest kind, however small the map', () => {
    expect(kindsToDraw(counts, radius, 1)).toEqual({ drawn: ['hospital'], left: ['centre', 'station'] });
  });
  it("measures the units' area with holes taken out, whichever way a ring winds", () => {
    const square = (x: number, y: number, side: number, clockwise: boolean): Point[] => {
      const ring: Point[] = [[x, y], [x + side, y], [x + side, y + side], [x, y + side], [x, y]];
      return clockwise ? ring.reverse() : ring;
    };
    // A 10×10 square with a 4×4 hole, and a separate 3×3 square: 100 − 16 + 9.
    expect(ringsArea([[square(0, 0, 10, false), square(3, 3, 4, false)], [square(20, 0, 3, true)]])).toBe(93);
  });
});
