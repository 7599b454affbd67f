/**
 * Live updates over Socket.IO. Each view a screen shows is a room (keyed by viewKey). When
 * batches commit, the hub waits out the burst (coalescer), works out which subscribed views the
 * batches touched, recomputes each of them once however many clients watch it, and pushes the
 * rows that changed, with the version (last batch id) they reflect. A client that (re)subscribes
 * with an older version gets the view in full; with the current one, nothing.
 */
import type { Server, Socket } from 'socket.io';
import { LIVE_EVENTS, LIVE_LIMITS, rowKey, viewKey, type SubscribeError, type SubscribeMessage, type ViewMessage } from '../../data/schema/live.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { today } from '../../data/schema/period.ts';
import { resolveRange, viewSchema, type RollupAnswer, type View } from '../../data/schema/view.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { runView } from '../rollup/run-view.ts';
import { QueryTimeout, type BatchFootprint, type Store } from '../store/store.ts';
import { coalescer } from './coalescer.ts';
import { readFreshness } from './freshness.ts';
import { mergeFootprints, viewTouchedBy } from './touches.ts';
import { tokenBucket } from './token-bucket.ts';

/** A burst of batches is pushed 20 ms after its last batch, and at most 200 ms after its first. */
export const COALESCE = { delay: 20, maxDelay: 200 };

interface Subscription {
  key: string;
  view: View;
  version: number;
  answer: RollupAnswer;
  /** Each row's JSON by rowKey, to find what a recompute changed. */
  rows: Map<string, string>;
}

export interface LiveHub {
  /** How many times a view was computed (first subscription or a touching batch). */
  readonly stats: { recomputes: number };
  /** Resolves when every committed batch so far has been pushed. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const room = (key: string) => `view:${key}`;
const rowsOf = (answer: RollupAnswer) => new Map(answer.rows.map((r) => [rowKey(r), JSON.stringify(r)]));

export function startLiveHub(io: Server, store: Store, pack: Pack, reference: RollupReference, timeoutMs?: number): LiveHub {
  const subscriptions = new Map<string, Subscription>();
  const computing = new Map<string, Promise<Subscription>>();
  const stats = { recomputes: 0 };
  let latest = 0;
  const ready = readFreshness(store).then((f) => (latest = Math.max(latest, f.version)));

  const compute = async (view: View): Promise<RollupAnswer> => {
    stats.recomputes++;
    return runView(store, reference, view, today(pack.timezone), timeoutMs);
  };

  const subscription = (key: string, view: View): Promise<Subscription> => {
    const known = subscriptions.get(key);
    if (known) return Promise.resolve(known);
    const pending =
      computing.get(key) ??
      (async () => {
        await ready;
        const version = latest;
        const answer = await compute(view);
        const sub = { key, view, version, answer, rows: rowsOf(answer) };
        subscriptions.set(key, sub);
        return sub;
      })().finally(() => computing.delete(key));
    computing.set(key, pending);
    return pending;
  };

  const refuse = (socket: Socket, error: SubscribeError) => socket.emit(LIVE_EVENTS.subscribeError, error);
  // Sent to every new connection as it stands, refreshed after each burst of batches (not read per connection).
  let freshness = readFreshness(store);

  io.on('connection', (socket) => {
    void freshness.then((f) => socket.emit(LIVE_EVENTS.freshness, f));
    const allowance = tokenBucket(LIVE_LIMITS.subscribeBurst, LIVE_LIMITS.subscribesPerSecond);
    // The views this connection holds or is being given: counted before the answer is computed,
    // so that subscriptions arriving together cannot all pass the cap.
    const holding = new Set<string>();
    socket.on(LIVE_EVENTS.subscribe, async (message: unknown) => {
      const m = message as Partial<SubscribeMessage> | null;
      if (!allowance.take())
        return refuse(socket, { code: 'too_many_subscriptions', message: `at most ${LIVE_LIMITS.subscribesPerSecond} subscriptions a second (after a burst of ${LIVE_LIMITS.subscribeBurst})` });
      if (typeof m !== 'object' || m === null || (m.version !== undefined && !Number.isInteger(m.version)))
        return refuse(socket, { code: 'bad_subscription', message: 'send { view, version? } with an integer version' });
      const parsed = viewSchema.safeParse(m.view);
      if (!parsed.success)
        return refuse(socket, { code: 'bad_view', message: parsed.error.issues.map((i) => `${i.path.join('.') || 'view'}: ${i.message}`).join('; ') });
      const key = viewKey(parsed.data);
      if (!holding.has(key) && holding.size >= LIVE_LIMITS.viewsPerConnection)
        return refuse(socket, { code: 'too_many_views', key, message: `a connection watches at most ${LIVE_LIMITS.viewsPerConnection} views: unsubscribe one first` });
      if (!subscriptions.has(key) && !computing.has(key) && subscriptions.size + computing.size >= LIVE_LIMITS.views)
        return refuse(socket, { code: 'busy', key, message: `the server keeps ${LIVE_LIMITS.views} views live already; try again later` });
      const wasHeld = holding.has(key);
      holding.add(key);
      try {
        const sub = await subscription(key, parsed.data);
        const held = [...subscriptions.values()].reduce((n, s) => n + s.answer.rows.length, 0);
        const tooLarge = sub.answer.rows.length > LIVE_LIMITS.viewRows || held > LIVE_LIMITS.heldRows;
        if (tooLarge) {
          // Not kept: a view this large is read over HTTP, not held and pushed.
          if (!io.of('/').adapter.rooms.has(room(key))) subscriptions.delete(key);
          if (!wasHeld) holding.delete(key);
          return refuse(socket, {
            code: 'view_too_large',
            key,
            message: `a live view holds at most ${LIVE_LIMITS.viewRows} rows, and all of them ${LIVE_LIMITS.heldRows}; this one has ${sub.answer.rows.length}`,
          });
        }
        if (!socket.connected) return;
        await socket.join(room(key));
        if (m.version === undefined || m.version < sub.version) {
          const full: ViewMessage = { key, version: sub.version, full: true, answer: sub.answer, committedAt: null };
          socket.emit(LIVE_EVENTS.view, full);
        }
      } catch (err) {
        if (!wasHeld) holding.delete(key);
        if (err instanceof QueryTimeout) return refuse(socket, { code: 'busy', key, message: err.message });
        refuse(socket, { code: 'bad_view', key, message: (err as Error).message });
      }
    });
    socket.on(LIVE_EVENTS.unsubscribe, (message: unknown) => {
      const key = (message as { key?: unknown } | null)?.key;
      if (typeof key !== 'string') return;
      holding.delete(key);
      void socket.leave(room(key));
    });
  });
  // A view nobody watches any more is forgotten (and recomputed if someone subscribes again).
  io.of('/').adapter.on('delete-room', (name: string) => {
    if (name.startsWith('view:')) subscriptions.delete(name.slice('view:'.length));
  });

  const push = async (footprints: BatchFootprint[]) => {
    const burst = mergeFootprints(footprints);
    const day = today(pack.timezone);
    const touched = [...subscriptions.values()].filter((sub) => {
      const range = resolveRange(sub.view, day);
      return !('error' in range) && viewTouchedBy(sub.view, range, burst);
    });
    await Promise.all(
      touched.map(async (sub) => {
        let answer: RollupAnswer;
        try {
          answer = await compute(sub.view);
        } catch (err) {
          // Its watchers keep the version they hold; the next batch that touches the view tries again.
          console.error(`live: view ${sub.key} not recomputed: ${(err as Error).message}`);
          return;
        }
        const rows = rowsOf(answer);
        const changed = answer.rows.filter((r) => sub.rows.get(rowKey(r)) !== rows.get(rowKey(r)));
        const removed = [...sub.rows.keys()].filter((k) => !rows.has(k));
        Object.assign(sub, { answer, rows, version: burst.batchId });
        if (changed.length === 0 && removed.length === 0) return;
        const message: ViewMessage = { key: sub.key, version: burst.batchId, full: false, rows: changed, removed, committedAt: burst.committedAt };
        io.to(room(sub.key)).emit(LIVE_EVENTS.view, message);
      }),
    );
    freshness = readFreshness(store);
    io.emit(LIVE_EVENTS.freshness, await freshness);
  };
  const bursts = coalescer(push, COALESCE);
  const stopListening = store.onCommit((footprint) => {
    // Known at once, so that a view computed during the burst is labelled with what it reflects.
    latest = Math.max(latest, footprint.batchId);
    bursts.push(footprint);
  });

  return {
    stats,
    settled: () => bursts.settled(),
    // Waits for the push under way and the freshness being read (also the first, at start): a store closed under a running
    // query can take the process down with it.
    async close() {
      stopListening();
      await bursts.stop();
      await Promise.all([freshness.catch(() => undefined), ready.catch(() => undefined)]);
    },
  };
}
