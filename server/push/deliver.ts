/**
 * The deliverer: sends pending outbox entries, oldest first, one at a time per receiver (so a
 * receiver applies batches in the order they landed), each signed and with its idempotency key,
 * within a time limit. A 2xx marks the entry delivered; anything else is retried after an
 * exponential backoff with jitter, up to a cap, and after the last allowed attempt the entry is
 * failed, for an admin to see. Every attempt is recorded with its outcome and audited. It works
 * from the database alone, so after a restart it simply carries on with what is pending. It polls
 * nothing while idle: it is woken by a new entry, a finished attempt, or the next retry falling due.
 */
import { auditIn } from '../store/audit.ts';
import { inTransaction, type Store } from '../store/store.ts';
import { CONTENT_TYPES } from './outbox.ts';
import type { ActiveReceiver } from './receivers.ts';
import { SIGNATURE_HEADER, signatureOf } from './sign.ts';

export interface DeliveryOptions {
  /** How long one POST may take before it counts as failed. */
  timeoutMs: number;
  /** The wait after the first failure, doubled after each further one, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts before an entry is given up as failed. */
  maxAttempts: number;
  /** The largest body an entry may hold (bytes); a larger one is failed at once. */
  maxBodyBytes: number;
}

export const DELIVERY_DEFAULTS: DeliveryOptions = { timeoutMs: 10_000, baseDelayMs: 2_000, maxDelayMs: 10 * 60_000, maxAttempts: 12, maxBodyBytes: 5 * 1024 * 1024 };

/** The wait before the next attempt after `failures` failed ones: half to all of the doubled delay, so receivers back from an outage are not hit all at once. */
export function backoffMs(failures: number, options: Pick<DeliveryOptions, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const full = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(full * (0.5 + random() / 2));
}

type Head = {
  id: number;
  receiver_id: number;
  body: string;
  attempts: number;
  idempotency_key: string;
  batch_id: number;
  wait_ms: number;
};

export class Deliverer {
  private readonly busy = new Set<number>();
  private readonly inFlight = new Set<AbortController>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Attempts finished so far: a look that saw the outbox before one finished is stale. */
  private finished = 0;

  constructor(
    private readonly store: Store,
    private readonly receivers: () => readonly ActiveReceiver[],
    private readonly options: DeliveryOptions,
    private readonly log: (line: string) => void,
  ) {}

  /** Looks for entries to send now (coalesced: a kick while looking makes one more look). */
  kick(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.look()
      .catch((err: Error) => this.report(err))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /**
   * Stops sending: no new attempt starts and those under way are cut off unrecorded, so their
   * entries stay pending and are sent again after a restart (a receiver that already had one
   * knows it by its key).
   */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const controller of this.inFlight) controller.abort();
  }

  /** A fault of the database or the code (never of a receiver: those are recorded attempts); quiet once closed. */
  private report(err: Error): void {
    if (!this.closed) this.log(`Đẩy số liệu: lỗi / push: ${err.message}`);
  }

  private async look(): Promise<void> {
    const seen = this.finished;
    // The oldest pending entry of each receiver: later ones wait for it.
    const heads = await this.store.query<Head>(
      `SELECT o.id, o.receiver_id, o.body, o.attempts, o.idempotency_key, o.batch_id,
         greatest(0, epoch_ms(o.next_attempt_at) - epoch_ms(current_timestamp))::DOUBLE AS wait_ms
       FROM outbox o WHERE o.status = 'pending' AND o.id = (SELECT min(p.id) FROM outbox p WHERE p.receiver_id = o.receiver_id AND p.status = 'pending')`,
    );
    // An attempt recorded while this read ran may have delivered an entry it still shows as
    // pending: acting on it would send it twice. The kick that attempt made looks again.
    if (this.closed || this.finished !== seen) return;
    let soonest = Infinity;
    for (const head of heads) {
      const receiver = this.receivers().find((r) => r.id === head.receiver_id);
      if (!receiver || this.busy.has(receiver.id)) continue;
      if (head.wait_ms > 0) {
        soonest = Math.min(soonest, head.wait_ms);
        continue;
      }
      this.busy.add(receiver.id);
      void this.attempt(head, receiver)
        .catch((err: Error) => this.report(err))
        .finally(() => {
          this.finished++;
          this.busy.delete(receiver.id);
          this.kick();
        });
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = Number.isFinite(soonest) ? setTimeout(() => this.kick(), soonest) : null;
  }

  private async attempt(head: Head, receiver: ActiveReceiver): Promise<void> {
    const started = Date.now();
    const controller = new AbortController();
    this.inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), this.options.timeoutMs);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(receiver.url, {
        method: 'POST',
        body: head.body,
        headers: { 'Content-Type': CONTENT_TYPES[receiver.format], [SIGNATURE_HEADER]: signatureOf(head.body, receiver.secret), 'Idempotency-Key': head.idempotency_key },
        // A redirect is a failure, not followed: the signed figures go to the registered address only.
        redirect: 'manual',
        signal: controller.signal,
      });
      status = res.status;
      // The answer is not needed; reading it is not bounded, so it is dropped.
      await res.body?.cancel();
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      error = controller.signal.aborted ? `không trả lời trong ${this.options.timeoutMs} ms / no answer within ${this.options.timeoutMs} ms` : (cause ?? (err as Error).message);
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(controller);
    }
    if (this.closed) return;
    const durationMs = Date.now() - started;
    const attempts = head.attempts + 1;
    const giveUp = error !== null && attempts >= this.options.maxAttempts;
    const waitMs = error === null || giveUp ? 0 : backoffMs(attempts, this.options);
    await this.store.exclusive((c) =>
      inTransaction(c, async () => {
        await c.run('INSERT INTO delivery_attempts (outbox_id, http_status, error, duration_ms) VALUES ($1, $2, $3, $4)', [head.id, status, error, durationMs]);
        if (error === null)
          await c.run("UPDATE outbox SET status = 'delivered', attempts = $2, last_error = NULL, delivered_at = current_timestamp WHERE id = $1", [head.id, attempts]);
        else
          await c.run('UPDATE outbox SET status = $2, attempts = $3, last_error = $4, next_attempt_at = current_timestamp + to_milliseconds($5::BIGINT) WHERE id = $1', [
            head.id,
            giveUp ? 'failed' : 'pending',
            attempts,
            error,
            waitMs,
          ]);
        const action = error === null ? 'push_delivered' : giveUp ? 'push_failed' : 'push_attempt_failed';
        await auditIn(c, 'push', action, receiver.name, {
          receiver: receiver.id,
          outbox: head.id,
          batch: head.batch_id,
          key: head.idempotency_key,
          attempt: attempts,
          http_status: status,
          ...(error === null ? {} : { error, ...(giveUp ? {} : { retry_in_ms: waitMs }) }),
        });
      }),
    );
  }
}
