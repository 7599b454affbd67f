/** Framing the units on a map, clear of what stands over its corner. */
import type maplibregl from 'maplibre-gl';

const PADDING = 24;

/**
 * Fits the units to the map, and keeps them clear of the inset: when it would cover them, the
 * fit leaves room for it on its left or above it, whichever keeps the larger scale.
 */
export function fitUnits(map: maplibregl.Map, bounds: [number, number, number, number], inset: HTMLElement | null): void {
  const [west, south, east, north] = bounds;
  map.fitBounds(bounds, { padding: PADDING, animate: false });
  if (!inset) return;
  const frame = map.getContainer().getBoundingClientRect();
  const box = inset.getBoundingClientRect();
  const [left, top] = [box.left - frame.left - 6, box.top - frame.top - 6];
  if (map.project([east, north]).x <= left || map.project([west, south]).y <= top) return;
  const sides = [
    { top: PADDING, bottom: PADDING, left: PADDING, right: frame.width - left },
    { top: PADDING, bottom: frame.height - top, left: PADDING, right: PADDING },
  ].filter((padding) => padding.right + padding.left < frame.width && padding.top + padding.bottom < frame.height);
  const zooms = sides.map((padding) => map.cameraForBounds(bounds, { padding })?.zoom ?? -Infinity);
  const best = sides[zooms.indexOf(Math.max(...zooms))];
  if (best) map.fitBounds(bounds, { padding: best, animate: false });
}
