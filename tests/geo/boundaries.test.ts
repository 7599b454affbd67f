import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import turfArea from '@turf/area';
import { feature } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { packFiles } from '../../geo/pack-files.ts';
import { loadRecipe, recipeIds } from '../../geo/recipe.ts';
import { readConfig, repoRoot } from '../../server/config.ts';
import { loadPack } from '../../server/reference/load-pack.ts';

type Shape = Polygon | MultiPolygon;
function shapesOf(topo: Topology, level: string): Map<string, Shape> {
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

// Every pack with a recipe (geo/<id>/recipe.json) is held to the same rules.
describe.each(recipeIds())('geo/%s/boundaries.topo.json', (id) => {
  const config = readConfig({ IOC_PACK: id });
  const topo = JSON.parse(readFileSync(config.boundariesFile, 'utf8')) as Topology;
  const pack = loadPack(config.packDir);
  const shapes = (level: string) => shapesOf(topo, level);
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
    const [code] = province.keys();
    expect(Math.abs(km2(province.get(code!)!) - all) / all).toBeLessThan(1e-9);
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

  it(`is what \`npm run pack -- build ${id}\` makes from geo/${id}/ today`, () => {
    for (const [path, content] of packFiles(loadRecipe(id)).files)
      expect(readFileSync(join(repoRoot, path), 'utf8'), `${path} is stale: run npm run pack -- build ${id}`).toBe(content);
  });
});

const config = readConfig({});
const topo = JSON.parse(readFileSync(config.boundariesFile, 'utf8')) as Topology;
const pack = loadPack(config.packDir);
const shapes = (level: string) => shapesOf(topo, level);

describe('the map context in geo/ninh-thuan/boundaries.topo.json', () => {
  const features = (object: string) =>
    (feature(topo, topo.objects[object] as GeometryCollection) as unknown as { features: { geometry: Shape; properties: { code: string; name: string } }[] }).features;
  const extent = (shape: Shape) => {
    const points = polygons(shape).flat(2);
    return [Math.min(...points.map((p) => p[0]!)), Math.min(...points.map((p) => p[1]!)), Math.max(...points.map((p) => p[0]!)), Math.max(...points.map((p) => p[1]!))];
  };
  const [west, south, east, north] = extent(shapes('province').get('58')!);

  it('draws the neighbouring provinces, cut to a box around the pack, not the province the pack lies in', () => {
    const land = features('context_land');
    expect(land.map((f) => f.properties.name)).toEqual(expect.arrayContaining(['Lâm Đồng', 'Đắk Lắk']));
    expect(land.map((f) => f.properties.code)).not.toContain('56');
    for (const f of land) {
      const [w, s, e, n] = extent(f.geometry);
      expect(w).toBeGreaterThanOrEqual(west - 3 * (north - south));
      expect(e).toBeLessThanOrEqual(east + 3 * (north - south));
      expect(s).toBeGreaterThanOrEqual(south - 3 * (north - south));
      expect(n).toBeLessThanOrEqual(north + 3 * (north - south));
    }
  });

  it("draws the rest of today's province: its communes not in the pack, and its outline around all of them", () => {
    const communes = features('context_commune');
    expect(communes.length).toBe(65 - 24 - 1); // less the pack, and the far-offshore Trường Sa special zone
    expect(communes.map((f) => f.properties.code).filter((code) => pack.units.some((u) => u.code === code))).toEqual([]);
    const [outline] = features('context_province');
    expect(outline!.properties).toEqual({ code: '56', name: 'Khánh Hòa' });
    // The outline holds the pack and the rest: about their areas together.
    const rest = communes.reduce((sum, f) => sum + km2(f.geometry), 0);
    expect(km2(outline!.geometry) / (rest + km2(shapes('province').get('58')!))).toBeCloseTo(1, 1);
  });

  it('keeps the Trường Sa archipelago as island points for the inset, with its province', () => {
    const archipelago = feature(topo, topo.objects.context_archipelago as GeometryCollection) as unknown as {
      features: { geometry: { type: string; coordinates: number[][] }; properties: { name: string; province: string } }[];
    };
    expect(archipelago.features).toHaveLength(1);
    const [islands] = archipelago.features;
    expect(islands!.properties).toEqual({ name: 'Trường Sa', province: 'Khánh Hòa' });
    expect(islands!.geometry.type).toBe('MultiPoint');
    expect(islands!.geometry.coordinates.length).toBeGreaterThan(100);
    for (const [x, y] of islands!.geometry.coordinates) {
      expect(x).toBeGreaterThan(109.4);
      expect(y).toBeLessThan(11.6);
    }
  });

  it('adds no more than 20 KiB gzipped to what the wall loads first', () => {
    const whole = gzipSync(readFileSync(config.boundariesFile)).length;
    const units = gzipSync(JSON.stringify({ ...topo, objects: { province: topo.objects.province, area: topo.objects.area, commune: topo.objects.commune }, arcs: topo.arcs.slice(0, unitArcs()) })).length;
    expect((whole - units) / 1024).toBeLessThan(20);
  });
});

/** How many arcs the units use: the context's come after them. */
function unitArcs(): number {
  let most = -1;
  const visit = (arcs: unknown): void => {
    if (Array.isArray(arcs)) for (const a of arcs) Array.isArray(a) ? visit(a) : (most = Math.max(most, a < 0 ? ~a : a));
  };
  for (const level of ['province', 'area', 'commune']) for (const g of (topo.objects[level] as GeometryCollection).geometries) visit((g as { arcs?: unknown }).arcs);
  return most + 1;
}
