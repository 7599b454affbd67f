/**
 * Gathers items arriving in bursts and hands them over together: `delay` ms after the last one,
 * but never later than `maxDelay` ms after the first, so a steady stream still flushes. The next
 * flush waits until the previous one's work has finished.
 */
export interface CoalescerOptions {
  delay: number;
  maxDelay: number;
}

export function coalescer<T>(flush: (items: T[]) => Promise<void>, { delay, maxDelay }: CoalescerOptions) {
  let items: T[] = [];
  let firstAt = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();

  const fire = () => {
    timer = null;
    const batch = items;
    items = [];
    running = running.then(() => flush(batch)).catch((err) => console.error('live update failed:', err));
  };
  return {
    push(item: T) {
      if (items.length === 0) firstAt = Date.now();
      items.push(item);
      if (timer) clearTimeout(timer);
      timer = setTimeout(fire, Math.max(0, Math.min(delay, firstAt + maxDelay - Date.now())));
    },
    /** Resolves when everything pushed so far has been flushed. */
    async settled(): Promise<void> {
      while (timer || items.length > 0) await new Promise((r) => setTimeout(r, delay));
      await running;
    },
    /** Drops what is waiting; resolves when the flush under way, if any, has finished. */
    stop(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
      items = [];
      return running;
    },
  };
}
