import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import turfArea from '@turf/area';
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { packFiles } from '../../geo/pack-files.ts';
import { ninhThuan } from '../../geo/ninh-thuan/recipe.ts';
import { readConfig, repoRoot } from '../../server/config.ts';
import { loadPack } from '../../server/reference/load-pack.ts';

const config = readConfig({});
const topo = JSON.parse(readFileSync(config.boundariesFile, 'utf8')) as Topology;
const pack = loadPack(config.packDir);

type Shape = Polygon | MultiPolygon;
function shapes(level: string): Map<string, Shape> {
  const collection = topo.objects[level] as GeometryCollection;
  return new Map(
    collection.geometries.map((g: GeometryObject) => [
      String(g.id),
      (feature(topo, g) as unknown as { geometry: Shape }).geometry,
    ]),
  );
}
const km2 = (s: Shape) => turfArea(s) / 1e6;
const polygons = (s: Shape) => (s.type === 'Polygon' ? [s.coordinates] : s.coordinates);

describe('geo/ninh-thuan/boundaries.topo.json', () => {
  const communes = shapes('commune');
  const areas = shapes('area');
  const province = shapes('province');

  it('holds one geometry per unit of each level, keyed by unit code', () => {
    for (const level of ['province', 'area', 'commune'])
      expect([...shapes(level).keys()].sort()).toEqual(pack.units.filter((u) => u.level === level).map((u) => u.code).sort());
  });

  it("gives each area the area of the union of its communes (within 0.5%, in fact to rounding)", () => {
    for (const area of pack.units.filter((u) => u.level === 'area')) {
      const members = pack.units.filter((u) => u.parentCode === area.code);
      const sum = members.reduce((s, c) => s + km2(communes.get(c.code)!), 0);
      const own = km2(areas.get(area.code)!);
      expect(Math.abs(own - sum) / sum, area.name).toBeLessThan(0.005);
      expect(Math.abs(own - sum) / sum, `${area.name} closes exactly`).toBeLessThan(1e-9);
    }
  });

  it('closes without gaps: merged areas and the province have no holes, and the province is the sum of all communes', () => {
    for (const [code, shape] of [...areas, ...province])
      for (const polygon of polygons(shape)) expect(polygon.length, `unit ${code} has a hole`).toBe(1);
    const all = [...communes.values()].reduce((s, c) => s + km2(c), 0);
    expect(Math.abs(km2(province.get('58')!) - all) / all).toBeLessThan(1e-9);
  });

  it('matches the area km² written in units.csv', () => {
    for (const u of pack.units) {
      const shape = shapes(u.level).get(u.code)!;
      expect(u.areaKm2, u.name).toBeCloseTo(km2(shape), 2);
    }
  });

  it('is small enough to commit and serve (under 1 MB)', () => {
    expect(statSync(config.boundariesFile).size).toBeLessThan(1024 * 1024);
  });

  it('is what `npm run geo:build` makes from geo/ninh-thuan/sources today', () => {
    for (const [path, content] of packFiles(ninhThuan))
      expect(readFileSync(join(repoRoot, path), 'utf8'), `${path} is stale: run npm run geo:build`).toBe(content);
  });
});
