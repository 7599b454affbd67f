/**
 * Push to the provincial IOC: the receivers, the outbox a committed batch fills, and the
 * deliverer that empties it. Batches are enqueued one after another in commit order; on start
 * the deliverer resumes whatever was left pending.
 */
import { today } from '../../data/schema/period.ts';
import { DELIVERY_DEFAULTS, Deliverer, type DeliveryOptions } from './deliver.ts';
import { enqueueBatch, footprintFromFacts, readOutbox, type OutboxEntry, type PushContext } from './outbox.ts';
import { checkReceiver, Receivers, type Receiver } from './receivers.ts';

export type PushOptions = DeliveryOptions;

export class Push {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly stopListening: () => void;

  private constructor(
    private readonly context: PushContext,
    private readonly receivers: Receivers,
    private readonly deliverer: Deliverer,
    options: PushOptions,
    log: (line: string) => void,
  ) {
    this.stopListening = context.store.onCommit((footprint) => {
      // A target changes statuses, not figures: nothing to send.
      if (footprint.cause === 'targets' || receivers.active.length === 0) return;
      this.queue = this.queue
        .then(() => enqueueBatch(context, receivers.active, footprint, options.maxBodyBytes))
        .then((pending) => pending > 0 && deliverer.kick())
        .catch((err: Error) => log(`Đẩy số liệu: không ghi được hộp thư đi cho lô ${footprint.batchId} / push: cannot enqueue batch ${footprint.batchId}: ${err.message}`));
    });
  }

  static async start(context: PushContext, options: Partial<PushOptions> = {}, log: (line: string) => void = () => {}): Promise<Push> {
    const receivers = await Receivers.open(context.store);
    const settings = { ...DELIVERY_DEFAULTS, ...options };
    const deliverer = new Deliverer(context.store, () => receivers.active, settings, log);
    const push = new Push(context, receivers, deliverer, settings, log);
    push.queue = push.queue
      .then(() => push.catchUp(settings.maxBodyBytes))
      .catch((err: Error) => log(`Đẩy số liệu: không bù được các lô đã vào / push: cannot catch up on landed batches: ${err.message}`))
      .finally(() => deliverer.kick());
    return push;
  }

  /** Enqueues the batches that landed after each receiver's mark: those a stopped server had not yet written. */
  private async catchUp(maxBodyBytes: number): Promise<void> {
    await this.receivers.reload();
    if (this.receivers.active.length === 0) return;
    const through = Math.min(...this.receivers.active.map((r) => r.enqueued_through));
    const landed = await this.context.store.query<{ id: number }>("SELECT id FROM batches WHERE status = 'committed' AND id > $1 ORDER BY id", [through]);
    for (const { id } of landed) {
      const footprint = await footprintFromFacts(this.context.store, id);
      if (footprint) await enqueueBatch(this.context, this.receivers.active.filter((r) => r.enqueued_through < id), footprint, maxBodyBytes);
    }
  }

  /** A registration checked (errors: every fault named) and, when sound, registered and audited. */
  async register(body: unknown, actor: string): Promise<{ receiver?: Receiver; errors: string[] }> {
    const { receiver, errors } = checkReceiver(body, this.context.reference, this.context.mapping, today(this.context.pack.timezone));
    if (!receiver) return { errors };
    return { receiver: await this.receivers.register(receiver, actor), errors };
  }

  list(): Promise<Receiver[]> {
    return this.receivers.list();
  }

  remove(id: number, actor: string): Promise<boolean> {
    return this.receivers.remove(id, actor);
  }

  outbox(): Promise<OutboxEntry[]> {
    return readOutbox(this.context.store);
  }

  /** Waits until every batch committed so far is in the outbox (tests, shutdown). */
  async enqueued(): Promise<void> {
    await this.queue;
  }

  /** Stops listening and sending; what is pending stays in the outbox for the next start. */
  close(): void {
    this.stopListening();
    this.deliverer.close();
  }
}
