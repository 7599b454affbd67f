/**
 * Douglas–Peucker on the arcs of an unquantized topology. Pure. Arcs keep their ends, so shapes
 * that share a border still share it after simplifying (simplifying each ring alone would open
 * gaps between neighbours); a closed arc keeps at least a triangle.
 */
import type { Position } from 'geojson';

/** Distance from p to the segment a–b, longitude shrunk by the latitude so that a degree is a degree both ways. */
function offset(p: Position, a: Position, b: Position, xScale: number): number {
  const [px, py, ax, ay, bx, by] = [p[0]! * xScale, p[1]!, a[0]! * xScale, a[1]!, b[0]! * xScale, b[1]!];
  const [dx, dy] = [bx - ax, by - ay];
  const t = dx === 0 && dy === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function keep(points: Position[], from: number, to: number, tolerance: number, xScale: number, kept: Set<number>): void {
  let farthest = -1;
  let distance = tolerance;
  for (let i = from + 1; i < to; i++) {
    const d = offset(points[i]!, points[from]!, points[to]!, xScale);
    if (d > distance) [farthest, distance] = [i, d];
  }
  if (farthest < 0) return;
  kept.add(farthest);
  keep(points, from, farthest, tolerance, xScale, kept);
  keep(points, farthest, to, tolerance, xScale, kept);
}

/** One arc simplified to `tolerance` degrees (of latitude). */
export function simplifyArc(points: Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points;
  const xScale = Math.cos((points[0]![1]! * Math.PI) / 180);
  const last = points.length - 1;
  const kept = new Set([0, last]);
  const closed = points[0]![0] === points[last]![0] && points[0]![1] === points[last]![1];
  if (closed) {
    // A ring's two ends are one point: split it at the point farthest from there, and keep both halves' shape.
    let far = 1;
    for (let i = 1; i < last; i++) if (offset(points[i]!, points[0]!, points[0]!, xScale) > offset(points[far]!, points[0]!, points[0]!, xScale)) far = i;
    kept.add(far);
    keep(points, 0, far, tolerance, xScale, kept);
    keep(points, far, last, tolerance, xScale, kept);
    if (kept.size < 4) for (let i = 1; i < last && kept.size < 4; i++) kept.add(i);
  } else keep(points, 0, last, tolerance, xScale, kept);
  return [...kept].sort((a, b) => a - b).map((i) => points[i]!);
}
