/**
 * The outbox: after a batch commits, what each receiver must get, written to the database before
 * anything is sent, so a crash or restart loses nothing. One entry per receiver and batch holds
 * the changed figures of the receiver's views the batch touched, in the receiver's format: each
 * view narrowed to the periods the batch changed (and, above facilities, to the units it
 * touched), so the work stays that of the change, not of the whole view. Its idempotency key is
 * a hash of the receiver, the batch and those views: enqueuing the same batch again is a no-op
 * (UNIQUE), and a receiver that sees a key twice knows it has it. An entry that cannot be written
 * (a figure the format cannot carry, over the size cap, a view that cannot be read) is kept as
 * failed with why, audited, and never sent in part.
 */
import { createHash } from 'node:crypto';
import type { ExchangeMapping } from '../../data/schema/exchange-mapping.ts';
import type { Catalogue } from '../../data/schema/indicator.ts';
import { formatPeriod, periodOf, today } from '../../data/schema/period.ts';
import { resolveRange, type View } from '../../data/schema/view.ts';
import type { Pack } from '../../data/schema/pack.ts';
import { exportFigures, type ExportFigure } from '../exchange/export-figures.ts';
import { refusalAnswer, Refusals } from '../exchange/export-refusals.ts';
import { writeAdx } from '../exchange/write-adx.ts';
import { writeDhis2 } from '../exchange/write-dhis2.ts';
import { fhirViews, writeFhir } from '../exchange/write-fhir.ts';
import { viewTouchedBy } from '../live/touches.ts';
import type { RollupReference } from '../rollup/compile-view.ts';
import { ViewError } from '../rollup/run-view.ts';
import { auditIn } from '../store/audit.ts';
import { inTransaction, QueryTimeout, rows, type BatchFootprint, type Store } from '../store/store.ts';
import type { ActiveReceiver, PushFormat } from './receivers.ts';

export interface PushContext {
  store: Store;
  pack: Pack;
  catalogue: Catalogue;
  reference: RollupReference;
  mapping: ExchangeMapping | null;
  /** How long the figures of one entry may take to read (IOC_QUERY_TIMEOUT_MS). */
  timeoutMs: number;
}

export const CONTENT_TYPES: Record<PushFormat, string> = {
  dhis2: 'application/json; charset=utf-8',
  adx: 'application/adx+xml; charset=utf-8',
  fhir: 'application/fhir+json; charset=utf-8',
};

export const idempotencyKey = (receiverId: number, batchId: number, views: View[]) =>
  createHash('sha256').update(JSON.stringify([receiverId, batchId, views])).digest('hex');

/** The view read only over the days the batch changed, or null when they do not meet. */
export function narrowed(view: View, footprint: BatchFootprint, day: string): View | null {
  const range = resolveRange(view, day);
  if ('error' in range || !viewTouchedBy(view, range, footprint)) return null;
  const from = footprint.from > range.from ? footprint.from : range.from;
  const to = footprint.to < range.to ? footprint.to : range.to;
  if (from > to) return null;
  // A range view is one bucket over its whole span: narrowing it would change the figure.
  if (view.grain === 'range') return view;
  const { last: _last, ...rest } = view;
  return { ...rest, from: formatPeriod(periodOf(view.grain, from)), to: formatPeriod(periodOf(view.grain, to)) };
}

const changedBy = (footprint: BatchFootprint) => (f: ExportFigure) =>
  footprint.indicators.includes(f.indicator) && (f.entity.kind === 'facility' || footprint.unitCodes.includes(f.entity.code));

/** The body a receiver gets, or why there is none (every refusal listed, in Vietnamese and English). */
async function bodyOf(context: PushContext, receiver: ActiveReceiver, views: View[], footprint: BatchFootprint): Promise<{ body: string } | { error: string } | null> {
  const day = today(context.pack.timezone);
  const refusals = new Refusals();
  let figures: ExportFigure[];
  try {
    const read = receiver.format === 'fhir' ? views.flatMap((v) => fhirViews(v, context.catalogue)) : views;
    figures = (await exportFigures(context.store, context.reference, read, day, context.timeoutMs, refusals)).filter(changedBy(footprint));
  } catch (err) {
    if (err instanceof ViewError || err instanceof QueryTimeout) return { error: `không đọc được góc nhìn / the views cannot be read: ${err.message}` };
    throw err;
  }
  if (figures.length === 0 && refusals.size === 0) return null;
  const body =
    receiver.format === 'fhir'
      ? JSON.stringify(writeFhir(figures, context.catalogue, new Date(), day))
      : receiver.format === 'dhis2'
        ? JSON.stringify(writeDhis2(figures, context.mapping!, 'uid', refusals))
        : writeAdx(figures, context.mapping!, 'code', undefined, new Date(), refusals);
  if (refusals.size > 0) return { error: refusalAnswer(refusals, receiver.format.toUpperCase()).message };
  return { body };
}

/**
 * Writes the entries a committed batch makes (none for a receiver whose views it does not touch).
 * Returns how many were written pending, to be sent.
 */
export async function enqueueBatch(context: PushContext, receivers: readonly ActiveReceiver[], footprint: BatchFootprint, maxBodyBytes: number): Promise<number> {
  let pending = 0;
  const day = today(context.pack.timezone);
  for (const receiver of receivers) {
    const views = receiver.views.map((v) => narrowed(v, footprint, day)).filter((v): v is View => v !== null);
    if (views.length === 0) continue;
    const key = idempotencyKey(receiver.id, footprint.batchId, views);
    if ((await context.store.query('SELECT 1 FROM outbox WHERE idempotency_key = $1', [key])).length > 0) continue;
    const made = await bodyOf(context, receiver, views, footprint);
    if (made === null) continue;
    const tooLarge = 'body' in made && Buffer.byteLength(made.body) > maxBodyBytes;
    const error = 'error' in made ? made.error : tooLarge ? `nội dung quá ${maxBodyBytes} byte / the body is over ${maxBodyBytes} bytes: narrow the receiver's views` : null;
    const wrote = await context.store.exclusive((c) =>
      inTransaction(c, async () => {
        const inserted = await rows(
          c,
          'INSERT INTO outbox (receiver_id, idempotency_key, batch_id, body, status, last_error) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id',
          [receiver.id, key, footprint.batchId, error === null ? (made as { body: string }).body : '', error === null ? 'pending' : 'failed', error],
        );
        if (inserted.length > 0 && error !== null)
          await auditIn(c, 'push', 'push_refused', receiver.name, { receiver: receiver.id, outbox: (inserted[0] as { id: number }).id, batch: footprint.batchId, error });
        return inserted.length > 0;
      }),
    );
    if (wrote && error === null) pending++;
  }
  await context.store.exclusive((c) =>
    c.run(`UPDATE receivers SET enqueued_through = $2 WHERE list_contains(from_json($1::JSON, '["INTEGER"]'), id) AND enqueued_through < $2`, [
      JSON.stringify(receivers.map((r) => r.id)),
      footprint.batchId,
    ]),
  );
  return pending;
}

/**
 * What a committed batch changed, read back from the facts it still holds: for the batches that
 * landed but whose entries a stopped server had not yet written (a crash between the two).
 * Null when none of its facts is left (a later batch replaced them all, and carries them).
 */
export async function footprintFromFacts(store: Store, batchId: number): Promise<BatchFootprint | null> {
  const [r] = await store.query<{ indicators: string[] | null; units: string[] | null; first: string | null; last: string | null }>(
    `SELECT (SELECT list(DISTINCT i.code) FROM facts f JOIN indicators i ON i.id = f.indicator_id WHERE f.batch_id = $1) AS indicators,
       (SELECT list(DISTINCT u.code) FROM facts f JOIN unit_ancestors a ON a.unit_id = f.unit_id JOIN units u ON u.id = a.ancestor_id WHERE f.batch_id = $1) AS units,
       (SELECT min(period_start)::VARCHAR FROM facts WHERE batch_id = $1) AS first, (SELECT max(period_end)::VARCHAR FROM facts WHERE batch_id = $1) AS last`,
    [batchId],
  );
  if (!r?.indicators || !r.units || !r.first || !r.last) return null;
  return { batchId, committedAt: Date.now(), indicators: r.indicators, unitCodes: r.units, from: r.first, to: r.last };
}

export interface OutboxEntry {
  id: number;
  receiver_id: number;
  receiver: string;
  idempotency_key: string;
  batch_id: number;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  bytes: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
  attempt_log: { at: string; http_status: number | null; error: string | null; duration_ms: number }[];
}

/** The latest entries (newest first), each with its attempts, for an admin. */
export async function readOutbox(store: Store, limit = 200): Promise<OutboxEntry[]> {
  const entries = await store.query<Omit<OutboxEntry, 'attempt_log'> & { attempt_log: string }>(
    `SELECT o.id, o.receiver_id, r.name AS receiver, o.idempotency_key, o.batch_id, o.status, o.attempts, octet_length(encode(o.body))::INTEGER AS bytes,
       o.next_attempt_at::VARCHAR AS next_attempt_at, o.last_error, o.created_at::VARCHAR AS created_at, o.delivered_at::VARCHAR AS delivered_at,
       COALESCE((SELECT to_json(list({'at': a.attempted_at::VARCHAR, 'http_status': a.http_status, 'error': a.error, 'duration_ms': a.duration_ms} ORDER BY a.attempted_at))
                 FROM delivery_attempts a WHERE a.outbox_id = o.id), '[]')::VARCHAR AS attempt_log
     FROM outbox o JOIN receivers r ON r.id = o.receiver_id ORDER BY o.id DESC LIMIT $1`,
    [limit],
  );
  return entries.map((e) => ({ ...e, attempt_log: JSON.parse(e.attempt_log) as OutboxEntry['attempt_log'] }));
}
