/**
 * Keeps the attention list: computed when first asked for, then again a moment after each burst
 * of batches (while anyone has asked), and announced to listeners (the live connections). Work is
 * bounded: one computation at a time, and at most one more queued behind it.
 */
import type { AttentionAnswer } from '../../data/schema/attention.ts';
import { today } from '../../data/schema/period.ts';
import { computeAttention, type AttentionContext } from './compute-attention.ts';

const AFTER_COMMIT_MS = 1_500;

export class AttentionHub {
  private answer: AttentionAnswer | null = null;
  private computing: Promise<AttentionAnswer> | null = null;
  private again = false;
  private version = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(answer: AttentionAnswer) => void>();
  private readonly stopListening: () => void;

  constructor(private readonly context: Omit<AttentionContext, 'today'>) {
    this.stopListening = context.store.onCommit((footprint) => {
      this.version = Math.max(this.version, footprint.batchId);
      // Nobody has asked yet: nothing to keep current.
      if (!this.answer && !this.computing) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.refresh().catch((err: Error) => console.error(`attention: not recomputed: ${err.message}`)), AFTER_COMMIT_MS);
    });
  }

  /** The list as it stands (computed now if never before). */
  latest(): Promise<AttentionAnswer> {
    return this.answer ? Promise.resolve(this.answer) : this.refresh();
  }

  /** The list now, if it was ever computed (for a live connection's first message). */
  get current(): AttentionAnswer | null {
    return this.answer;
  }

  onUpdate(listener: (answer: AttentionAnswer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private refresh(): Promise<AttentionAnswer> {
    if (this.computing) {
      this.again = true;
      return this.computing;
    }
    const version = this.version;
    this.computing = computeAttention({ ...this.context, today: today(this.context.pack.timezone) })
      .then((items) => {
        this.answer = { items, computedAt: new Date().toISOString(), version };
        for (const listener of this.listeners) listener(this.answer);
        return this.answer;
      })
      .finally(() => {
        this.computing = null;
        if (this.again) {
          this.again = false;
          void this.refresh().catch(() => {});
        }
      });
    return this.computing;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.stopListening();
  }
}
