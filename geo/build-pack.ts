/**
 * Builds a province pack's boundaries and unit table from its raw sources.
 *
 * Communes come as GeoJSON. TopoJSON turns them into shared arcs, and each area (and the
 * province) is the `mergeArcs` of its communes: the same arcs, so an area's outline and its
 * communes' outlines close exactly, with no gaps or slivers, by construction.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FeatureCollection, Polygon, MultiPolygon } from 'geojson';
import { topology } from 'topojson-server';
import { feature, mergeArcs } from 'topojson-client';
import type { Topology, GeometryObject } from 'topojson-specification';
import turfArea from '@turf/area';
import type { Unit } from '../data/schema/pack.ts';
import { addContext } from './build-context.ts';
import { readCsv } from './csv.ts';
import { deriveCrosswalk, derivedCrosswalkCsv, normaliseName, type CrosswalkDecision, type FormerUnitRow, type MergeRow, type NewCommune, type Problem } from './crosswalk.ts';
import type { PackRecipe } from './recipe.ts';

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
  /** What the merge list could not place or name (empty for a table of area shares): `pack check` reports it. */
  crosswalkProblems: Problem[];
}

/** Quantization keeps ~0.1 m precision over a province while shrinking the file. */
const QUANTIZATION = 1e6;

/** The 2024 lists as one file: the first list's header, then every list's rows. */
function formerUnitsCsv(paths: string[]): string {
  return paths
    .map((path, i) => {
      const text = readFileSync(path, 'utf8').normalize('NFC');
      const body = i === 0 ? text : text.slice(text.indexOf('\n') + 1);
      return body.endsWith('\n') ? body : `${body}\n`;
    })
    .join('');
}

/**
 * The area of a post-2025 commune is the former district of the old commune whose code it
 * kept (rule from the sources' SOURCES.md).
 */
function areaOfCommune(code: string, formerUnits: Map<string, FormerUnitRow>): FormerUnitRow {
  const old = formerUnits.get(code);
  const district = old ? formerUnits.get(old.parent_code) : undefined;
  if (!old || !district || district.level !== 'district')
    throw new Error(
      `xã ${code}: không có xã cũ nào mang mã này trong danh mục 2024, nên không xếp được khu vực / commune ${code}: no former commune has this code in the 2024 lists, so no area can be assigned`,
    );
  return district;
}

function areaKm2(topo: Topology, object: UnitGeometry): number {
  const geometry = (feature(topo, object) as { geometry: Polygon | MultiPolygon }).geometry;
  return Math.round(turfArea(geometry) / 1e4) / 100;
}

export function buildPackGeo(recipe: PackRecipe): PackGeo {
  const source = (file: string) => join(recipe.dir, file);
  const communes = JSON.parse(readFileSync(source(recipe.communes), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, NewCommune>;
  const formerRows = recipe.formerUnits.flatMap((file) => readCsv<FormerUnitRow>(source(file)));
  const formerUnits = new Map(formerRows.map((r) => [r.code, r]));

  const topo = topology({ commune: communes }, QUANTIZATION);
  const sourceGeometries = (topo.objects.commune as unknown as { geometries: (GeometryObject & { properties: NewCommune })[] })
    .geometries;
  const fullNames = new Map<string, string>();
  const communeObjects: UnitGeometry[] = sourceGeometries
    .map((g) => {
      const src = g.properties;
      const area = areaOfCommune(src.code, formerUnits);
      fullNames.set(src.code, normaliseName(src.full_name));
      const properties = { code: src.code, name: normaliseName(src.name), level: 'commune', parent_code: area.code };
      return { ...g, id: src.code, properties };
    })
    .sort((a, b) => a.id.localeCompare(b.id));

  const areaCodes = [...new Set(communeObjects.map((g) => g.properties.parent_code!))].sort();
  const areaObjects: UnitGeometry[] = areaCodes.map((code) => ({
    ...mergeArcs(topo, communeObjects.filter((g) => g.properties.parent_code === code) as never),
    id: code,
    properties: { code, name: normaliseName(formerUnits.get(code)!.name), level: 'area', parent_code: recipe.province.code },
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
    ...areaObjects.map((g) => unitOf(g, recipe.areaFullName.replace('{name}', g.properties.name))),
    ...communeObjects.map((g) => unitOf(g, fullNames.get(g.id)!)),
  ];

  const crosswalk = crosswalkOf(recipe, formerRows, communes.features.map((f) => f.properties));
  return {
    topology: recipe.context ? addContext(topo, recipe.context, recipe.dir) : topo,
    units,
    formerUnitsCsv: formerUnitsCsv(recipe.formerUnits.map(source)),
    ...crosswalk,
  };
}

/** The crosswalk file: the table of area shares as it is, or derived from the merge list and the hand decisions. */
function crosswalkOf(recipe: PackRecipe, formerUnits: FormerUnitRow[], communes: NewCommune[]): Pick<PackGeo, 'crosswalkCsv' | 'crosswalkProblems'> {
  const source = (file: string) => join(recipe.dir, file);
  if ('areaShares' in recipe.crosswalk) return { crosswalkCsv: readFileSync(source(recipe.crosswalk.areaShares), 'utf8').normalize('NFC'), crosswalkProblems: [] };
  const { merges, decisions } = recipe.crosswalk;
  const derived = deriveCrosswalk({
    files: { merges: basename(merges), decisions: basename(decisions) },
    merges: readCsv<MergeRow>(source(merges)),
    formerUnits,
    communes,
    decisions: readCsv<CrosswalkDecision>(source(decisions)),
  });
  return { crosswalkCsv: derivedCrosswalkCsv(derived.rows), crosswalkProblems: derived.problems };
}
