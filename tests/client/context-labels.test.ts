import { describe, expect, it } from 'vitest';
import { placeContextNames } from '../../client/map/context-labels.ts';
import type { Point } from '../../client/map/place-facilities.ts';
import { labelBox, overlaps } from '../../client/map/unit-geometry.ts';

const rect = (l: number, t: number, r: number, b: number): Point[][] => [[[l, t], [r, t], [r, b], [l, b], [l, t]]];

describe('placeContextNames(names, units, land, size) → where context names go', () => {
  // A 600×300 map: a neighbour on the left third, the units in the middle, the sea on the right.
  const neighbour = rect(0, 0, 200, 300);
  const units = [rect(200, 0, 400, 300)];
  const land = [neighbour, ...units];

  it("writes a neighbour's name inside it, off the units, and the sea's where no land is", () => {
    const placed = placeContextNames([{ text: 'Lâm Đồng', rings: neighbour }, { text: 'Biển Đông', rings: null }], units, land, [600, 300], 20, []);
    expect(placed).toHaveLength(2);
    const [onLand, atSea] = placed;
    const box = labelBox(onLand!.at, 'Lâm Đồng', 20);
    expect(box[0]).toBeGreaterThanOrEqual(0);
    expect(box[2]).toBeLessThanOrEqual(200);
    expect(labelBox(atSea!.at, 'Biển Đông', 20)[0]).toBeGreaterThanOrEqual(400);
  });

  it('puts a name where its shape has most room: in the middle of a plain rectangle', () => {
    const [placed] = placeContextNames([{ text: 'X', rings: neighbour }], units, land, [600, 300], 20, []);
    expect(Math.abs(placed!.at[0] - 100)).toBeLessThanOrEqual(10);
    expect(Math.abs(placed!.at[1] - 150)).toBeLessThanOrEqual(10);
  });

  it('keeps off boxes already taken (the inset, unit names), and leaves out a name with no room', () => {
    const inset: [number, number, number, number] = [400, 100, 600, 300];
    const [sea] = placeContextNames([{ text: 'Biển Đông', rings: null }], units, land, [600, 300], 20, [inset]);
    expect(overlaps(labelBox(sea!.at, 'Biển Đông', 20), inset)).toBe(false);
    expect(placeContextNames([{ text: 'A name far too long for its narrow shape', rings: rect(0, 0, 60, 300) }], units, land, [600, 300], 20, [])).toEqual([]);
  });
});
