/**
 * The audit log: every write with who made it and when. A write that has a transaction of its
 * own (a batch, a token, a target) records itself inside it with `auditIn`, so the two land together.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Store } from './store.ts';

/**
 * Text as it may stand in a log line: control characters (CR, LF, tabs, escapes) become spaces,
 * so no field can forge another line or entry in an exported log.
 */
export const logText = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');

const cleanDetail = (detail: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(detail).map(([k, v]) => [k, typeof v === 'string' ? logText(v) : v]));

export async function auditIn(connection: DuckDBConnection, actor: string, action: string, target: string | null, detail: Record<string, unknown>): Promise<void> {
  await connection.run('INSERT INTO audit_log (actor, action, target, detail) VALUES ($1, $2, $3, $4::JSON)', [
    logText(actor),
    action,
    target === null ? null : logText(target),
    JSON.stringify(cleanDetail(detail)),
  ]);
}

export async function recordAudit(store: Store, actor: string, action: string, target: string | null, detail: Record<string, unknown>): Promise<void> {
  await store.exclusive((c) => auditIn(c, actor, action, target, detail));
}

export async function readAudit(store: Store, limit = 500) {
  return store.query(
    'SELECT id, recorded_at::VARCHAR AS recorded_at, actor, action, target, detail::VARCHAR AS detail FROM audit_log ORDER BY id DESC LIMIT $1',
    [limit],
  );
}
