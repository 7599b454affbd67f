/** The audit log: every write with who made it and when (batches and credentials write theirs in their own transactions). */
import type { Store } from '../store/store.ts';

export async function recordAudit(store: Store, actor: string, action: string, target: string | null, detail: Record<string, unknown>): Promise<void> {
  await store.exclusive((c) => c.run('INSERT INTO audit_log (actor, action, target, detail) VALUES ($1, $2, $3, $4::JSON)', [actor, action, target, JSON.stringify(detail)]));
}

export async function readAudit(store: Store, limit = 500) {
  return store.query(
    'SELECT id, recorded_at::VARCHAR AS recorded_at, actor, action, target, detail::VARCHAR AS detail FROM audit_log ORDER BY id DESC LIMIT $1',
    [limit],
  );
}
