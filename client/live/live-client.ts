/**
 * The transport of live updates: a Socket.IO connection that subscribes to views, keeps the
 * latest answer and version of each, re-subscribes with those versions whenever it reconnects
 * (after a network drop or a server restart), and tells listeners what changed.
 */
import { io, type Socket } from 'socket.io-client';
import { LIVE_EVENTS, viewKey, type FreshnessMessage, type SubscribeError, type ViewMessage } from '../../data/schema/live.ts';
import type { AttentionAnswer } from '../../data/schema/attention.ts';
import type { RollupAnswer, View } from '../../data/schema/view.ts';
import { viewToQuery } from '../../data/schema/view-query.ts';
import { applyViewMessage, type HeldView } from './apply-view-message.ts';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** Refusals after which a view is read over HTTP instead, and asked for live again later. */
const REFUSED_FOR_LOAD = new Set<SubscribeError['code']>(['view_too_large', 'busy', 'too_many_views']);
const RETRY_LIVE_MS = 30_000;
/**
 * A view nobody watches any more is kept live this long, at most so many of them: going back up a
 * drill-down then shows the views just left at once, current, instead of asking the server again.
 */
const LINGER_MS = 30_000;
const LINGERING_MAX = 12;

export interface LiveListener {
  view?(key: string, held: HeldView, message: ViewMessage): void;
  freshness?(message: FreshnessMessage): void;
  connection?(state: ConnectionState): void;
  error?(error: SubscribeError): void;
  attention?(answer: AttentionAnswer): void;
}

export class LiveClient {
  readonly socket: Socket;
  private readonly views = new Map<string, View>();
  /** How many parts of the screen watch each view: it is sent once and dropped with the last. */
  private readonly watchers = new Map<string, number>();
  private readonly held = new Map<string, HeldView>();
  /** Views nobody watches, kept until their timer ends (oldest first). */
  private readonly lingering = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly lingerMs: number;
  private readonly listeners = new Set<LiveListener>();

  private readonly token: string | undefined;

  /** `token`: for clients without the wall's cookie (scripts, benchmarks). */
  constructor(
    private readonly url: string,
    options: { reconnectionDelayMax?: number; token?: string; lingerMs?: number } = {},
  ) {
    this.token = options.token;
    this.lingerMs = options.lingerMs ?? LINGER_MS;
    this.socket = io(url, {
      transports: ['websocket'],
      reconnectionDelayMax: options.reconnectionDelayMax ?? 5000,
      ...(options.token ? { auth: { token: options.token } } : {}),
    });
    this.socket.on('connect', () => {
      this.emit((l) => l.connection?.('connected'));
      for (const [key, view] of this.views) this.send(view, this.held.get(key)?.version);
    });
    this.socket.on('disconnect', () => this.emit((l) => l.connection?.('disconnected')));
    this.socket.on(LIVE_EVENTS.view, (message: ViewMessage) => {
      const next = applyViewMessage(this.held.get(message.key), message);
      if (!next || next === this.held.get(message.key)) return;
      this.held.set(message.key, next);
      this.emit((l) => l.view?.(message.key, next, message));
    });
    this.socket.on(LIVE_EVENTS.freshness, (message: FreshnessMessage) => this.emit((l) => l.freshness?.(message)));
    this.socket.on(LIVE_EVENTS.attention, (answer: AttentionAnswer) => this.emit((l) => l.attention?.(answer)));
    this.socket.on(LIVE_EVENTS.subscribeError, (error: SubscribeError) => {
      this.emit((l) => l.error?.(error));
      if (error.key && this.views.has(error.key) && REFUSED_FOR_LOAD.has(error.code)) void this.fallBack(error.key);
    });
  }

  /**
   * A view the server will not keep live (too large, or it is at a limit) is read once over HTTP,
   * so the screen still draws; it is asked for live again a while later.
   */
  private async fallBack(key: string): Promise<void> {
    const view = this.views.get(key)!;
    try {
      const res = await fetch(`${this.url}/api/rollup?${viewToQuery(view)}`, {
        credentials: 'same-origin',
        ...(this.token ? { headers: { Authorization: `Bearer ${this.token}` } } : {}),
      });
      if (res.ok && this.views.has(key)) {
        const answer = (await res.json()) as RollupAnswer;
        // Version 0: any live message that follows is newer.
        const message: ViewMessage = { key, version: 0, full: true, answer, committedAt: null };
        const next = applyViewMessage(this.held.get(key), message);
        if (next && next !== this.held.get(key)) {
          this.held.set(key, next);
          this.emit((l) => l.view?.(key, next, message));
        }
      }
    } catch {
      // The next try below, or the next reconnect, asks again.
    }
    setTimeout(() => {
      if (this.views.has(key) && this.socket.connected) this.send(view, this.held.get(key)?.version);
    }, RETRY_LIVE_MS);
  }

  listen(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to a view; returns its key. */
  subscribe(view: View): string {
    const key = viewKey(view);
    const watchers = (this.watchers.get(key) ?? 0) + 1;
    this.watchers.set(key, watchers);
    const linger = this.lingering.get(key);
    if (linger !== undefined) {
      // Still live from a moment ago: watched again, nothing to ask.
      clearTimeout(linger);
      this.lingering.delete(key);
      return key;
    }
    if (watchers > 1) return key;
    this.views.set(key, view);
    if (this.socket.connected) this.send(view, this.held.get(key)?.version);
    return key;
  }

  unsubscribe(key: string): void {
    const watchers = (this.watchers.get(key) ?? 0) - 1;
    if (watchers > 0) {
      this.watchers.set(key, watchers);
      return;
    }
    this.watchers.delete(key);
    if (this.lingerMs <= 0) return this.drop(key);
    this.lingering.set(
      key,
      setTimeout(() => this.drop(key), this.lingerMs),
    );
    if (this.lingering.size > LINGERING_MAX) this.drop(this.lingering.keys().next().value!);
  }

  private drop(key: string): void {
    clearTimeout(this.lingering.get(key));
    this.lingering.delete(key);
    this.views.delete(key);
    this.held.delete(key);
    this.socket.emit(LIVE_EVENTS.unsubscribe, { key });
  }

  current(key: string): HeldView | undefined {
    return this.held.get(key);
  }

  close(): void {
    this.socket.close();
  }

  private send(view: View, version: number | undefined): void {
    this.socket.emit(LIVE_EVENTS.subscribe, version === undefined ? { view } : { view, version });
  }

  private emit(call: (listener: LiveListener) => void): void {
    for (const l of this.listeners) call(l);
  }
}
