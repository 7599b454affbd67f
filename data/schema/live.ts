/**
 * The live-update protocol between the wall and the server (Socket.IO), as data. A client
 * subscribes to each view on its screen, saying which version it holds; the server answers with
 * the view in full when the client is behind, then pushes the rows that change as batches land.
 * A version is the id of the last batch the answer reflects: batch ids only grow and survive a
 * restart, so a wall that reconnects can say what it has and get only what it missed.
 */
import type { RollupAnswer, RollupRow, View } from './view.ts';

export const LIVE_EVENTS = {
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  view: 'view',
  freshness: 'freshness',
  subscribeError: 'subscribe_error',
  /** The attention list, sent on connection (when computed) and whenever it changes (data/schema/attention.ts). */
  attention: 'attention',
} as const;

export interface SubscribeMessage {
  view: View;
  /** The version the client holds, if any. */
  version?: number;
}

/** A view's answer in full (on subscribe or catch-up), or its changed and removed rows. */
export interface ViewMessage {
  key: string;
  version: number;
  full: boolean;
  answer?: RollupAnswer;
  rows?: RollupRow[];
  /** Row keys (rowKey) that are gone. */
  removed?: string[];
  /** When the batch that caused this push was committed (ms since the epoch); null for a subscribe answer. */
  committedAt: number | null;
}

export interface FreshnessMessage {
  /** The last committed batch, and the last batch of each source (system or channel). */
  version: number;
  lastBatchAt: string | null;
  sources: { source: string; lastBatchAt: string; demo: boolean }[];
  /** The latest arrivals, newest first, for the wall's "vừa cập nhật" line (see freshness.ts). */
  arrivals: Arrival[];
}

/** What a committed batch brought: one indicator from one reporter (a facility, or a unit), for a period. */
export interface Arrival {
  batch: number;
  at: string;
  indicator: string;
  reporter: string;
  period: { grain: string; start: string };
  demo: boolean;
  /** The batch's other figures, on the last pair shown of it. */
  more: number;
}

/**
 * Why a subscription was refused: a malformed message or view; past a limit of the connection
 * (views held, subscriptions a second) or of the server (views held, a view too large to keep
 * live); or a view that took too long to compute. `key` names the view when it could be read.
 */
export interface SubscribeError {
  code: 'bad_subscription' | 'bad_view' | 'too_many_views' | 'too_many_subscriptions' | 'view_too_large' | 'busy';
  message: string;
  key?: string;
}

/** What one live connection may ask of the server, so that no connection can take it down. */
export const LIVE_LIMITS = {
  /** Views one connection may watch at once (a wall scene shows about ten). */
  viewsPerConnection: 50,
  /** Subscriptions a connection may make: a burst, then so many a second. */
  subscribeBurst: 60,
  subscribesPerSecond: 5,
  /** Rows a view may have to be kept live (larger ones are read over HTTP). */
  viewRows: 10_000,
  /** Distinct views the server keeps live at once, and their rows, for all connections together. */
  views: 1_000,
  heldRows: 200_000,
  /** Open connections per token (a wall PC, a tablet: a few tabs each), and per address when reads are open. */
  connectionsPerToken: 10,
  connectionsPerAddress: 50,
} as const;

/** The same view always gets the same key, whatever order its fields were written in. */
export function viewKey(view: View): string {
  const entries = Object.entries(view)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(Object.fromEntries(entries));
}

export function rowKey(row: RollupRow): string {
  return `${row.indicator}|${row.entity.former ? 'former:' : ''}${row.entity.code}|${row.period.start}`;
}
