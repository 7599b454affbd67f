/**
 * The queue of renders (exports and the weekly briefing): one at a time, since each takes a
 * Chromium and seconds of CPU. Fair and bounded: at most `depth` waiting (past it, QueueFull),
 * one per client (a second while the first is queued or running: ClientBusy), the weekly
 * briefing ahead of exports; a job whose client goes away is dropped, or stopped if it runs;
 * a job running longer than `timeoutMs` is stopped.
 */
export class QueueFull extends Error {}
export class ClientBusy extends Error {}
/** The job was stopped: its client went away, or it ran past the time limit (`timedOut`). */
export class Cancelled extends Error {
  constructor(readonly timedOut: boolean) {
    super(timedOut ? 'the render ran past its time limit and was stopped' : 'the client went away; the render was dropped');
  }
}

export interface JobOptions {
  /** Who asked (a token or an address): one job each at a time. None for the server's own jobs. */
  client?: string;
  /** The weekly briefing goes ahead of exports. */
  priority?: boolean;
  /** Aborted when the client goes away. */
  signal?: AbortSignal;
  /** Longer than the queue's default, for a job of several pages. */
  timeoutMs?: number;
}

interface Waiting {
  client: string | undefined;
  start(): void;
  drop(reason: Cancelled): void;
}

export interface QueueLimits {
  depth: number;
  timeoutMs: number;
}

export class RenderQueue {
  private readonly waiting: Waiting[] = [];
  private readonly clients = new Set<string>();
  private running = false;

  constructor(readonly limits: QueueLimits) {}

  get length(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  run<T>(work: (signal: AbortSignal) => Promise<T>, options: JobOptions = {}): Promise<T> {
    const { client, priority = false, signal, timeoutMs = this.limits.timeoutMs } = options;
    if (client !== undefined && this.clients.has(client)) return Promise.reject(new ClientBusy('this client already has a render queued or under way'));
    if (!priority && this.waiting.length >= this.limits.depth) return Promise.reject(new QueueFull(`${this.waiting.length} renders are waiting already`));
    if (signal?.aborted) return Promise.reject(new Cancelled(false));
    if (client !== undefined) this.clients.add(client);
    return new Promise<T>((resolve, reject) => {
      const controller = new AbortController();
      let started = false;
      const finish = () => {
        if (client !== undefined) this.clients.delete(client);
        signal?.removeEventListener('abort', onAbort);
      };
      const job: Waiting = {
        client,
        start: () => {
          started = true;
          const timer = setTimeout(() => controller.abort(new Cancelled(true)), timeoutMs);
          // The client and the renderer are free before the answer is given, so a client that asks
          // again as soon as it has its file is not refused as still busy.
          const done = () => {
            clearTimeout(timer);
            finish();
            this.running = false;
            this.next();
          };
          work(controller.signal).then(
            (value) => {
              done();
              resolve(value);
            },
            (err: unknown) => {
              done();
              reject(controller.signal.aborted ? controller.signal.reason : err);
            },
          );
        },
        drop: (reason) => {
          finish();
          reject(reason);
        },
      };
      const onAbort = () => {
        if (started) return controller.abort(new Cancelled(false));
        const at = this.waiting.indexOf(job);
        if (at >= 0) this.waiting.splice(at, 1);
        job.drop(new Cancelled(false));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (priority) this.waiting.unshift(job);
      else this.waiting.push(job);
      this.next();
    });
  }

  private next(): void {
    if (this.running) return;
    const job = this.waiting.shift();
    if (!job) return;
    this.running = true;
    job.start();
  }
}
