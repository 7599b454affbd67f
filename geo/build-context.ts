/**
 * The map's context around a pack, from the sources its recipe declares: the land of the
 * neighbouring provinces, the rest of the province the pack lies in today (commune by commune,
 * with that province's outline), whether there is a sea to name, and the archipelagos a province
 * drawn there holds, as island points (for an inset: an official map must show them).
 *
 * Cut to a box around the pack and simplified, then written into the pack's topology with the
 * pack's own quantization, as objects named `context_…` that are not units. The units' arcs are
 * left as they are, so their areas and outlines do not change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { topology } from 'topojson-server';
import { feature, mergeArcs, quantize } from 'topojson-client';
import type { GeometryCollection, GeometryObject, Topology } from 'topojson-specification';
import { clipToBox, type Box } from './clip-to-box.ts';
import type { ContextRecipe } from './recipe.ts';
import { simplifyArc } from './simplify-arcs.ts';

/** The box kept around the pack, in multiples of its larger side: wide panels (4:1 on a tablet) show much on either side. */
const MARGIN = { x: 2.5, y: 2 };
/** ~220 m: under a pixel at province scale on the wall and the tablet; context is not for zooming into. */
const TOLERANCE = 0.002;

type Shape = Polygon | MultiPolygon;
type Named = { code: string; name: string };

const polygonsOf = (s: Shape) => (s.type === 'Polygon' ? [s.coordinates] : s.coordinates);
const grow = ([w, s, e, n]: Box, x: number, y: number): Box => [w - x, s - y, e + x, n + y];

/** The middle of a ring's extent, to 0.001° (~100 m). */
function centre(ring: number[][]): [number, number] {
  const xs = ring.map((p) => p[0]!);
  const ys = ring.map((p) => p[1]!);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return [round((Math.min(...xs) + Math.max(...xs)) / 2), round((Math.min(...ys) + Math.max(...ys)) / 2)];
}

function ringInside(ring: number[][], [w, s, e, n]: Box): boolean {
  return ring.every(([x, y]) => x! >= w && x! <= e && y! >= s && y! <= n);
}

/**
 * The box of the pack's units, less the islands of its own archipelagos (a pack holding Trường Sa
 * would otherwise cut its context around half the South China Sea): they are drawn in an inset.
 */
function mainlandBox(pack: Topology, archipelagos: Box[]): Box {
  const rings = (feature(pack, pack.objects.commune as GeometryCollection) as unknown as FeatureCollection<Shape>).features.flatMap((f) => polygonsOf(f.geometry).map((p) => p[0]!));
  const mainland = rings.filter((ring) => !archipelagos.some((box) => ringInside(ring, box)));
  if (mainland.length === rings.length) return pack.bbox as Box;
  const points = mainland.flat();
  const xs = points.map((p) => p[0]!);
  const ys = points.map((p) => p[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Arc indices renumbered to the arcs still used, the others dropped. */
function pruneArcs(topo: Topology): void {
  const used = new Map<number, number>();
  const visit = (arcs: unknown): unknown =>
    Array.isArray(arcs)
      ? arcs.map((a) => {
          if (Array.isArray(a)) return visit(a);
          const i = (a as number) < 0 ? ~(a as number) : (a as number);
          if (!used.has(i)) used.set(i, used.size);
          return (a as number) < 0 ? ~used.get(i)! : used.get(i)!;
        })
      : arcs;
  for (const object of Object.values(topo.objects))
    for (const g of 'geometries' in object ? object.geometries : [object]) if ('arcs' in g) (g as { arcs: unknown }).arcs = visit(g.arcs);
  const arcs = topo.arcs;
  topo.arcs = [...used].sort((a, b) => a[1] - b[1]).map(([old]) => arcs[old]!);
}

/** Arc indices of a context geometry moved past the pack's own arcs. */
function shiftArcs(arcs: unknown, by: number): unknown {
  return Array.isArray(arcs) ? arcs.map((a) => (Array.isArray(a) ? shiftArcs(a, by) : (a as number) < 0 ? ~(~(a as number) + by) : (a as number) + by)) : arcs;
}

/** `dir`: the recipe's folder, which its file names are relative to. */
export function addContext(pack: Topology, recipe: ContextRecipe, dir: string): Topology {
  const read = <P>(file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as FeatureCollection<Shape, P>;
  const provinces = read<Named>(recipe.provincesFile).features;
  const communes = read<Named>(recipe.province.communesFile).features;
  const packCodes = new Set((pack.objects.commune as GeometryCollection).geometries.map((g) => String(g.id)));
  const [w, s, e, n] = mainlandBox(pack, recipe.archipelagos.map((a) => a.box));
  const side = Math.max(e - w, n - s);
  const crop = grow([w, s, e, n], MARGIN.x * side, MARGIN.y * side);

  // An archipelago is far from its province's mainland: out of the crop, and drawn in an inset instead.
  const archipelagoBoxes = (code: string) => recipe.archipelagos.filter((a) => a.province === code).map((a) => a.box);
  const mainland = (shape: Shape, code: string): MultiPolygon | null => {
    const polygons = polygonsOf(shape).filter((p) => !archipelagoBoxes(code).some((box) => ringInside(p[0]!, box)));
    return polygons.length > 0 ? clipToBox({ type: 'MultiPolygon', coordinates: polygons }, crop) : null;
  };
  const kept = <P>(shape: MultiPolygon | null, properties: P): Feature<MultiPolygon, P>[] => (shape ? [{ type: 'Feature', geometry: shape, properties }] : []);

  const land = provinces
    .filter((p) => p.properties.code !== recipe.province.code)
    .flatMap((p) => kept(mainland(p.geometry, p.properties.code), { code: p.properties.code, name: p.properties.name }));
  const whole = communes.flatMap((c) => kept(mainland(c.geometry, recipe.province.code), { code: c.properties.code, name: c.properties.name }));
  const archipelagos = recipe.archipelagos.map((a) => {
    const holder = provinces.find((p) => p.properties.code === a.province);
    if (!holder) throw new Error(`archipelago ${a.name}: no province ${a.province} in ${recipe.provincesFile}`);
    // Islands of a few hundred metres are dots at any inset's scale: their centres are kept, not their shapes.
    const islands = polygonsOf(holder.geometry)
      .filter((p) => ringInside(p[0]!, a.box))
      .map((p) => centre(p[0]!));
    if (islands.length === 0) throw new Error(`archipelago ${a.name}: no part of province ${a.province} inside its box`);
    const province = a.province === recipe.province.code ? recipe.province.name : holder.properties.name;
    return { type: 'Feature', geometry: { type: 'MultiPoint', coordinates: islands }, properties: { name: a.name, province } } as Feature;
  });
  const collection = <G extends Feature>(features: G[]) => ({ type: 'FeatureCollection', features }) as FeatureCollection;

  const topo = topology({
    context_land: collection(land),
    whole: collection(whole),
    context_archipelago: collection(archipelagos),
    ...(recipe.sea ? { context_sea: { type: 'Feature', geometry: { type: 'Point', coordinates: recipe.sea }, properties: {} } as Feature } : {}),
  });
  topo.arcs = topo.arcs.map((arc) => simplifyArc(arc, TOLERANCE));

  // Today's province: its communes around the pack, and its outline, merged from all its communes.
  const wholeCommunes = (topo.objects.whole as GeometryCollection).geometries as (GeometryObject & { properties: Named })[];
  const outline = mergeArcs(topo, wholeCommunes as never);
  const { code, name } = recipe.province;
  topo.objects.context_commune = {
    type: 'GeometryCollection',
    geometries: wholeCommunes.filter((g) => !packCodes.has(g.properties.code)).map((g) => ({ ...g, id: g.properties.code })),
  };
  topo.objects.context_province = {
    type: 'GeometryCollection',
    geometries: [{ ...outline, id: code, properties: { code, name } }],
  };
  delete topo.objects.whole;
  pruneArcs(topo);

  const context = quantize(topo as never, pack.transform!) as Topology;
  const offset = pack.arcs.length;
  const objects = Object.fromEntries(
    Object.entries(context.objects).map(([key, object]) => [
      key,
      'geometries' in object ? { ...object, geometries: object.geometries.map((g) => ('arcs' in g ? { ...g, arcs: shiftArcs(g.arcs, offset) } : g)) } : object,
    ]),
  );
  const [cw, cs, ce, cn] = topo.bbox as Box;
  return {
    ...pack,
    bbox: [Math.min(w, cw), Math.min(s, cs), Math.max(e, ce), Math.max(n, cn)],
    objects: { ...pack.objects, ...objects } as Topology['objects'],
    arcs: [...pack.arcs, ...context.arcs],
  };
}
