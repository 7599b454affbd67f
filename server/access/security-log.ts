/**
 * The security log: failed and refused access (an unknown or revoked token, a role too low, a
 * limit reached, a foreign origin), with who (the token holder's name, when the token is known),
 * what (method and path, or the live action), from where (the client address), and why; never a
 * token. Events are buffered and written in batches a second apart, so a flood of refusals costs
 * one insert a second, and a flood past the buffer is counted, not kept.
 */
import { logText } from '../store/audit.ts';
import type { Store } from '../store/store.ts';

export type SecurityKind = 'unauthenticated' | 'forbidden' | 'login_failed' | 'rate_limited' | 'origin_refused' | 'live_refused' | 'busy';

export interface SecurityEvent {
  kind: SecurityKind;
  actor: string | null;
  action: string;
  client: string;
  detail?: string;
}

const BUFFER = 2_000;
const FLUSH_MS = 1_000;

export class SecurityLog {
  private buffer: (SecurityEvent & { at: string })[] = [];
  private dropped = 0;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();

  constructor(private readonly store: Store) {}

  record(event: SecurityEvent): void {
    if (this.buffer.length >= BUFFER) {
      this.dropped++;
      return;
    }
    this.buffer.push({ ...event, at: new Date().toISOString() });
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is buffered (and how many events the buffer had no room for). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const events = this.buffer;
    const dropped = this.dropped;
    this.buffer = [];
    this.dropped = 0;
    if (events.length === 0 && dropped === 0) return this.flushing;
    if (dropped > 0) events.push({ kind: 'rate_limited', actor: null, action: 'security log', client: '-', detail: `${dropped} more events in this second were not kept`, at: new Date().toISOString() });
    this.flushing = this.flushing.then(() =>
      this.store.exclusive(async (c) => {
        await c.run('CREATE OR REPLACE TEMP TABLE security_incoming (recorded_at TIMESTAMPTZ, kind VARCHAR, actor VARCHAR, action VARCHAR, client VARCHAR, detail VARCHAR)');
        const appender = await c.createAppender('security_incoming', 'main', 'temp');
        const text = (t: string | null | undefined, max: number) => (t === null || t === undefined ? appender.appendNull() : appender.appendVarchar(logText(t).slice(0, max)));
        for (const e of events) {
          appender.appendVarchar(e.at);
          appender.appendVarchar(e.kind);
          text(e.actor, 100);
          text(e.action, 300);
          text(e.client, 100);
          text(e.detail, 500);
          appender.endRow();
        }
        appender.closeSync();
        await c.run('INSERT INTO security_events (recorded_at, kind, actor, action, client, detail) SELECT * FROM security_incoming');
      }).catch((err: Error) => console.error(`security log: ${events.length} events not written: ${err.message}`)),
    );
    return this.flushing;
  }

  async list(limit = 500) {
    await this.flush();
    return this.store.query(
      'SELECT id, recorded_at::VARCHAR AS recorded_at, kind, actor, action, client, detail FROM security_events ORDER BY id DESC LIMIT $1',
      [limit],
    );
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
