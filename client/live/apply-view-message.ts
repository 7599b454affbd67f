/**
 * Applies a live message to the answer a screen holds. Pure. A full answer replaces what is
 * held; changed rows replace or add theirs and removed ones go; a message for an older version
 * than the one held is dropped (it arrived late).
 */
import { rowKey, type ViewMessage } from '../../data/schema/live.ts';
import type { RollupAnswer } from '../../data/schema/view.ts';

export interface HeldView {
  version: number;
  answer: RollupAnswer;
}

export function applyViewMessage(held: HeldView | undefined, message: ViewMessage): HeldView | undefined {
  if (held && message.version < held.version) return held;
  if (message.full) return message.answer ? { version: message.version, answer: message.answer } : held;
  if (!held) return held;
  const changed = new Map((message.rows ?? []).map((r) => [rowKey(r), r]));
  const removed = new Set(message.removed ?? []);
  const kept = held.answer.rows.filter((r) => !removed.has(rowKey(r))).map((r) => changed.get(rowKey(r)) ?? r);
  const known = new Set(kept.map(rowKey));
  const added = [...changed.values()].filter((r) => !known.has(rowKey(r)));
  return { version: message.version, answer: { ...held.answer, rows: [...kept, ...added] } };
}
