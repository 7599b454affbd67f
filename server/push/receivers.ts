/**
 * Receivers: the systems an admin has the wall push figures to (the provincial IOC, the LGSP),
 * each with its URL, format, the views it takes and a shared secret to sign with. The secret is
 * kept (it must sign every delivery) and never shown again. Registering and removing are audited
 * in their own transaction. The active receivers are held in memory, so a batch costs nothing
 * when there are none.
 */
import type { ExchangeMapping } from '../../data/schema/exchange-mapping.ts';
import { resolveRange, viewSchema, type View } from '../../data/schema/view.ts';
import { compileView, type RollupReference } from '../rollup/compile-view.ts';
import { auditIn } from '../store/audit.ts';
import { inTransaction, rows, type Store } from '../store/store.ts';

export const PUSH_FORMATS = ['dhis2', 'adx', 'fhir'] as const;
export type PushFormat = (typeof PUSH_FORMATS)[number];

/** At most this many views per receiver: each is read after every batch that touches it. */
export const MAX_VIEWS = 20;
/** Plain http only to this machine (tests, a relay on the same host); anything else must be https. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export interface Receiver {
  id: number;
  name: string;
  url: string;
  format: PushFormat;
  views: View[];
  active: boolean;
  created_by: string;
  created_at: string;
}
export type ActiveReceiver = Receiver & { secret: string; enqueued_through: number };
export type NewReceiver = Pick<ActiveReceiver, 'name' | 'url' | 'format' | 'views' | 'secret'>;

/** A registration as sent, checked: every fault named (Vietnamese and English), or the receiver. */
export function checkReceiver(body: unknown, reference: RollupReference, mapping: ExchangeMapping | null, today: string): { receiver?: NewReceiver; errors: string[] } {
  const { name, url, format, views, secret } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors: string[] = [];
  if (typeof name !== 'string' || name.trim() === '' || name.length > 100) errors.push('name: tên nơi nhận, 1–100 ký tự / name the receiver (1–100 characters)');
  let address: URL | null = null;
  try {
    address = typeof url === 'string' && url.length <= 2000 ? new URL(url) : null;
  } catch {
    address = null;
  }
  if (!address || !['https:', 'http:'].includes(address.protocol)) errors.push('url: địa chỉ http(s) / an http(s) URL');
  else if (address.protocol === 'http:' && !LOOPBACK.has(address.hostname))
    errors.push('url: phải dùng https (http chỉ cho 127.0.0.1 hoặc localhost) / must be https (plain http only to 127.0.0.1 or localhost)');
  else if (address.username || address.password) errors.push('url: không kèm tên đăng nhập, mật khẩu / no user name or password in the URL');
  if (!PUSH_FORMATS.includes(format as PushFormat)) errors.push(`format: một trong ${PUSH_FORMATS.join(', ')} / one of ${PUSH_FORMATS.join(', ')}`);
  else if (format !== 'fhir' && !mapping) errors.push(`format ${format}: bộ dữ liệu tỉnh không có bảng ánh xạ DHIS2 / the pack has no DHIS2 mapping`);
  if (typeof secret !== 'string' || secret.length < 16 || secret.length > 256) errors.push('secret: khoá chung 16–256 ký tự / a shared secret of 16–256 characters');
  const checked: View[] = [];
  if (!Array.isArray(views) || views.length === 0 || views.length > MAX_VIEWS) errors.push(`views: 1–${MAX_VIEWS} góc nhìn / 1–${MAX_VIEWS} views`);
  else
    views.forEach((candidate, i) => {
      const parsed = viewSchema.safeParse(candidate);
      if (!parsed.success) return errors.push(...parsed.error.issues.map((issue) => `views[${i}].${issue.path.join('.') || 'view'}: ${issue.message}`));
      const view = parsed.data;
      if (view.grain === 'range' && format !== 'fhir') return errors.push(`views[${i}].grain: DHIS2 và ADX chỉ có kỳ theo lịch / DHIS2 and ADX have calendar periods only`);
      const range = resolveRange(view, today);
      const faults = 'error' in range ? [range.error] : compileView(view, range, reference).errors;
      if (faults.length > 0) return errors.push(...faults.map((f) => `views[${i}]: ${f}`));
      checked.push(view);
    });
  if (errors.length > 0) return { errors };
  return { receiver: { name: (name as string).trim(), url: address!.toString(), format: format as PushFormat, views: checked, secret: secret as string }, errors };
}

type ReceiverRow = Omit<ActiveReceiver, 'views'> & { views: string };
const SELECT = 'SELECT id, name, url, format, views::VARCHAR AS views, secret, enqueued_through, active, created_by, created_at::VARCHAR AS created_at FROM receivers';
const parsed = ({ views, ...row }: ReceiverRow): ActiveReceiver => ({ ...row, views: JSON.parse(views) as View[] });

export class Receivers {
  private current: ActiveReceiver[] = [];

  private constructor(private readonly store: Store) {}

  static async open(store: Store): Promise<Receivers> {
    const receivers = new Receivers(store);
    await receivers.reload();
    return receivers;
  }

  /** The receivers deliveries go to, with their secrets (never sent out of the server). */
  get active(): readonly ActiveReceiver[] {
    return this.current;
  }

  /** Every receiver ever registered, without its secret. */
  async list(): Promise<Receiver[]> {
    return (await this.store.query<ReceiverRow>(`${SELECT} ORDER BY id`)).map((row) => {
      const { secret: _secret, enqueued_through: _through, ...shown } = parsed(row);
      return shown;
    });
  }

  async register(receiver: NewReceiver, actor: string): Promise<Receiver> {
    const id = await this.store.exclusive((c) =>
      inTransaction(c, async () => {
        const [made] = await rows<{ id: number }>(
          c,
          // It takes batches from now on: those already landed are not its changes.
          `INSERT INTO receivers (name, url, format, views, secret, created_by, enqueued_through)
           VALUES ($1, $2, $3, $4::JSON, $5, $6, (SELECT COALESCE(max(id), 0) FROM batches)) RETURNING id`,
          [receiver.name, receiver.url, receiver.format, JSON.stringify(receiver.views), receiver.secret, actor],
        );
        await auditIn(c, actor, 'receiver_registered', String(made!.id), { name: receiver.name, url: receiver.url, format: receiver.format, views: receiver.views.length });
        return made!.id;
      }),
    );
    await this.reload();
    return (await this.list()).find((r) => r.id === id)!;
  }

  /** Stops pushing to a receiver; what it had not yet received is marked failed (kept, with why). False: no such active receiver. */
  async remove(id: number, actor: string): Promise<boolean> {
    const removed = await this.store.exclusive((c) =>
      inTransaction(c, async () => {
        const found = await rows(c, 'UPDATE receivers SET active = false WHERE id = $1 AND active RETURNING id', [id]);
        if (found.length === 0) return false;
        await c.run("UPDATE outbox SET status = 'failed', last_error = $2 WHERE receiver_id = $1 AND status = 'pending'", [id, 'nơi nhận đã bị gỡ / receiver removed']);
        await auditIn(c, actor, 'receiver_removed', String(id), {});
        return true;
      }),
    );
    await this.reload();
    return removed;
  }

  /** Re-reads the receivers (their marks move as batches are enqueued). */
  async reload(): Promise<void> {
    this.current = (await this.store.query<ReceiverRow>(`${SELECT} WHERE active ORDER BY id`)).map(parsed);
  }
}
