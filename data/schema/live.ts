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
}

export interface SubscribeError {
  code: 'bad_subscription' | 'bad_view';
  message: string;
}

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
