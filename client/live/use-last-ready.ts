/**
 * The last value that was ready. A drill-down keeps drawing the view it leaves until the new
 * view's answer has arrived, so the map and charts redraw once, with figures, instead of
 * emptying first (each WebGL redraw is costly on a wall PC without a GPU).
 */
import { useRef } from 'react';

export function useLastReady<T>(value: T, ready: boolean): T {
  const last = useRef(value);
  if (ready) last.current = value;
  return last.current;
}
