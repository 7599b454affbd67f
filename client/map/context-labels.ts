/**
 * Where the context's names go on the map as it stands: for each shape, the spot of its visible
 * part farthest from its edges, from the units and from the frame (the nearest the middle among
 * equals), where the whole name fits clear
 * of the units, of names already written and of the inset; the sea's name where no land is. Pure,
 * in screen pixels. A grid of half a name's height: shapes filled into it row by row, the room of
 * each cell by a distance transform, a box's fit by a summed-area table, so it costs milliseconds
 * whatever the panel's shape or the drill-down.
 */
import type { Point } from './place-facilities.ts';
import { labelBox, overlaps, type Box } from './unit-geometry.ts';

type Ring = Point[];

export interface ContextName {
  text: string;
  /** Its shape's rings; none for the sea, which is where no land is. */
  rings: Ring[] | null;
}

/**
 * Cells whose centre is inside any of the shapes (each a list of rings, even–odd within a shape,
 * so holes stay holes; shapes that overlap still count once): each row's crossings, then spans.
 */
function fill(shapes: Ring[][], columns: number, rows: number, step: number): Uint8Array {
  const cells = new Uint8Array(columns * rows);
  for (const rings of shapes) {
    const crossings: number[][] = Array.from({ length: rows }, () => []);
    for (const ring of rings)
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [a, b] = [ring[i]!, ring[j]!];
        const [top, bottom] = [Math.min(a[1], b[1]), Math.max(a[1], b[1])];
        // Rows whose centre y = (row + 0.5)·step lies in [top, bottom).
        for (let row = Math.max(0, Math.ceil(top / step - 0.5)); row < rows && (row + 0.5) * step < bottom; row++) {
          const y = (row + 0.5) * step;
          crossings[row]!.push(a[0] + ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]));
        }
      }
    crossings.forEach((xs, row) => {
      xs.sort((p, q) => p - q);
      for (let k = 0; k + 1 < xs.length; k += 2)
        for (let column = Math.max(0, Math.ceil(xs[k]! / step - 0.5)); column < columns && (column + 0.5) * step < xs[k + 1]!; column++) cells[row * columns + column] = 1;
    });
  }
  return cells;
}

/** Cells' distance (in cells, chamfer 1–√2) to the nearest cell not allowed or to the frame. */
function room(allowed: Uint8Array, columns: number, rows: number): Float32Array {
  const d = new Float32Array(columns * rows);
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= columns || y >= rows ? 0 : d[y * columns + x]!);
  for (let i = 0; i < d.length; i++) d[i] = allowed[i] ? Infinity : 0;
  for (let y = 0; y < rows; y++)
    for (let x = 0; x < columns; x++)
      if (d[y * columns + x]) d[y * columns + x] = Math.min(d[y * columns + x]!, at(x - 1, y) + 1, at(x, y - 1) + 1, at(x - 1, y - 1) + Math.SQRT2, at(x + 1, y - 1) + Math.SQRT2);
  for (let y = rows - 1; y >= 0; y--)
    for (let x = columns - 1; x >= 0; x--)
      if (d[y * columns + x]) d[y * columns + x] = Math.min(d[y * columns + x]!, at(x + 1, y) + 1, at(x, y + 1) + 1, at(x + 1, y + 1) + Math.SQRT2, at(x - 1, y + 1) + Math.SQRT2);
  return d;
}

/**
 * `units`: the shapes of the units shown, each its rings (names stay off them); `land`: every
 * shape of land (the sea's name stays off it); `size`: the map's width and height; `taken`: boxes
 * already used.
 */
export function placeContextNames(names: ContextName[], units: Ring[][], land: Ring[][], size: [number, number], fontPx: number, taken: Box[]): { name: ContextName; at: Point }[] {
  const [width, height] = size;
  const step = fontPx / 2;
  const [columns, rows] = [Math.floor(width / step), Math.floor(height / step)];
  const centre = (i: number): Point => [((i % columns) + 0.5) * step, (Math.floor(i / columns) + 0.5) * step];
  const onUnits = fill(units, columns, rows, step);
  const onLand = names.some((n) => !n.rings) ? fill(land, columns, rows, step) : null;
  const used = [...taken];
  const placed: { name: ContextName; at: Point }[] = [];
  for (const name of names) {
    const allowed = name.rings ? fill([name.rings], columns, rows, step) : onLand!.map((c) => 1 - c);
    for (let i = 0; i < allowed.length; i++) if (onUnits[i]) allowed[i] = 0;
    // Cells not allowed, summed over rectangles: a name fits where its box sums to none.
    const blocked = new Int32Array((columns + 1) * (rows + 1));
    for (let y = 0; y < rows; y++)
      for (let x = 0; x < columns; x++)
        blocked[(y + 1) * (columns + 1) + x + 1] = 1 - allowed[y * columns + x]! + blocked[y * (columns + 1) + x + 1]! + blocked[(y + 1) * (columns + 1) + x]! - blocked[y * (columns + 1) + x]!;
    const blockedIn = ([l, t, r, b]: Box) => {
      const [x0, y0, x1, y1] = [Math.floor(l / step), Math.floor(t / step), Math.ceil(r / step), Math.ceil(b / step)];
      if (x0 < 0 || y0 < 0 || x1 > columns || y1 > rows) return 1;
      return blocked[y1 * (columns + 1) + x1]! - blocked[y0 * (columns + 1) + x1]! - blocked[y1 * (columns + 1) + x0]! + blocked[y0 * (columns + 1) + x0]!;
    };
    const space = room(allowed, columns, rows);
    // Most room; among equals, nearest the middle of the map, where the units are.
    const offCentre = ([x, y]: Point) => Math.hypot(x - width / 2, y - height / 2);
    let best: { at: Point; room: number } | null = null;
    for (let i = 0; i < allowed.length; i++) {
      if (!allowed[i] || (best && (space[i]! < best.room || (space[i] === best.room && offCentre(centre(i)) >= offCentre(best.at))))) continue;
      const at = centre(i);
      const box = labelBox(at, name.text, fontPx);
      if (blockedIn(box) > 0 || used.some((b) => overlaps(box, b))) continue;
      best = { at, room: space[i]! };
    }
    if (best) {
      placed.push({ name, at: best.at });
      used.push(labelBox(best.at, name.text, fontPx));
    }
  }
  return placed;
}
