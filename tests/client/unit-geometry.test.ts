import { describe, expect, it } from 'vitest';
import { boundsOf, type UnitFeature } from '../../client/map/unit-geometry.ts';

const square = (code: string, x: number, y: number, size = 0.1): UnitFeature =>
  ({
    type: 'Feature',
    properties: { code, name: code },
    geometry: { type: 'Polygon', coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] },
  }) as unknown as UnitFeature;

describe('the bounds a map is fitted to', () => {
  const mainland = [square('a', 108.9, 11.5), square('b', 109.1, 12.2)];
  const islands = square('ts', 114.0, 9.0, 0.3);
  const archipelago = [[[113.9, 8.9], [114.4, 9.4]] as [number, number][]];

  it('leave out a unit drawn in the archipelago inset, so the mainland is not fitted at the scale of the sea', () => {
    boundsOf([...mainland, islands], archipelago).forEach((v, i) => expect(v).toBeCloseTo([108.9, 11.5, 109.2, 12.3][i]!));
    expect(boundsOf([...mainland, islands])[2]).toBeCloseTo(114.3);
  });

  it('keep the archipelago when it is all there is (a drill-down into its own unit)', () => {
    boundsOf([islands], archipelago).forEach((v, i) => expect(v).toBeCloseTo([114.0, 9.0, 114.3, 9.3][i]!));
  });
});
