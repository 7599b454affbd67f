/**
 * Builds a province pack's boundaries and unit table from its raw sources.
 *
 * Communes come as GeoJSON. TopoJSON turns them into shared arcs, and each area (and the
 * province) is the `mergeArcs` of its communes: the same arcs, so an area's outline and its
 * communes' outlines close exactly, with no gaps or slivers, by construction.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import { topology } from 'topojson-server';
import { feature, mergeArcs } from 'topojson-client';
import type { Topology, GeometryObject } from 'topojson-specification';
import turfArea from '@turf/area';
import { parse } from 'csv-parse/sync';
import type { Unit } from '../data/schema/pack.ts';
import { addContext, type ContextRecipe } from './build-context.ts';

export interface PackRecipe {
  id: string;
  sourcesDir: string;
  communesFile: string;
  formerUnitsFile: string;
  crosswalkFile: string;
  province: { code: string; name: string; fullName: string };
  /** What the map draws around the pack's units (build-context.ts). */
  context?: ContextRecipe;
}

export interface UnitProperties {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
}

/** A commune, area or province geometry in the topology, with its unit's properties. */
type UnitGeometry = GeometryObject & { id: string; properties: UnitProperties };

export interface PackGeo {
  topology: Topology;
  units: Unit[];
  formerUnitsCsv: string;
  crosswalkCsv: string;
}

/** Quantization keeps ~0.1 m precision over a province while shrinking the file. */
const QUANTIZATION = 1e6;

interface CommuneSource {
  code: string;
  name: string;
  full_name: string;
}

interface FormerUnitRow {
  level: string;
  code: string;
  name: string;
  parent_code: string;
}

/** Vietnamese typography joins compound place names with an en dash: "Phan Rang–Tháp Chàm". */
function placeName(name: string): string {
  return name.normalize('NFC').replace(/\s*-\s*/g, '–');
}

function readCsv<T>(path: string): T[] {
  return parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as T[];
}

/**
 * The area of a post-2025 commune is the former district of the old commune whose code it
 * kept (rule from the sources' SOURCES.md).
 */
function areaOfCommune(code: string, formerUnits: Map<string, FormerUnitRow>): FormerUnitRow {
  const old = formerUnits.get(code);
  const district = old ? formerUnits.get(old.parent_code) : undefined;
  if (!old || !district || district.level !== 'district')
    throw new Error(`commune ${code}: no former commune with this code, so no area can be assigned`);
  return district;
}

function areaKm2(topo: Topology, object: UnitGeometry): number {
  const geometry = (feature(topo, object) as { geometry: Polygon | MultiPolygon }).geometry;
  return Math.round(turfArea(geometry) / 1e4) / 100;
}

export function buildPackGeo(recipe: PackRecipe): PackGeo {
  const source = (file: string) => join(recipe.sourcesDir, file);
  const communes = JSON.parse(readFileSync(source(recipe.communesFile), 'utf8')) as FeatureCollection<
    Polygon | MultiPolygon,
    CommuneSource
  >;
  const formerRows = readCsv<FormerUnitRow>(source(recipe.formerUnitsFile));
  const formerUnits = new Map(formerRows.map((r) => [r.code, r]));

  const topo = topology({ commune: communes }, QUANTIZATION);
  const sourceGeometries = (topo.objects.commune as unknown as { geometries: (GeometryObject & { properties: CommuneSource })[] })
    .geometries;
  const fullNames = new Map<string, string>();
  const communeObjects: UnitGeometry[] = sourceGeometries
    .map((g) => {
      const src = g.properties;
      const area = areaOfCommune(src.code, formerUnits);
      fullNames.set(src.code, placeName(src.full_name));
      const properties = { code: src.code, name: placeName(src.name), level: 'commune', parent_code: area.code };
      return { ...g, id: src.code, properties };
    })
    .sort((a, b) => a.id.localeCompare(b.id));

  const areaCodes = [...new Set(communeObjects.map((g) => g.properties.parent_code!))].sort();
  const areaObjects: UnitGeometry[] = areaCodes.map((code) => ({
    ...mergeArcs(topo, communeObjects.filter((g) => g.properties.parent_code === code) as never),
    id: code,
    properties: { code, name: placeName(formerUnits.get(code)!.name), level: 'area', parent_code: recipe.province.code },
  }));
  const provinceObject: UnitGeometry = {
    ...mergeArcs(topo, communeObjects as never),
    id: recipe.province.code,
    properties: { code: recipe.province.code, name: recipe.province.name, level: 'province', parent_code: null },
  };
  topo.objects = {
    province: { type: 'GeometryCollection', geometries: [provinceObject] },
    area: { type: 'GeometryCollection', geometries: areaObjects },
    commune: { type: 'GeometryCollection', geometries: communeObjects },
  };

  const unitOf = (g: UnitGeometry, fullName: string): Unit => ({
    code: g.id,
    name: g.properties.name,
    fullName,
    level: g.properties.level,
    parentCode: g.properties.parent_code,
    areaKm2: areaKm2(topo, g),
  });
  const units = [
    unitOf(provinceObject, recipe.province.fullName),
    ...areaObjects.map((g) => unitOf(g, `Khu vực ${g.properties.name}`)),
    ...communeObjects.map((g) => unitOf(g, fullNames.get(g.id)!)),
  ];

  return {
    topology: recipe.context ? addContext(topo, recipe.context, recipe.sourcesDir) : topo,
    units,
    formerUnitsCsv: readFileSync(source(recipe.formerUnitsFile), 'utf8').normalize('NFC'),
    crosswalkCsv: readFileSync(source(recipe.crosswalkFile), 'utf8').normalize('NFC'),
  };
}
