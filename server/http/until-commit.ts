/**
 * Answers kept until the next commit (a batch, or a target changed): for requests whose answer
 * depends only on the request, the stored figures and the day, and costs real work (a forecast
 * fits and backtests models). A drill-down and back asks the same again within seconds. Bounded:
 * the oldest answers go first; a failed answer is not kept.
 */
import type { Store } from '../store/store.ts';

export function untilCommit<R, A>(store: Store, answer: (request: R) => Promise<A>, keyOf: (request: R) => string, max = 200): (request: R) => Promise<A> {
  const kept = new Map<string, Promise<A>>();
  store.onCommit(() => kept.clear());
  return (request) => {
    const key = keyOf(request);
    const hit = kept.get(key);
    if (hit) return hit;
    const made = answer(request);
    kept.set(key, made);
    if (kept.size > max) kept.delete(kept.keys().next().value!);
    made.catch(() => kept.get(key) === made && kept.delete(key));
    return made;
  };
}
