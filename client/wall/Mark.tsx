/**
 * Small shapes drawn as SVG: a status or a direction must read without colour (colour-blind
 * viewers, a washed-out projector), and the wall's bundled font has no geometric symbols, so
 * "▲" would fall back to whatever the kiosk has, or to a box.
 */
import type { Status } from '../../data/schema/view.ts';

export type Shape = 'up' | 'down' | 'flat' | 'check' | 'warn' | 'cross' | 'diamond' | 'square';

/** In a 16×16 box; ECharts draws the same paths as symbols (`path://…`). */
export const SHAPE_PATHS: Record<Shape, string> = {
  up: 'M8 2 L15 14 L1 14 Z',
  down: 'M1 2 L15 2 L8 14 Z',
  flat: 'M1 5 H15 V7 H1 Z M1 9 H15 V11 H1 Z',
  // A disc with a check cut out of it; a triangle with "!"; a square with "×".
  check: 'M8 0.5 A7.5 7.5 0 1 1 7.99 0.5 Z M4 8.2 L6.9 11.1 L12.2 5.3 L10.9 4.1 L6.9 8.5 L5.3 6.9 Z',
  warn: 'M8 0.8 L15.6 15 L0.4 15 Z M7 5.5 V10.5 H9 V5.5 Z M7 11.8 V13.6 H9 V11.8 Z',
  cross: 'M1 1 H15 V15 H1 Z M4.6 3.2 L3.2 4.6 L6.6 8 L3.2 11.4 L4.6 12.8 L8 9.4 L11.4 12.8 L12.8 11.4 L9.4 8 L12.8 4.6 L11.4 3.2 L8 6.6 Z',
  diamond: 'M8 0.5 L15.5 8 L8 15.5 L0.5 8 Z',
  square: 'M2 2 H14 V14 H2 Z',
};

export const STATUS_SHAPES: Record<Status, Shape> = { met: 'check', near: 'warn', below: 'cross' };

export function Mark({ shape, className }: { shape: Shape; className?: string }) {
  return (
    <svg className={`mark${className ? ` ${className}` : ''}`} viewBox="0 0 16 16" aria-hidden="true" data-shape={shape}>
      <path d={SHAPE_PATHS[shape]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
