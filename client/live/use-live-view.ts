/** A React hook: the live answer of a view, kept current by the shared LiveClient. */
import { createContext, useContext, useEffect, useState } from 'react';
import { viewKey } from '../../data/schema/live.ts';
import type { View } from '../../data/schema/view.ts';
import type { HeldView } from './apply-view-message.ts';
import type { LiveClient } from './live-client.ts';

export const LiveContext = createContext<LiveClient | null>(null);

export function useLiveView(view: View | null): HeldView | undefined {
  const live = useContext(LiveContext);
  const key = view ? viewKey(view) : null;
  // What is held belongs to a key: when the view changes, the previous view's answer is never
  // shown under the new one, not even for the render before the effect below runs.
  const [held, setHeld] = useState<{ key: string | null; view?: HeldView }>({ key: null });
  useEffect(() => {
    if (!live || !view || !key) return;
    setHeld({ key, view: live.current(key) });
    const stop = live.listen({ view: (k, next) => k === key && setHeld({ key, view: next }) });
    live.subscribe(view);
    return () => {
      stop();
      live.unsubscribe(key);
    };
    // The key stands for the view: re-subscribe only when it changes.
  }, [live, key]);
  if (held.key === key) return held.view;
  return live && key ? live.current(key) : undefined;
}
