/**
 * The choropleth: MapLibre with a local style (nothing is fetched from outside) drawing the units
 * already coloured (choropleth.ts) and the facilities as points (placed by place-facilities.ts);
 * around them, quieter, the context (map-context.ts: neighbours' land, the rest of today's
 * province); a deck.gl overlay writing the names (units', neighbours', the sea's) from a glyph
 * atlas of the bundled font; and, in a corner kept clear of the units, the inset of the archipelagos.
 * Shapes are MapLibre's own layers, not deck.gl's: without a GPU each deck.gl layer type cost
 * 0.4–0.7 s of shader compiling at the first frame (four of them: 2 s of the wall's first scene).
 * Loaded lazily, so the wall's first JavaScript stays small.
 */
import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import { TextLayer } from '@deck.gl/layers';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import type { Facility, FacilityKind } from '../../data/schema/pack.ts';
import type { RollupRow } from '../../data/schema/view.ts';
import { remPx } from '../format/rem.ts';
import { catalogues, useT } from '../i18n/index.ts';
import { PRINTING } from '../print/printing.ts';
import { ArchipelagoInset } from './ArchipelagoInset.tsx';
import { FacilityLegend } from './FacilityLegend.tsx';
import { FACILITY_MARKS, markOf, NO_DATA, onMaps, STATUS_COLOURS, type Rgb } from './classify.ts';
import { fitUnits } from './fit-units.ts';
import { placeContextNames } from './context-labels.ts';
import { isContext, mapContext, type Shape } from './map-context.ts';
import { CONTEXT_COLOURS, MAP_INK } from '../print/ink.ts';
import { kindsToDraw, placeFacilities, ringsArea, spreadApart, type PlacedFacility, type Point } from './place-facilities.ts';
import { boundsOf, chooseLabels, labelBox, labelPoint, type Box, type UnitFeature } from './unit-geometry.ts';

type Unit = UnitFeature;

const css = (c: readonly number[]) => (c.length > 3 ? `rgba(${c.slice(0, 3).join(',')},${c[3]! / 255})` : `rgb(${c.join(',')})`);
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const collection = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const SOURCES = ['land', 'borders', 'context', 'units', 'outline', 'facilities'] as const;
type SourceId = (typeof SOURCES)[number];

/** Bottom to top: the sea, neighbours' land and borders, today's province, the units, the pack's outline, the facilities. */
function style(unitLine: number): maplibregl.StyleSpecification {
  return {
    version: 8,
    sources: Object.fromEntries(SOURCES.map((id) => [id, { type: 'geojson', data: EMPTY }])),
    layers: [
      // The sea: what no land covers.
      { id: 'background', type: 'background', paint: { 'background-color': css(CONTEXT_COLOURS.sea) } },
      { id: 'context-land', type: 'fill', source: 'land', paint: { 'fill-color': css(CONTEXT_COLOURS.land) } },
      { id: 'context-borders', type: 'line', source: 'borders', paint: { 'line-color': css(CONTEXT_COLOURS.border), 'line-width': 1 } },
      { id: 'context-communes', type: 'fill', source: 'context', paint: { 'fill-color': css(CONTEXT_COLOURS.province) } },
      // Opaque: the context drawn beneath must not show through.
      { id: 'units', type: 'fill', source: 'units', paint: { 'fill-color': ['get', 'fill'] } },
      { id: 'unit-lines', type: 'line', source: 'units', paint: { 'line-color': css(MAP_INK.unitLine), 'line-width': unitLine } },
      { id: 'context-province', type: 'line', source: 'outline', paint: { 'line-color': css(CONTEXT_COLOURS.outline), 'line-width': unitLine } },
      {
        id: 'facilities',
        type: 'circle',
        source: 'facilities',
        paint: { 'circle-radius': ['get', 'radius'], 'circle-color': ['get', 'fill'], 'circle-stroke-color': 'rgb(11,18,32)', 'circle-stroke-width': unitLine },
      },
    ],
  };
}

/** Sets a source's shapes; resolves once MapLibre's worker has taken them in. */
function setShapes(map: maplibregl.Map, id: SourceId, data: FeatureCollection | Geometry): Promise<void> {
  return (map.getSource(id) as maplibregl.GeoJSONSource).setData(data, true);
}

/** Labels: white, with a dark halo about 3 px wide at 19 px that keeps them readable on every fill (on paper: dark, with a white halo). */
const HALO = { outlineWidth: 10, outlineColor: MAP_INK.halo, fontSettings: { sdf: true, fontSize: 48, buffer: 10, radius: 16 } };
const rgba = (c: Rgb, a = 255) => [...c, a] as [number, number, number, number];
const unitLineWidth = () => Math.max(1.5, remPx() / 10);

export default function ChoroplethMap(props: {
  topology: Topology;
  level: 'province' | 'area' | 'commune';
  /** Each unit's fill (choropleth.ts); a unit without one is drawn as without data. */
  colours: Map<string, Rgb>;
  /** Only these units (a drill-down); all of the level when absent. */
  codes?: string[];
  /** Facilities drawn as points, and the unit that holds province-level ones (the seat). */
  facilities?: Facility[];
  seat?: string;
  /** Figures per facility: their points then take the status colour of their figure. */
  facilityRows?: RollupRow[];
  onPick?(code: string): void;
  /** The key to the colours, shown under the map and above the facilities' key (which the map keeps itself). */
  legend?: ReactNode;
  /** The keys may stand beside the map rather than under it, where the units are taller than wide (a wall's panel). */
  keysBeside?: boolean;
}) {
  const { t } = useT();
  const container = useRef<HTMLDivElement>(null);
  const inset = useRef<HTMLDivElement>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  // The map's style, once loaded (sources exist only then); the update effect waits on it.
  const styled = useRef<Promise<void>>(Promise.resolve());
  // Which update is the latest: an older one finishing late must not mark the newer drawn.
  const generation = useRef(0);
  // The kinds of facility left off at this scale (kindsToDraw), for the key to say so: state of
  // the map alone, so that a change redraws the key, not the screen around it.
  const [leftKinds, setLeftKinds] = useState<FacilityKind[]>([]);
  // deck.gl has drawn the labels of the latest update.
  const labelsDrawn = useRef<(() => void) | null>(null);
  // The units shown, and the pack's others of the level (a drill-down's neighbours), drawn as context.
  const [units, others] = useMemo(() => {
    const all = (feature(props.topology, props.topology.objects[props.level]!) as unknown as { features: Unit[] }).features;
    return props.codes ? [all.filter((u) => props.codes!.includes(u.properties.code)), all.filter((u) => !props.codes!.includes(u.properties.code))] : [all, []];
  }, [props.topology, props.level, props.codes]);
  const context = useMemo(() => mapContext(props.topology), [props.topology]);
  // The rest of today's province, and the pack's own outline beneath the units (a drill-down's
  // neighbours then show as context): fills only, set once per topology.
  const contextFill = useMemo(
    () => [...context.communes, ...(feature(props.topology, props.topology.objects.province!) as unknown as { features: Unit[] }).features],
    [context, props.topology],
  );
  const anchors = useMemo(
    () =>
      new Map(
        Object.keys(props.topology.objects).filter((o) => !isContext(o)).flatMap((level) =>
          (feature(props.topology, props.topology.objects[level]!) as unknown as { features: Unit[] }).features.map((u): [string, Point] => [u.properties.code, labelPoint(u)]),
        ),
      ),
    [props.topology],
  );
  const bounds = useMemo(
    () => (units.length > 0 ? boundsOf(units, context.archipelagos.map((a) => a.islands)) : (props.topology.bbox as [number, number, number, number])),
    [units, props.topology, context],
  );
  // Read at the tap, so a new handler from the parent does not rebuild the layers.
  const pick = useRef(props.onPick);
  pick.current = props.onPick;
  const boundsRef = useRef(bounds);
  boundsRef.current = bounds;
  // Counts the refits to a new panel size: which labels fit depends on the scale.
  const [fits, setFits] = useState(0);
  // Every letter of every name on the map (the sea's in both languages), once per topology: the
  // label atlas is then built once, not again at each drill-down (hundreds of ms without a GPU).
  const characters = useMemo(() => {
    const names = Object.values(props.topology.objects).flatMap((o) =>
      ((o as { geometries?: { properties?: { name?: string } }[] }).geometries ?? []).map((g) => g.properties?.name ?? ''),
    );
    return [...new Set([...names, catalogues.vi['map.sea'], catalogues.en['map.sea']].join(''))].join('');
  }, [props.topology]);

  useLayoutEffect(() => {
    const [west, south, east, north] = boundsRef.current;
    const map = new maplibregl.Map({
      container: container.current!,
      style: style(unitLineWidth()),
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
        labelsDrawn.current?.();
        labelsDrawn.current = null;
      },
    });
    map.addControl(overlay.current);
    mapRef.current = map;
    styled.current = new Promise<void>((resolve) => (map.isStyleLoaded() ? resolve() : map.once('style.load', () => resolve()))).then(() =>
      Promise.all([
        setShapes(map, 'land', collection(context.land)),
        setShapes(map, 'borders', context.landBorders ?? EMPTY),
        setShapes(map, 'context', collection(contextFill)),
        setShapes(map, 'outline', collection(context.province)),
      ]).then(() => undefined),
    );
    // A tap or click picks the unit under it (MapLibre's own click, a touch tap included).
    map.on('click', 'units', (e) => {
      const code = e.features?.[0]?.properties?.code as string | undefined;
      if (code && pick.current) pick.current(code);
    });
    map.on('mouseenter', 'units', () => pick.current && (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', 'units', () => (map.getCanvas().style.cursor = ''));
    // The panel's size settles after layout (and changes with the screen): refit the units to it.
    const resize = new ResizeObserver(() => {
      map.resize();
      fitUnits(map, boundsRef.current, inset.current);
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
    if (mapRef.current) fitUnits(mapRef.current, bounds, inset.current);
  }, [bounds]);

  useLayoutEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    // The root size, 18–19 px on a 1080p wall: read from across the room.
    const fontPx = Math.round(remPx());
    const project = (p: Point): Point => {
      const { x, y } = map.project(p);
      return [x, y];
    };
    const labelled = chooseLabels(units, project, fontPx);

    // Context names where they have room, clear of the units, their names and the inset.
    const frame = container.current!.getBoundingClientRect();
    const insetBox = inset.current?.getBoundingClientRect();
    const taken: Box[] = [
      ...labelled.map((u) => labelBox(project(labelPoint(u)), u.properties.name, fontPx)),
      ...(insetBox ? [[insetBox.left - frame.left, insetBox.top - frame.top, insetBox.right - frame.left, insetBox.bottom - frame.top] as Box] : []),
    ];
    // Each shape's rings, on the screen.
    const rings = (shapes: Shape[]) => shapes.map((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat(1)).map((ring) => ring.map((p) => project(p as Point))));
    // The units' polygons on the screen, projected once: their rings place names; their area bounds the facilities drawn.
    const unitPolygons = units.map((u) => (u.geometry.type === 'Polygon' ? [u.geometry.coordinates] : u.geometry.coordinates).map((polygon) => polygon.map((ring) => ring.map((p) => project(p as Point)))));
    const unitRings = unitPolygons.map((polygons) => polygons.flat(1));
    const landRings = [...unitRings, ...rings([...others, ...context.land, ...context.communes, ...context.province] as Shape[])];
    const namedRings = rings(context.named);
    const contextLabels = placeContextNames(
      [
        ...context.named.map((shape, i) => ({ text: shape.properties.name, rings: namedRings[i]! })),
        ...(context.sea ? [{ text: t('map.sea'), rings: null }] : []),
      ],
      unitRings,
      landRings,
      [frame.width, frame.height],
      fontPx,
      taken,
    );

    // Facilities: a ring per unit wide enough for its marks (in degrees at this scale), then any
    // marks still overlapping on screen pushed apart.
    const degreesPerPixel = map.unproject([0, 0]).lat - map.unproject([0, 1]).lat;
    const largest = Math.max(...Object.values(FACILITY_MARKS).map((m) => m?.radius ?? 0)) * remPx();
    // As many kinds as the units' area on screen holds without the marks hiding the figures.
    const counts = new Map<FacilityKind, number>();
    const facilities = (props.facilities ?? []).filter(onMaps);
    for (const f of facilities) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
    const { drawn, left: leftOff } = kindsToDraw(counts, (kind) => markOf(kind).radius * remPx(), ringsArea(unitPolygons.flat(1)));
    setLeftKinds((before) => (before.join() === leftOff.join() ? before : leftOff));
    const ringed = placeFacilities(facilities.filter((f) => drawn.includes(f.kind)), anchors, props.seat, (bounds[3] - bounds[1]) * 0.02, (2 * largest + 3) * degreesPerPixel);
    const spread = spreadApart(
      ringed.map((p) => {
        const [x, y] = project(p.position);
        return { x, y, r: markOf(p.facility.kind).radius * remPx(), fixed: !p.approximate };
      }),
      2,
      // Names stand where they are; marks placed by their unit make way for them.
      taken.slice(0, labelled.length),
    );
    const placed: PlacedFacility[] = ringed.map((p, i) => ({ ...p, position: map.unproject(spread[i]!).toArray() as Point }));

    const statusOf = new Map((props.facilityRows ?? []).map((r) => [r.entity.code, r.status]));
    const text = { fontFamily: '"Noto Sans", sans-serif', characterSet: characters, getSize: fontPx, ...HALO };
    if (!overlay.current) return;
    // "no" until MapLibre has drawn these shapes and deck.gl these names, for tests and the
    // briefing renderer; set in a layout effect, in the same commit as the figures (as the charts do).
    const frameEl = container.current!;
    frameEl.dataset.painted = 'no';
    // The labels' size, for the readability test (deck.gl draws them from a glyph atlas, not as text).
    frameEl.dataset.labelPx = String(fontPx);
    // Where the units stand on the screen, for the test that the inset leaves them clear.
    const [[left, bottom], [right, top]] = [project([bounds[0], bounds[1]]), project([bounds[2], bounds[3]])];
    frameEl.dataset.unitsBox = [left, top, right, bottom].map(Math.round).join(',');
    // Where each unit shown stands (a point inside it), for tests that tap it as a finger would.
    frameEl.dataset.anchors = JSON.stringify(Object.fromEntries(units.map((u) => [u.properties.code, project(labelPoint(u)).map(Math.round)])));

    const update = ++generation.current;
    const labels = new Promise<void>((resolve) => (labelsDrawn.current = resolve));
    overlay.current.setProps({
      layers: [
        new TextLayer<(typeof contextLabels)[number]>({
          id: 'context-labels',
          data: contextLabels,
          getPosition: (l) => map.unproject(l.at).toArray() as Point,
          getText: (l) => l.name.text,
          getColor: (l) => rgba(l.name.rings ? CONTEXT_COLOURS.label : CONTEXT_COLOURS.seaLabel),
          ...text,
        }),
        new TextLayer<Unit>({
          id: 'labels',
          data: labelled,
          getPosition: (u) => labelPoint(u),
          getText: (u) => u.properties.name,
          getColor: MAP_INK.label,
          ...text,
        }),
      ],
    });
    const shapes = styled.current.then(() =>
      Promise.all([
        setShapes(
          map,
          'units',
          collection(units.map((u) => ({ ...u, properties: { code: u.properties.code, fill: css(props.colours.get(u.properties.code) ?? NO_DATA) } }))),
        ),
        setShapes(
          map,
          'facilities',
          collection(
            placed.map((p) => {
              const status = statusOf.get(p.facility.code);
              return {
                type: 'Feature',
                geometry: { type: 'Point', coordinates: p.position },
                properties: { radius: markOf(p.facility.kind).radius * remPx(), fill: css(status ? STATUS_COLOURS[status] : markOf(p.facility.kind).colour) },
              };
            }),
          ),
        ),
      ]),
    );
    // Drawn: the shapes taken in and rendered (MapLibre is idle only once every source is loaded
    // and drawn), and the names drawn by deck.gl.
    void Promise.all([shapes.then(() => new Promise((resolve) => map.once('idle', resolve))), labels]).then(() => {
      if (generation.current === update) frameEl.dataset.painted = 'yes';
    });
  }, [units, others, contextFill, fits, characters, context, anchors, bounds, t, props.facilities, props.seat, props.colours, props.facilityRows]);

  // Taller than wide on the ground (a degree of longitude is cos(latitude) of a degree of latitude): keys under the map
  // would take height from it, which such units need, and leave width to spare.
  const tall = (bounds[3] - bounds[1]) / ((bounds[2] - bounds[0]) * Math.cos((((bounds[1] + bounds[3]) / 2) * Math.PI) / 180)) > 1.15;
  return (
    <div className={`map-body${props.keysBeside && tall ? ' keys-beside' : ''}`}>
      <div className="map-frame">
        <div ref={container} className="map" data-testid="map" />
        <ArchipelagoInset ref={inset} archipelagos={context.archipelagos} />
      </div>
      <div className="map-keys">
        {props.legend}
        <FacilityLegend facilities={props.facilities ?? []} left={leftKinds} />
      </div>
    </div>
  );
}
