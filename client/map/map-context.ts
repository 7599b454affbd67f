/**
 * The map's context, as the geo build wrote it into the pack's topology (geo/build-context.ts):
 * the neighbours' land, the rest of today's province and its outline, whether there is a sea to
 * name, and the archipelagos shown in an inset. Pure; and the colours it is drawn in, quieter than any
 * unit's so that the figures stay what the eye reads first.
 */
import type { Feature, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Rgb } from './classify.ts';
import type { Point } from './place-facilities.ts';

/** Objects of the topology that are context, not units. */
export const isContext = (object: string) => object.startsWith('context_');

export const CONTEXT_COLOURS = {
  sea: [10, 24, 44] as Rgb,
  land: [40, 44, 52] as Rgb,
  /** Today's province around the pack: a shade lighter than its neighbours. */
  province: [52, 58, 68] as Rgb,
  border: [84, 90, 102] as Rgb,
  outline: [150, 158, 172] as Rgb,
  label: [160, 168, 182] as Rgb,
  seaLabel: [110, 146, 190] as Rgb,
};

export type Shape = Feature<Polygon | MultiPolygon, { code: string; name: string }>;

export interface MapContext {
  land: Shape[];
  /** Borders between neighbours (not the cut around them). */
  landBorders: MultiLineString | null;
  communes: Shape[];
  province: Shape[];
  /** Shapes whose names are written where they have room (context-labels.ts): neighbours, today's province. */
  named: Shape[];
  /** The pack is on the coast: the sea is named too (its name from the messages). */
  sea: boolean;
  archipelagos: { name: string; province: string; islands: Point[] }[];
}

const shapes = (topology: Topology, name: string): Shape[] =>
  topology.objects[name] ? (feature(topology, topology.objects[name] as GeometryCollection) as unknown as { features: Shape[] }).features : [];

export function mapContext(topology: Topology): MapContext {
  const land = shapes(topology, 'context_land');
  const province = shapes(topology, 'context_province');
  const archipelagos = topology.objects.context_archipelago
    ? (feature(topology, topology.objects.context_archipelago as GeometryCollection) as unknown as { features: Feature<{ type: 'MultiPoint'; coordinates: Point[] }, { name: string; province: string }>[] }).features
    : [];
  return {
    land,
    landBorders: topology.objects.context_land ? mesh(topology, topology.objects.context_land as GeometryCollection, (a, b) => a !== b) : null,
    communes: shapes(topology, 'context_commune'),
    province,
    named: [...province, ...land],
    sea: Boolean(topology.objects.context_sea),
    archipelagos: archipelagos.map((a) => ({ name: a.properties.name, province: a.properties.province, islands: a.geometry.coordinates })),
  };
}
