/**
 * The wall's scene rotation. The next scene is mounted hidden (laid out at full size, drawing)
 * some seconds before its turn, and shown only once everything in it is drawn: the room never
 * sees a half-drawn scene, even when a view is slow to answer (the current one stays up until then).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { paintedWithin } from '../../data/schema/screen.ts';

/** How long before its turn the next scene starts drawing, at most. */
const LEAD_SECONDS = 15;
/** How long the next scene must have stayed drawn before it is shown. */
const SETTLED_MS = 600;

export interface Rotation {
  current: number;
  /** The scene drawing hidden, to be shown next. */
  upcoming: number | null;
  /** When the current scene's turn ends (ms since the epoch), null when not rotating. */
  dueAt: number | null;
  /** Attach to the upcoming scene's container. */
  upcomingRef(element: HTMLElement | null): void;
}

export function useRotation(count: number, seconds: number, start: number): Rotation {
  const rotating = seconds > 0 && count > 1;
  const [state, setState] = useState(() => ({ current: start, upcoming: null as number | null, shownAt: Date.now() }));
  const upcomingElement = useRef<HTMLElement | null>(null);
  const upcomingRef = useCallback((element: HTMLElement | null) => {
    upcomingElement.current = element;
  }, []);
  useEffect(() => {
    if (!rotating) return;
    const lead = Math.min(LEAD_SECONDS, seconds / 2) * 1000;
    // Drawn and still for a moment: a scene settling (a late answer, a refit) redraws once more just after it first says drawn.
    let drawnSince: number | null = null;
    const timer = setInterval(() => {
      const now = Date.now();
      const elapsed = now - state.shownAt;
      if (state.upcoming === null) {
        if (elapsed >= seconds * 1000 - lead) setState({ ...state, upcoming: (state.current + 1) % count });
        return;
      }
      drawnSince = upcomingElement.current && paintedWithin(upcomingElement.current) ? (drawnSince ?? now) : null;
      if (elapsed >= seconds * 1000 && drawnSince !== null && now - drawnSince >= SETTLED_MS) {
        setState({ current: state.upcoming, upcoming: null, shownAt: now });
      }
    }, 100);
    return () => clearInterval(timer);
  }, [state, rotating, seconds, count]);
  return { current: state.current, upcoming: state.upcoming, dueAt: rotating ? state.shownAt + seconds * 1000 : null, upcomingRef };
}
