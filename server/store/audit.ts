/**
 * The audit log: every write with who made it and when. A write that has a transaction of its
 * own (a batch, a token, a target) records itself inside it with `auditIn`, so the two land together.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Store } from './store.ts';

export async function auditIn(connection: DuckDBConnection, actor: string, action: string, target: string | null, detail: Record<string, unknown>): Promise<void> {
  await connection.run('INSERT INTO audit_log (actor, action, target, detail) VALUES ($1, $2, $3, $4::JSON)', [actor, action, target, JSON.stringify(detail)]);
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
