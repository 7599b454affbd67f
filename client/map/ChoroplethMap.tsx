/**
 * The choropleth: MapLibre with a local, background-only style (nothing is fetched from outside),
 * and a deck.gl overlay drawing the units already coloured by classify.ts, with their names, and
 * the facilities as points (placed by place-facilities.ts).
 * Loaded lazily, so the wall's first JavaScript stays small.
 */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { Facility } from '../../data/schema/pack.ts';
import type { RollupRow } from '../../data/schema/view.ts';
import { remPx } from '../format/rem.ts';
import { PRINTING } from '../print/printing.ts';
import { FACILITY_MARKS, STATUS_COLOURS, type Classification } from './classify.ts';
import { placeFacilities, type PlacedFacility, type Point } from './place-facilities.ts';
import { boundsOf, chooseLabels, labelPoint, type UnitFeature } from './unit-geometry.ts';

type Unit = UnitFeature;

const STYLE: maplibregl.StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#0b1220' } }],
};

export default function ChoroplethMap(props: {
  topology: Topology;
  level: 'province' | 'area' | 'commune';
  rows: RollupRow[];
  classification: Classification;
  /** Only these units (a drill-down); all of the level when absent. */
  codes?: string[];
  /** Facilities drawn as points, and the unit that holds province-level ones (the seat). */
  facilities?: Facility[];
  seat?: string;
  /** Figures per facility: their points then take the status colour of their figure. */
  facilityRows?: RollupRow[];
  onPick?(code: string): void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const units = useMemo(() => {
    const all = (feature(props.topology, props.topology.objects[props.level]!) as unknown as { features: Unit[] }).features;
    return props.codes ? all.filter((u) => props.codes!.includes(u.properties.code)) : all;
  }, [props.topology, props.level, props.codes]);
  const anchors = useMemo(
    () =>
      new Map(
        Object.keys(props.topology.objects).flatMap((level) =>
          (feature(props.topology, props.topology.objects[level]!) as unknown as { features: Unit[] }).features.map((u): [string, Point] => [u.properties.code, labelPoint(u)]),
        ),
      ),
    [props.topology],
  );
  const bounds = useMemo(() => (units.length > 0 ? boundsOf(units) : (props.topology.bbox as [number, number, number, number])), [units, props.topology]);
  // Read at the tap, so a new handler from the parent does not rebuild the layers.
  const pick = useRef(props.onPick);
  pick.current = props.onPick;
  const boundsRef = useRef(bounds);
  boundsRef.current = bounds;
  // Counts the refits to a new panel size: which labels fit depends on the scale.
  const [fits, setFits] = useState(0);
  // Every letter of every unit's name, once per topology: the label atlas is then built once,
  // not again at each drill-down (which costs hundreds of milliseconds without a GPU).
  const characters = useMemo(() => {
    const names = Object.values(props.topology.objects).flatMap((o) =>
      ((o as { geometries?: { properties?: { name?: string } }[] }).geometries ?? []).map((g) => g.properties?.name ?? ''),
    );
    return [...new Set(names.join(''))].join('');
  }, [props.topology]);

  useLayoutEffect(() => {
    const [west, south, east, north] = boundsRef.current;
    const map = new maplibregl.Map({
      container: container.current!,
      style: STYLE,
      bounds: [west, south, east, north],
      fitBoundsOptions: { padding: 24 },
      attributionControl: false,
      // No symbol layers to fade in; a fade would redraw the map for frames after every change.
      fadeDuration: 0,
      // A printed page copies the map's pixels into the PDF, which needs them kept after drawing.
      canvasContextAttributes: { preserveDrawingBuffer: PRINTING },
      dragRotate: false,
      pitchWithRotate: false,
    });
    // Interleaved: deck.gl draws into MapLibre's canvas, so a frame is one WebGL canvas to draw
    // and composite, not two (without a GPU, each costs as much as the drawing itself).
    overlay.current = new MapboxOverlay({
      interleaved: true,
      layers: [],
      onAfterRender: () => {
        if (container.current && container.current.dataset.painted === 'no') container.current.dataset.painted = 'yes';
      },
    });
    map.addControl(overlay.current);
    mapRef.current = map;
    // The panel's size settles after layout (and changes with the screen): refit the units to it.
    const resize = new ResizeObserver(() => {
      map.resize();
      map.fitBounds(boundsRef.current, { padding: 24, animate: false });
      setFits((n) => n + 1);
    });
    resize.observe(container.current!);
    return () => {
      resize.disconnect();
      map.remove();
      overlay.current = null;
      mapRef.current = null;
    };
  }, [props.topology]);

  useLayoutEffect(() => {
    mapRef.current?.fitBounds(bounds, { padding: 24, animate: false });
  }, [bounds]);

  // The ring of facilities sharing a unit scales with what is shown: a province or one commune.
  const placed = useMemo(
    () => placeFacilities(props.facilities ?? [], anchors, props.seat, (bounds[3] - bounds[1]) * 0.02),
    [props.facilities, anchors, props.seat, bounds],
  );
  const pickable = Boolean(props.onPick);
  useLayoutEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    const fontPx = Math.round(remPx() * 0.95);
    const labelled = chooseLabels(
      units,
      (p) => {
        const { x, y } = map.project(p);
        return [x, y];
      },
      fontPx,
    );
    // Former units the crosswalk leaves unplaced have no shape here (UnplacedUnits lists them).
    const byCode = new Map(props.rows.filter((r) => !r.entity.former).map((r) => [r.entity.code, r]));
    const statusOf = new Map((props.facilityRows ?? []).map((r) => [r.entity.code, r.status]));
    const colour = (unit: Unit) => {
      const row = byCode.get(unit.properties.code);
      return [...props.classification.colourOf(row?.value ?? null, row?.status ?? null), 230] as [number, number, number, number];
    };
    if (!overlay.current) return;
    // "no" until deck.gl has drawn these layers (see onAfterRender), for tests and the briefing
    // renderer; set in a layout effect, in the same commit as the figures (as the charts do).
    container.current!.dataset.painted = 'no';
    overlay.current.setProps({
      layers: [
        new GeoJsonLayer<Unit['properties']>({
          id: 'units',
          data: units as never,
          filled: true,
          stroked: true,
          getFillColor: colour as never,
          getLineColor: [11, 18, 32, 255],
          lineWidthMinPixels: Math.max(1.5, remPx() / 10),
          pickable,
          onClick: (info) => info.object && pick.current?.((info.object as Unit).properties.code),
          updateTriggers: { getFillColor: [props.rows, props.classification] },
        }),
        new ScatterplotLayer<PlacedFacility>({
          id: 'facilities',
          data: placed,
          getPosition: (p) => p.position,
          radiusUnits: 'pixels',
          getRadius: (p) => FACILITY_MARKS[p.facility.kind].radius * remPx(),
          getFillColor: (p) => {
            const status = statusOf.get(p.facility.code);
            return [...(status ? STATUS_COLOURS[status] : FACILITY_MARKS[p.facility.kind].colour), 255] as [number, number, number, number];
          },
          stroked: true,
          getLineColor: [11, 18, 32, 255],
          lineWidthUnits: 'pixels',
          getLineWidth: 1.5,
          updateTriggers: { getFillColor: [statusOf] },
        }),
        new TextLayer<Unit>({
          id: 'labels',
          data: labelled,
          getPosition: (u) => labelPoint(u),
          getText: (u) => u.properties.name,
          getSize: fontPx,
          getColor: [255, 255, 255, 235],
          fontFamily: '"Noto Sans", sans-serif',
          characterSet: characters,
          outlineWidth: 3,
          outlineColor: [11, 18, 32, 255],
          fontSettings: { sdf: true },
        }),
      ],
    });
  }, [units, fits, characters, placed, props.rows, props.facilityRows, props.classification, pickable]);

  return <div ref={container} className="map" data-testid="map" />;
}
